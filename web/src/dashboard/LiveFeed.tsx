import { useRef } from 'react';
import { useI18n } from '../i18n/I18nProvider.tsx';
import type { FeedEntry } from './board-state.ts';
import { PartnerName } from './PartnerName.tsx';
import { useRowsThatFit } from './wall-layout.ts';

/** Where the page scrolls (phones, tablets), the feed lists this many. */
const scrollingCount = 8;

interface LiveFeedProps {
  readonly entries: readonly FeedEntry[];
  readonly partnerName: (partnerId: string) => string;
  readonly partnerShortName: (partnerId: string) => string;
  /** The wall fills the screen: the feed shows as many as fit. */
  readonly fitted: boolean;
}

/** 实时动态: what changed, newest first; entries that arrived live are marked. */
export function LiveFeed({ entries, partnerName, partnerShortName, fitted }: LiveFeedProps) {
  const { t, format } = useI18n();
  const list = useRef<HTMLOListElement>(null);
  const rows = useRowsThatFit(list, fitted);
  return (
    <section className="panel panel--feed" aria-labelledby="feed-title">
      <header className="panel__header">
        <h2 id="feed-title">{t('wall.feed.title')}</h2>
      </header>
      {entries.length === 0 ? <p className="panel__empty">{t('wall.feed.empty')}</p> : null}
      <ol ref={list} className="feed" data-testid="live-feed">
        {entries.slice(0, fitted ? rows : scrollingCount).map((entry) => (
          <li key={entry.key} className={`feed__entry${entry.live ? ' feed__entry--live' : ''}`}>
            <time className="feed__time" dateTime={entry.at}>
              {format.dateTime(entry.at)}
            </time>
            <p className="feed__text">
              {entry.partnerId ? (
                <span className="feed__who">
                  <PartnerName short={partnerShortName(entry.partnerId)} full={partnerName(entry.partnerId)} />
                </span>
              ) : null}
              <span className={`feed__action feed__action--${entry.action.toLowerCase()}`}>
                {t(`feed.${entry.subject}.${entry.action}`)}
              </span>
              <span className="feed__title" title={entry.title}>
                {entry.title}
              </span>
            </p>
            {entry.live ? <span className="feed__new">{t('wall.feed.new')}</span> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

import { useI18n } from '../i18n/I18nProvider.tsx';
import type { FeedEntry } from './board-state.ts';

/** 实时动态: what changed, newest first; entries that arrived live are marked. */
export function LiveFeed({ entries, partnerName }: { entries: readonly FeedEntry[]; partnerName: (partnerId: string) => string }) {
  const { t, format } = useI18n();
  return (
    <section className="panel panel--feed" aria-labelledby="feed-title">
      <header className="panel__header">
        <h2 id="feed-title">{t('wall.feed.title')}</h2>
      </header>
      {entries.length === 0 ? <p className="panel__empty">{t('wall.feed.empty')}</p> : null}
      <ol className="feed" data-testid="live-feed">
        {entries.map((entry) => (
          <li key={entry.key} className={`feed__entry${entry.live ? ' feed__entry--live' : ''}`}>
            <time className="feed__time" dateTime={entry.at}>
              {format.dateTime(entry.at)}
            </time>
            <p className="feed__text">
              <span className="feed__who">{entry.partnerId ? partnerName(entry.partnerId) : ''}</span>
              <span className={`feed__action feed__action--${entry.action.toLowerCase()}`}>
                {t(`feed.${entry.subject}.${entry.action}`)}
              </span>
              <span className="feed__title">{entry.title}</span>
            </p>
            {entry.live ? <span className="feed__new">{t('wall.feed.new')}</span> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

import { useCallback, useRef } from 'react';
import { useQuery } from 'urql';
import { useCobuildChanges } from '../cobuild/useCobuildChanges.ts';
import { type CobuildChangeRowFragment, CobuildWallDocument, type CobuildWallQuery } from '../generated/graphql.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useRowsThatFit } from './wall-layout.ts';

/** How many of the latest steps the panel lists. */
const shown = 6;

/** The newest steps first: those received live, then those the read gave, each once. */
function newest(live: readonly CobuildChangeRowFragment[], loaded: readonly CobuildChangeRowFragment[]) {
  const seen = new Set<string>();
  return [
    ...live.map((change) => ({ change, live: true })),
    ...[...loaded].sort((a, b) => b.at.localeCompare(a.at)).map((change) => ({ change, live: false })),
  ]
    .filter(({ change }) => !seen.has(change.id) && seen.add(change.id))
    .slice(0, shown);
}

export interface CobuildWall {
  readonly alliance: NonNullable<CobuildWallQuery['alliance']> | undefined;
  /** The newest steps, each marked when it arrived live. */
  readonly steps: { change: CobuildChangeRowFragment; live: boolean }[];
  /** Its first read has not answered yet. */
  readonly loading: boolean;
}

/**
 * 三张清单's figures and newest steps for the wall, kept current through `cobuildChanged`. The
 * page reads them from the start, beside the board's own views.
 */
export function useCobuildWall(allianceId: string): CobuildWall {
  const [result, reexecute] = useQuery({ query: CobuildWallDocument, variables: { allianceId } });
  const refresh = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);
  const alliance = result.data?.alliance ?? undefined;
  const { changes } = useCobuildChanges(allianceId, alliance?.liveCursor, refresh);
  return { alliance, steps: newest(changes, alliance?.cobuildHistory ?? []), loading: result.fetching && !result.data };
}

/**
 * 三张清单 on the wall: needs waiting for a partner, the claim hall, and the newest steps (claims,
 * acceptances, deliveries, closures) as they happen, as many as fit.
 */
export function CobuildPanel({ cobuild, fitted }: { cobuild: CobuildWall; fitted: boolean }) {
  const { t, format } = useI18n();
  const { alliance } = cobuild;
  const feed = useRef<HTMLOListElement>(null);
  const steps = cobuild.steps.slice(0, useRowsThatFit(feed, fitted));
  return (
    <section className="panel panel--cobuild" aria-labelledby="cobuild-title" data-testid="wall-cobuild">
      <header className="panel__header">
        <h2 id="cobuild-title">{t('cobuild.title')}</h2>
      </header>
      <dl className="cobuild-figures">
        <div>
          <dt>{t('cobuild.wall.openNeeds')}</dt>
          <dd data-testid="wall-open-needs">{alliance ? format.number(alliance.needs.length) : '—'}</dd>
        </div>
        <div className={alliance && alliance.claimHall.length > 0 ? 'is-alert' : undefined}>
          <dt>{t('cobuild.tab.hallShort')}</dt>
          <dd data-testid="wall-claim-hall">{alliance ? format.number(alliance.claimHall.length) : '—'}</dd>
        </div>
      </dl>
      {steps.length === 0 ? <p className="panel__empty">{t('wall.feed.empty')}</p> : null}
      <ol ref={feed} className="feed" data-testid="wall-cobuild-feed">
        {steps.map(({ change, live }) => (
          <li key={change.id} className={`feed__entry${live ? ' feed__entry--live' : ''}`} data-action={change.action}>
            <time className="feed__time" dateTime={change.at}>
              {format.dateTime(change.at)}
            </time>
            <p className="feed__text">
              <span className={`feed__action feed__action--${change.action === 'EVALUATED' ? 'completed' : 'cobuild'}`}>
                {t(`cobuild.action.${change.action}`)}
              </span>
              <span className="feed__title">{change.detail ?? ''}</span>
            </p>
            {live ? <span className="feed__new">{t('wall.feed.new')}</span> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

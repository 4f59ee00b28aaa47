import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { PartnerKinds } from '../../kinds/partner-kinds.ts';
import { Hint } from './Hint.tsx';
import type { RankedPartner } from './ranking.ts';

/** 成员单位完成率排名: every member by completion rate, then items completed; 简称 with the full name on hover or focus. */
export function RankingPanel({ ranked, kinds }: { ranked: readonly RankedPartner[]; kinds: PartnerKinds }) {
  const { t, format } = useI18n();
  return (
    <section className="panel overview-panel overview-panel--ranking" aria-labelledby="overview-ranking-title">
      <header className="panel__header">
        <h2 id="overview-ranking-title">{t('overview.ranking.title')}</h2>
        <span className="panel__meta">{t('overview.ranking.meta')}</span>
      </header>
      {ranked.length === 0 ? <p className="panel__empty">{t('overview.ranking.empty')}</p> : null}
      <ol className="ranking">
        {ranked.map((row) => (
          <li key={row.partnerId} className="ranking__row" data-partner-id={row.partnerId} data-rank={row.rank}>
            <span className={`ranking__rank${row.rank <= 3 ? ' ranking__rank--top' : ''}`}>
              <span className="visually-hidden">{t('overview.ranking.rank', { rank: row.rank })}</span>
              <span aria-hidden="true">{row.rank}</span>
            </span>
            <span className="ranking__kind" style={{ background: kinds.of(row.kind)?.color ?? 'currentColor' }} aria-hidden="true" />
            <Hint className="ranking__name" hint={row.fullName}>
              {row.shortName}
            </Hint>
            <span className="ranking__bar" aria-hidden="true">
              <span className="ranking__fill" style={{ width: `${Math.round(row.completionRate * 1000) / 10}%` }} />
            </span>
            <span className="ranking__rate">{format.percent(row.completionRate)}</span>
            <span className="ranking__figures">
              <span aria-hidden="true">
                {format.number(row.completed)}/{format.number(row.total)}
              </span>
              <span className="visually-hidden">
                {t('overview.ranking.figures', { completed: format.number(row.completed), total: format.number(row.total) })}
              </span>
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}

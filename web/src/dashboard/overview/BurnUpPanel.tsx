import { useCallback } from 'react';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { burnUpOption, burnUpSummary, type CompletionPoint } from './burn-up.ts';
import { OverviewChart } from './OverviewChart.tsx';

/** 清单完成趋势: the joint list's burn-up since the alliance was founded. */
export function BurnUpPanel({ points }: { points: readonly CompletionPoint[] | null }) {
  const { t, format } = useI18n();
  const build = useCallback((em: number) => burnUpOption(points ?? [], t, format, em), [points, t, format]);
  const last = points?.at(-1);
  return (
    <section
      className="panel overview-panel overview-panel--burn-up"
      aria-labelledby="overview-burn-up-title"
      data-points={points?.length ?? 0}
      data-last-listed={last?.listed ?? 0}
      data-last-completed={last?.completed ?? 0}
    >
      <header className="panel__header">
        <h2 id="overview-burn-up-title">{t('overview.burnUp.title')}</h2>
        <span className="panel__meta">{t('overview.burnUp.meta')}</span>
      </header>
      {points && points.length > 0 ? <OverviewChart build={build} summary={burnUpSummary(points, t, format)} /> : null}
      {points?.length === 0 ? <p className="panel__empty">{t('overview.burnUp.empty')}</p> : null}
    </section>
  );
}

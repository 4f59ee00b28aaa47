import type { BoardStatsFragment } from '../generated/graphql.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useWallText } from './wall-text.ts';

/** The headline figures: items, done, completion rate, overdue, stale, mean progress. */
export function KpiStrip({ stats, upcoming }: { stats: BoardStatsFragment; upcoming: number }) {
  const { t, format } = useI18n();
  const { counted } = useWallText();
  const { overall } = stats;
  const figures = [
    { key: 'total', label: t('wall.kpi.total'), value: format.number(overall.total) },
    { key: 'completed', label: t('wall.kpi.completed'), value: format.number(overall.completed) },
    { key: 'rate', label: t('wall.kpi.completionRate'), value: format.percent(overall.completionRate) },
    { key: 'overdue', label: t('wall.kpi.overdue'), value: format.number(overall.overdue), alert: overall.overdue > 0 },
    { key: 'stale', label: counted('wall.kpi.stale', stats.staleDays), value: format.number(stats.stale), alert: stats.stale > 0 },
    { key: 'progress', label: t('wall.kpi.averageProgress'), value: format.percent(overall.averageProgress / 100) },
    { key: 'upcoming', label: t('wall.kpi.upcoming'), value: format.number(upcoming) },
  ];
  return (
    <ul className="kpi-strip" aria-label={t('wall.kpi.label')}>
      {figures.map((figure) => (
        <li key={figure.key} className={`kpi${figure.alert ? ' kpi--alert' : ''}`} data-kpi={figure.key}>
          <span className="kpi__value">{figure.value}</span>
          <span className="kpi__label">{figure.label}</span>
        </li>
      ))}
    </ul>
  );
}

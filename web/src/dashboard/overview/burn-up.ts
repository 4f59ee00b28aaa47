import type { WallOverviewQuery } from '../../generated/graphql.ts';
import type { Format } from '../../i18n/format.ts';
import type { Translate } from '../../i18n/I18nProvider.tsx';
import { palette } from '../palette.ts';
import type { OverviewChartOption } from './overview-echarts.ts';

export type CompletionPoint = NonNullable<WallOverviewQuery['alliance']>['completionOverTime'][number];

/** `2026-03-02` → `3/2`, the week's Monday on the axis. */
const shortDay = (day: string) => `${Number(day.slice(5, 7))}/${Number(day.slice(8, 10))}`;

/** The burn-up: cumulative items on the list (gold) and completed (green, filled), one point a week. */
export function burnUpOption(points: readonly CompletionPoint[], t: Translate, format: Format, em: number): OverviewChartOption {
  const text = { color: palette.text, fontSize: Math.round(em * 0.85) };
  const muted = { color: palette.muted, fontSize: Math.round(em * 0.8) };
  return {
    animationDuration: 600,
    legend: { top: 0, right: 0, textStyle: text, itemWidth: em, itemHeight: em * 0.6 },
    tooltip: {
      trigger: 'axis',
      backgroundColor: 'rgba(20, 8, 10, 0.92)',
      borderColor: palette.gold,
      textStyle: { color: palette.text, fontSize: Math.round(em * 0.85) },
      formatter: (params: unknown) => {
        const rows = params as { dataIndex: number }[];
        const point = points[rows[0]?.dataIndex ?? 0];
        return point
          ? t('overview.burnUp.tooltip', { week: format.date(point.week), listed: point.listed, completed: point.completed })
          : '';
      },
    },
    grid: { left: em * 0.5, right: em, top: em * 2, bottom: em * 0.3, containLabel: true },
    xAxis: {
      type: 'category',
      boundaryGap: false,
      data: points.map((point) => point.week),
      axisLabel: { ...muted, formatter: shortDay, hideOverlap: true },
      axisLine: { lineStyle: { color: palette.line } },
    },
    yAxis: { type: 'value', minInterval: 1, axisLabel: muted, splitLine: { lineStyle: { color: palette.line } } },
    series: [
      {
        name: t('overview.burnUp.listed'),
        type: 'line',
        color: palette.gold,
        symbol: 'none',
        lineStyle: { width: Math.max(2, em * 0.15) },
        data: points.map((point) => point.listed),
      },
      {
        name: t('overview.burnUp.completed'),
        type: 'line',
        color: palette.green,
        symbol: 'none',
        lineStyle: { width: Math.max(2, em * 0.15) },
        areaStyle: { color: 'rgba(63, 191, 127, 0.22)' },
        data: points.map((point) => point.completed),
      },
    ],
  };
}

/** The burn-up in words, for assistive technology: where it starts, where it stands. */
export function burnUpSummary(points: readonly CompletionPoint[], t: Translate, format: Format): string {
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last) {
    return t('overview.burnUp.empty');
  }
  return t('overview.burnUp.summary', {
    from: format.date(first.week),
    to: format.date(last.week),
    weeks: points.length,
    listed: format.number(last.listed),
    completed: format.number(last.completed),
    rate: format.percent(last.listed === 0 ? 0 : last.completed / last.listed),
  });
}

import type { BoardStatsFragment } from '../generated/graphql.ts';
import type { Format } from '../i18n/format.ts';
import type { Translate } from '../i18n/I18nProvider.tsx';
import type { Lang } from '../i18n/lang.ts';
import { type PartnerKinds, textOf } from '../kinds/partner-kinds.ts';
import type { ChartOption } from './echarts.ts';
import { palette } from './palette.ts';

const axisText = { color: palette.muted, fontSize: 13 };
const splitLine = { lineStyle: { color: palette.line } };
const tooltip = { backgroundColor: 'rgba(20, 8, 10, 0.92)', borderColor: palette.gold, textStyle: { color: palette.text } };

/** Long organization names, shortened for an axis label. */
function shorten(name: string, max = 9): string {
  return [...name].length > max ? `${[...name].slice(0, max).join('')}…` : name;
}

/** Completion by partner: done, open and overdue items as stacked bars, one row per partner. */
export function partnerCompletionOption(stats: BoardStatsFragment, t: Translate, format: Format): ChartOption {
  const rows = [...stats.byPartner].sort((a, b) => a.completionRate - b.completionRate);
  const names = rows.map((row) => row.partnerName);
  return {
    tooltip: { ...tooltip, trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, textStyle: { color: palette.text }, itemWidth: 14 },
    grid: { left: 8, right: 56, top: 32, bottom: 4, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, axisLabel: axisText, splitLine },
    yAxis: { type: 'category', data: names, axisLabel: { ...axisText, color: palette.text, formatter: (name: string) => shorten(name) } },
    series: [
      {
        name: t('wall.chart.completed'),
        type: 'bar',
        stack: 'items',
        barMaxWidth: 28,
        color: palette.green,
        data: rows.map((row) => row.completed),
      },
      {
        name: t('wall.chart.open'),
        type: 'bar',
        stack: 'items',
        color: palette.blue,
        data: rows.map((row) => Math.max(0, row.total - row.completed - row.overdue)),
      },
      {
        name: t('wall.chart.overdue'),
        type: 'bar',
        stack: 'items',
        color: palette.red,
        data: rows.map((row) => row.overdue),
        label: {
          show: true,
          position: 'right',
          color: palette.gold,
          formatter: ({ dataIndex }: { dataIndex: number }) => format.percent(rows[dataIndex]?.completionRate ?? 0),
        },
      },
    ],
  };
}

/** Completion by category (六联): completion rate and mean progress of each measure, in percent. */
export function categoryCompletionOption(stats: BoardStatsFragment, t: Translate, format: Format): ChartOption {
  const rows = stats.byCategory;
  const percentLabel = (value: number) => format.percent(value / 100);
  return {
    tooltip: { ...tooltip, trigger: 'axis', valueFormatter: (value) => percentLabel(Number(value)) },
    legend: { top: 0, textStyle: { color: palette.text }, itemWidth: 14 },
    grid: { left: 8, right: 8, top: 32, bottom: 4, containLabel: true },
    xAxis: {
      type: 'category',
      data: rows.map((row) => t(`category.${row.category}`)),
      axisLabel: { ...axisText, color: palette.text, interval: 0, width: 64, overflow: 'break' },
    },
    yAxis: { type: 'value', max: 100, axisLabel: { ...axisText, formatter: (value: number) => percentLabel(value) }, splitLine },
    series: [
      {
        name: t('wall.chart.completionRate'),
        type: 'bar',
        color: palette.gold,
        barMaxWidth: 26,
        data: rows.map((row) => Math.round(row.completionRate * 1000) / 10),
      },
      {
        name: t('wall.chart.averageProgress'),
        type: 'bar',
        color: palette.red,
        barMaxWidth: 26,
        data: rows.map((row) => Math.round(row.averageProgress * 10) / 10),
      },
    ],
  };
}

/**
 * The partner kinds of the alliance's members as the graph's categories, in the order the API
 * lists the kinds, each in its own colour; a kind the API did not describe by its value, muted.
 */
function kindCategories(members: readonly { kind: string }[], kinds: PartnerKinds, lang: Lang) {
  const present = new Set(members.map((member) => member.kind));
  const ordered = [
    ...kinds.list.map((kind) => kind.kind).filter((kind) => present.has(kind)),
    ...[...present].filter((kind) => !kinds.of(kind)),
  ];
  return ordered.map((value) => {
    const kind = kinds.of(value);
    return { value, name: kind ? textOf(kind.label, lang) : value, color: kind?.color ?? palette.muted };
  });
}

/** The alliance as a graph: the alliance in the middle, its partners around it, sized by their items, coloured by kind. */
export function partnerGraphOption(
  allianceName: string,
  members: readonly { partnerId: string; name: string; kind: string }[],
  stats: BoardStatsFragment,
  kinds: PartnerKinds,
  t: Translate,
  format: Format,
  lang: Lang,
): ChartOption {
  const figures = new Map(stats.byPartner.map((row) => [row.partnerId, row]));
  const kindRows = kindCategories(members, kinds, lang);
  return {
    tooltip: { ...tooltip, formatter: '{b}' },
    legend: { bottom: 0, data: kindRows.map((kind) => kind.name), textStyle: { color: palette.text }, itemWidth: 12 },
    series: [
      {
        type: 'graph',
        layout: 'none',
        preserveAspect: true,
        top: 24,
        bottom: 56,
        left: 64,
        right: 64,
        roam: false,
        categories: [
          { name: t('wall.graph.alliance'), itemStyle: { color: palette.red } },
          ...kindRows.map((kind) => ({ name: kind.name, itemStyle: { color: kind.color } })),
        ],
        label: { show: true, color: palette.text, fontSize: 13, position: 'bottom' },
        lineStyle: { color: palette.gold, opacity: 0.5, width: 2, curveness: 0.1 },
        edgeLabel: {
          show: true,
          color: palette.muted,
          fontSize: 12,
          formatter: ({ value }: { value?: unknown }) => format.percent(Number(value ?? 0)),
        },
        data: [
          {
            id: 'alliance',
            name: allianceName,
            x: 0,
            y: 0,
            category: 0,
            symbolSize: 46,
            label: { formatter: shorten(allianceName, 12), fontWeight: 'bold' },
          },
          ...members.map((member, index) => {
            const row = figures.get(member.partnerId);
            // Partners evenly round the alliance on a wide ellipse (walls are wide), the first at the top.
            const angle = -Math.PI / 2 + (2 * Math.PI * index) / Math.max(1, members.length);
            return {
              id: member.partnerId,
              name: member.name,
              x: Math.cos(angle) * 180,
              y: Math.sin(angle) * 100,
              category: kindRows.findIndex((kind) => kind.value === member.kind) + 1,
              symbolSize: 20 + Math.min(24, (row?.total ?? 0) * 3),
              label: { formatter: shorten(member.name) },
            };
          }),
        ],
        links: members.map((member) => ({
          source: 'alliance',
          target: member.partnerId,
          value: figures.get(member.partnerId)?.completionRate ?? 0,
        })),
      },
    ],
  };
}

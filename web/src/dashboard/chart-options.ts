import type { BoardStatsFragment } from '../generated/graphql.ts';
import type { Format } from '../i18n/format.ts';
import type { Translate } from '../i18n/I18nProvider.tsx';
import type { ChartOption } from './echarts.ts';
import { palette } from './palette.ts';

/** A chart's box in pixels, and the pixels of a rem there (the wall scales its type with the screen). */
export interface ChartBox {
  readonly width: number;
  readonly height: number;
  readonly rem: number;
}

/** What the chart options need to name things: messages, formats, partners' short names. */
export interface ChartText {
  readonly t: Translate;
  readonly format: Format;
  /** A partner's short name (简称) by its full name, for axis and node labels. */
  readonly shortName: (fullName: string) => string;
}

const tooltip = { backgroundColor: 'rgba(20, 8, 10, 0.92)', borderColor: palette.gold, textStyle: { color: palette.text } };

/** Type sizes of a chart, in pixels, from the wall's rem. */
function type(box: ChartBox) {
  return { axis: Math.round(0.82 * box.rem), legend: Math.round(0.82 * box.rem), label: Math.round(0.8 * box.rem) };
}

/** Completion by partner: done, open and overdue items as stacked bars, one row per partner (by short name). */
export function partnerCompletionOption(stats: BoardStatsFragment, text: ChartText, box: ChartBox): ChartOption {
  const { t, format } = text;
  const size = type(box);
  const rows = [...stats.byPartner].sort((a, b) => a.completionRate - b.completionRate);
  return {
    tooltip: { ...tooltip, trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, textStyle: { color: palette.text, fontSize: size.legend }, itemWidth: size.legend, itemHeight: size.legend * 0.75 },
    grid: { left: 4, right: 4.2 * box.rem, top: 2.2 * box.rem, bottom: 4, containLabel: true },
    xAxis: {
      type: 'value',
      minInterval: 1,
      axisLabel: { color: palette.muted, fontSize: size.axis },
      splitLine: { lineStyle: { color: palette.line } },
    },
    yAxis: {
      type: 'category',
      data: rows.map((row) => row.partnerName),
      axisLabel: { color: palette.text, fontSize: size.axis, formatter: (name: string) => text.shortName(name) },
    },
    series: [
      {
        name: t('wall.chart.completed'),
        type: 'bar',
        stack: 'items',
        barMaxWidth: 1.8 * box.rem,
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
          fontSize: size.label,
          formatter: ({ dataIndex }: { dataIndex: number }) => format.percent(rows[dataIndex]?.completionRate ?? 0),
        },
      },
    ],
  };
}

/**
 * Completion by category (六联): completion rate and mean progress of each measure, in percent,
 * as bars across so each measure's name has a line of its own (whatever the language).
 */
export function categoryCompletionOption(stats: BoardStatsFragment, text: ChartText, box: ChartBox): ChartOption {
  const { t, format } = text;
  const size = type(box);
  const rows = stats.byCategory;
  const percentLabel = (value: number) => format.percent(value / 100);
  return {
    tooltip: { ...tooltip, trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (value) => percentLabel(Number(value)) },
    legend: { top: 0, textStyle: { color: palette.text, fontSize: size.legend }, itemWidth: size.legend, itemHeight: size.legend * 0.75 },
    grid: { left: 4, right: 1.2 * box.rem, top: 2.2 * box.rem, bottom: 4, containLabel: true },
    yAxis: {
      type: 'category',
      inverse: true,
      data: rows.map((row) => t(`category.${row.category}`)),
      axisLabel: { color: palette.text, fontSize: size.axis, interval: 0 },
    },
    xAxis: {
      type: 'value',
      max: 100,
      interval: 25,
      axisLabel: { color: palette.muted, fontSize: size.axis, formatter: (value: number) => percentLabel(value) },
      splitLine: { lineStyle: { color: palette.line } },
    },
    series: [
      {
        name: t('wall.chart.completionRate'),
        type: 'bar',
        color: palette.gold,
        barMaxWidth: 0.9 * box.rem,
        data: rows.map((row) => Math.round(row.completionRate * 1000) / 10),
      },
      {
        name: t('wall.chart.averageProgress'),
        type: 'bar',
        color: palette.red,
        barMaxWidth: 0.9 * box.rem,
        data: rows.map((row) => Math.round(row.averageProgress * 10) / 10),
      },
    ],
  };
}

/** One colour group of the partner graph: the alliance, or a partner kind. */
export interface GraphGroup {
  readonly value: string;
  readonly name: string;
  readonly color: string;
}

export interface GraphMember {
  readonly partnerId: string;
  readonly name: string;
  readonly shortName: string;
  /** Its group's value (its kind). */
  readonly group: string;
}

/** A label's width in pixels, roughly: a CJK character is an em, anything else about half. */
function textWidth(label: string, fontSize: number): number {
  return [...label].reduce((width, char) => width + (/[\u2e80-\uffff]/.test(char) ? 1 : 0.58) * fontSize, 0);
}

/**
 * The alliance as a graph: the alliance in the middle, its partners round it, sized by their items,
 * coloured by group, each labelled with its short name and completion rate. Laid out in the
 * chart's own pixels (drawn at scale 1): the ring leaves room for the labels, which point outwards
 * (beside a partner on either side, above or below one at the top or bottom), on two lines where
 * the box is tall enough and on one where it is not, so none runs into another and circles stay
 * round.
 */
export function partnerGraphOption(
  allianceName: string,
  members: readonly GraphMember[],
  groups: readonly GraphGroup[],
  stats: BoardStatsFragment,
  format: Format,
  box: ChartBox,
): ChartOption {
  const figures = new Map(stats.byPartner.map((row) => [row.partnerId, row]));
  const size = type(box);
  const scale = box.rem / 16;
  const gap = 6 * scale;
  const line = size.label * 1.3;
  const rate = (partnerId: string) => format.percent(figures.get(partnerId)?.completionRate ?? 0);
  const nodeSize = (partnerId: string) => (18 + Math.min(22, (figures.get(partnerId)?.total ?? 0) * 3)) * scale;
  const biggest = Math.max(18 * scale, ...members.map((member) => nodeSize(member.partnerId)));
  const centre = 42 * scale;
  const labelWidth = (member: GraphMember, oneLine: boolean) =>
    oneLine ? textWidth(`${member.shortName} ${rate(member.partnerId)}`, size.label) : textWidth(member.shortName, size.label);
  /** The ring's radii when labels take `lines` lines. */
  const ring = (oneLine: boolean) => {
    const widest = Math.max(0, ...members.map((member) => labelWidth(member, oneLine)));
    return {
      x: box.width / 2 - Math.min(widest, box.width * 0.32) - biggest / 2 - gap,
      y: box.height / 2 - (oneLine ? 1 : 2) * line - biggest / 2 - gap,
    };
  };
  // Two lines while the ring stays clear of the alliance in the middle; else one.
  const roomy = ring(false).y >= centre / 2 + biggest;
  const radius = ring(!roomy);
  const radiusX = Math.max(centre / 2 + biggest / 2, radius.x);
  const radiusY = Math.max(centre / 2 + biggest / 2, radius.y);
  const placed = members.map((member, index) => {
    // Evenly round the alliance, the first at the top.
    const angle = -Math.PI / 2 + (2 * Math.PI * index) / Math.max(1, members.length);
    const x = Math.cos(angle);
    const y = Math.sin(angle);
    const position: 'left' | 'right' | 'top' | 'bottom' = Math.abs(x) > 0.45 ? (x > 0 ? 'right' : 'left') : y < 0 ? 'top' : 'bottom';
    return { member, x: box.width / 2 + x * radiusX, y: box.height / 2 + y * radiusY, position };
  });
  // The view is the nodes' own extent, so their pixels are drawn as they are.
  const xs = [box.width / 2, ...placed.map((node) => node.x)];
  const ys = [box.height / 2, ...placed.map((node) => node.y)];
  const left = Math.min(...xs);
  const top = Math.min(...ys);
  return {
    tooltip: { ...tooltip, formatter: '{b}' },
    series: [
      {
        type: 'graph',
        layout: 'none',
        left,
        top,
        width: Math.max(1, Math.max(...xs) - left),
        height: Math.max(1, Math.max(...ys) - top),
        roam: false,
        categories: groups.map((group) => ({ name: group.name, itemStyle: { color: group.color } })),
        label: {
          show: true,
          rich: {
            name: { color: palette.text, fontSize: size.label, lineHeight: line },
            rate: { color: palette.gold, fontSize: Math.round(size.label * 0.92), lineHeight: line },
          },
        },
        lineStyle: { color: palette.gold, opacity: 0.5, width: 2 * scale, curveness: 0.1 },
        data: [
          {
            id: 'alliance',
            name: allianceName,
            x: box.width / 2,
            y: box.height / 2,
            category: 0,
            symbolSize: centre,
            label: { show: false },
          },
          ...placed.map(({ member, x, y, position }) => ({
            id: member.partnerId,
            name: member.name,
            x,
            y,
            category: Math.max(
              0,
              groups.findIndex((group) => group.value === member.group),
            ),
            symbolSize: nodeSize(member.partnerId),
            label: {
              formatter: `{name|${member.shortName}}${roomy ? '\n' : ' '}{rate|${rate(member.partnerId)}}`,
              position,
              distance: gap,
            },
          })),
        ],
        links: members.map((member) => ({ source: 'alliance', target: member.partnerId })),
      },
    ],
  };
}

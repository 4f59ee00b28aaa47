import type { Format } from '../../i18n/format.ts';
import type { Translate } from '../../i18n/I18nProvider.tsx';
import { palette } from '../palette.ts';
import type { useWallText } from '../wall-text.ts';
import type { RegionMap } from './map-regions.ts';
import type { OverviewChartOption } from './overview-echarts.ts';

/** The wording helpers a summary needs: messages, counts in plural form, lists. */
export type WallText = ReturnType<typeof useWallText> & { t: Translate; list: Format['list'] };

/** A member placed on the map. */
export interface MapPoint {
  readonly partnerId: string;
  readonly shortName: string;
  readonly fullName: string;
  readonly place: string | null;
  readonly longitude: number;
  readonly latitude: number;
  /** Its kind's colour. */
  readonly color: string;
}

/** Text put in ECharts' tooltip, which is HTML: names come from the API. */
const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char);

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const overlap = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/**
 * ECharts' label layout for the points' names: members a few km apart sit on one spot at a
 * province's scale, so a name that would cover one already placed moves down by its height
 * (up when far below is taken too), the nearest free place first; a line joins it to its point.
 * Labels come in data order (north first) on every layout, starting again at the first. A name
 * starts level with its point (`rect`, the point's symbol): the label's own rect may still carry
 * the shift of an earlier layout, while the shift returned applies to the unshifted place.
 */
function stackedLabels() {
  const placed: Rect[] = [];
  return ({ dataIndex, rect: symbol, labelRect }: { dataIndex?: number; rect: Rect; labelRect: Rect }) => {
    if (!dataIndex) {
      placed.length = 0;
    }
    const level = { ...labelRect, y: symbol.y + symbol.height / 2 - labelRect.height / 2 };
    const step = level.height + 2;
    const shifts = [
      ...Array.from({ length: 12 }, (_, index) => index * step),
      ...Array.from({ length: 12 }, (_, index) => -(index + 1) * step),
    ];
    const dy = shifts.find((shift) => !placed.some((other) => overlap({ ...level, y: level.y + shift }, other))) ?? 0;
    placed.push({ ...level, y: level.y + dy });
    return { dy };
  };
}

/**
 * The region's outline (its cities' borders, their names faint) with one point per member in its
 * kind's colour and its short name beside it; names that would overlap are moved apart and
 * joined to their point by a line.
 */
export function memberMapOption(map: RegionMap, points: readonly MapPoint[], em: number): OverviewChartOption {
  // North first, so names moved apart keep the points' order from top to bottom.
  const ordered = [...points].sort((a, b) => b.latitude - a.latitude);
  // Names go right of their point, but left of one at the eastern edge, where they would leave the map.
  const [west, , east] = map.bounds;
  const side = (point: MapPoint) => (point.longitude > west + (east - west) * 0.8 ? 'left' : 'right');
  return {
    // Nothing on the map moves; animated, names moved apart would cross each other on their way.
    animation: false,
    tooltip: {
      backgroundColor: 'rgba(20, 8, 10, 0.92)',
      borderColor: palette.gold,
      textStyle: { color: palette.text, fontSize: Math.round(em * 0.85) },
      formatter: (params: unknown) => {
        const point = ordered[(params as { dataIndex: number }).dataIndex];
        return point
          ? [point.fullName, point.place]
              .filter((text) => text !== null)
              .map((text) => escapeHtml(text as string))
              .join('<br>')
          : '';
      },
    },
    geo: {
      map: map.name,
      roam: false,
      silent: true,
      top: em * 0.5,
      bottom: em * 0.5,
      left: em * 0.5,
      right: em * 0.5,
      itemStyle: { areaColor: 'rgba(200, 22, 29, 0.16)', borderColor: 'rgba(245, 194, 66, 0.5)', borderWidth: 1 },
      label: { show: true, color: 'rgba(243, 233, 210, 0.45)', fontSize: Math.round(em * 0.7) },
    },
    series: [
      {
        type: 'scatter',
        coordinateSystem: 'geo',
        symbolSize: Math.round(em * 0.75),
        itemStyle: { borderColor: '#fff', borderWidth: 1.5 },
        data: ordered.map((point) => ({
          name: point.shortName,
          value: [point.longitude, point.latitude],
          itemStyle: { color: point.color },
          label: { position: side(point) },
        })),
        label: {
          show: true,
          position: 'right',
          formatter: '{b}',
          color: palette.text,
          fontSize: Math.round(em * 0.85),
          backgroundColor: 'rgba(12, 6, 8, 0.8)',
          borderRadius: 3,
          padding: [2, 4],
        },
        labelLine: { show: true, lineStyle: { color: palette.text, width: 1 } },
        labelLayout: stackedLabels(),
      },
    ],
  };
}

/** The map in words: the region, then each member and where it is. */
export function memberMapSummary(map: RegionMap | null, points: readonly MapPoint[], text: WallText): string {
  const { t, counted, list } = text;
  if (!map || points.length === 0) {
    return t('overview.map.none');
  }
  const aside = (point: MapPoint) =>
    point.place ? `${point.shortName}${t('common.asideOpen')}${point.place}${t('common.asideClose')}` : point.shortName;
  return counted('overview.map.summary', points.length, {
    region: list(map.keys.map((key) => t(`overview.region.${key}`))),
    members: list(points.map(aside)),
  });
}

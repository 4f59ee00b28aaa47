import { useCallback, useEffect, useMemo, useState } from 'react';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useWallText } from '../wall-text.ts';
import { type MapPoint, memberMapOption, memberMapSummary } from './map-option.ts';
import { outlineContains, type RegionMap, regionMapFor } from './map-regions.ts';
import { OverviewChart } from './OverviewChart.tsx';

interface MapPanelProps {
  readonly points: readonly MapPoint[];
  /** Short names of the members with no location. */
  readonly unplaced: readonly string[];
  readonly memberCount: number;
}

/**
 * The outline to draw for the points, once loaded and registered with ECharts: undefined while
 * loading, null when no shipped outline contains any of them.
 */
function useRegionMap(points: readonly MapPoint[]): RegionMap | null | undefined {
  const [map, setMap] = useState<RegionMap | null | undefined>(undefined);
  const key = points.map((point) => `${point.longitude},${point.latitude}`).join(';');
  // The outline depends on the coordinates only (`key`), not on the array's identity.
  useEffect(() => {
    let current = true;
    regionMapFor(points.map((point) => [point.longitude, point.latitude] as const)).then(async (loaded) => {
      if (loaded) {
        const { registerRegion } = await import('./overview-echarts.ts');
        registerRegion(loaded);
      }
      if (current) {
        setMap(loaded);
      }
    });
    return () => {
      current = false;
    };
  }, [key]);
  return map;
}

/** 成员单位分布: the members as points on the outline of the region(s) they are in, drawn offline. */
export function MapPanel({ points, unplaced, memberCount }: MapPanelProps) {
  const { t, format } = useI18n();
  const { counted } = useWallText();
  const map = useRegionMap(points);
  // A point outside every outline shown would be drawn off the map: it is named beneath instead.
  const onMap = useMemo(
    () => (map ? points.filter((point) => outlineContains(map.outline, [point.longitude, point.latitude])) : []),
    [map, points],
  );
  const offMap = map === undefined ? [] : points.filter((point) => !onMap.includes(point)).map((point) => point.shortName);
  const build = useCallback((em: number) => (map ? memberMapOption(map, onMap, em) : {}), [map, onMap]);
  return (
    <section
      className="panel overview-panel overview-panel--map"
      aria-labelledby="overview-map-title"
      data-placed={onMap.length}
      data-regions={map?.keys.join(' ')}
    >
      <header className="panel__header">
        <h2 id="overview-map-title">{t('overview.map.title')}</h2>
        <span className="panel__meta">{t('overview.map.meta', { placed: points.length, count: memberCount })}</span>
      </header>
      {map ? <OverviewChart build={build} summary={memberMapSummary(map, onMap, { t, counted, list: format.list })} /> : null}
      {points.length === 0 ? <p className="panel__empty">{t('overview.map.none')}</p> : null}
      {offMap.length > 0 ? (
        <p className="panel__meta overview-map__note">{t('overview.map.outside', { names: format.list(offMap) })}</p>
      ) : null}
      {unplaced.length > 0 && points.length > 0 ? (
        <p className="panel__meta overview-map__note">{t('overview.map.unplaced', { names: format.list(unplaced) })}</p>
      ) : null}
    </section>
  );
}

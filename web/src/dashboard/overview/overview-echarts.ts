import { LineChart, type LineSeriesOption, ScatterChart, type ScatterSeriesOption } from 'echarts/charts';
import {
  GeoComponent,
  type GeoComponentOption,
  GridComponent,
  type GridComponentOption,
  LegendComponent,
  type LegendComponentOption,
  TooltipComponent,
  type TooltipComponentOption,
} from 'echarts/components';
import { type ComposeOption, type ECharts, init, registerMap, use } from 'echarts/core';
import { LabelLayout } from 'echarts/features';
import { CanvasRenderer } from 'echarts/renderers';
import type { RegionMap } from './map-regions.ts';

/**
 * The parts of ECharts the overview board adds to the wall's (a line for the burn-up, a map
 * with points); registering is global and idempotent, so the wall's own charts are unaffected.
 */
use([LineChart, ScatterChart, GeoComponent, GridComponent, LegendComponent, TooltipComponent, LabelLayout, CanvasRenderer]);

export type OverviewChartOption = ComposeOption<
  LineSeriesOption | ScatterSeriesOption | GeoComponentOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

/** A chart in `element`, drawn on canvas. */
export function createOverviewChart(element: HTMLElement): ECharts {
  return init(element, undefined, { renderer: 'canvas' });
}

const registered = new Set<string>();

/** Registers a region's outline with ECharts under its name, once. */
export function registerRegion(map: RegionMap): void {
  if (!registered.has(map.name)) {
    registerMap(map.name, map.outline as Parameters<typeof registerMap>[1]);
    registered.add(map.name);
  }
}

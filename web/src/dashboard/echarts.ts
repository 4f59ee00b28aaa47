import { BarChart, type BarSeriesOption, GraphChart, type GraphSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  type GridComponentOption,
  LegendComponent,
  type LegendComponentOption,
  TooltipComponent,
  type TooltipComponentOption,
} from 'echarts/components';
import { type ComposeOption, type ECharts, init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

/** Only the parts of ECharts the wall uses, so the bundle carries nothing else. */
use([BarChart, GraphChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = ComposeOption<
  BarSeriesOption | GraphSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

/** A chart in `element`, drawn on canvas with the parts registered above. */
export function createChart(element: HTMLElement): ECharts {
  return init(element, undefined, { renderer: 'canvas' });
}

import { useEffect, useRef, useState } from 'react';
import type { ChartBox } from './chart-options.ts';
import type { ChartOption } from './echarts.ts';
import { loadedEarlyOnWalls, useLazyChart } from './useLazyChart.ts';
import { useRemPx } from './wall-layout.ts';

const loadChart = loadedEarlyOnWalls(() => import('./echarts.ts').then((module) => module.createChart));

/**
 * An ECharts chart that fills its box. Its option is built for the box's size and the wall's type
 * size, again whenever either changes, and animates to each new one. `label` names it and says
 * what it shows, for readers who cannot see it. It starts when it comes near the viewport.
 */
export function EChart({ build, label }: { build: (box: ChartBox) => ChartOption; label: string }) {
  const element = useRef<HTMLDivElement>(null);
  const rem = useRemPx();
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  const chart = useLazyChart(element, loadChart, (entry) => setSize({ width: entry.contentRect.width, height: entry.contentRect.height }));

  useEffect(() => {
    if (size && size.width > 0 && size.height > 0) {
      chart.current?.setOption(build({ ...size, rem }));
    }
  }, [chart, build, size, rem]);

  return <div ref={element} className="chart" role="img" aria-label={label} />;
}

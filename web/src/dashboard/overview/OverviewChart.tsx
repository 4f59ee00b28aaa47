import { useEffect, useRef, useState } from 'react';
import { loadedEarlyOnWalls, useLazyChart } from '../useLazyChart.ts';
import type { OverviewChartOption } from './overview-echarts.ts';

const loadChart = loadedEarlyOnWalls(() => import('./overview-echarts.ts').then((module) => module.createOverviewChart));

/** The size of the chart box's text in pixels: chart text scales with the board's. */
function emOf(element: HTMLElement): number {
  return Number.parseFloat(getComputedStyle(element).fontSize) || 16;
}

/**
 * An ECharts chart filling its box, drawn from `build(em)` so its text follows the board's
 * type size (which scales with the viewport), redrawn when its size or the option changes.
 * Described to assistive technology by `summary` (the chart's data in words). It starts when it
 * comes near the viewport.
 */
export function OverviewChart({ build, summary }: { build: (em: number) => OverviewChartOption; summary: string }) {
  const box = useRef<HTMLDivElement>(null);
  // Measured once the chart exists, so it is drawn once at the right size, not again after.
  const [em, setEm] = useState<number | null>(null);
  const chart = useLazyChart(box, loadChart, (entry) => setEm(emOf(entry.target as HTMLElement)));

  useEffect(() => {
    if (em !== null) {
      chart.current?.setOption(build(em));
    }
  }, [chart, build, em]);

  return <div ref={box} className="overview-chart" role="img" aria-label={summary} />;
}

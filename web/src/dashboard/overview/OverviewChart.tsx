import type { ECharts } from 'echarts/core';
import { useEffect, useRef, useState } from 'react';
import { createOverviewChart, type OverviewChartOption } from './overview-echarts.ts';

/** The size of the chart box's text in pixels: chart text scales with the board's. */
function emOf(element: HTMLElement): number {
  return Number.parseFloat(getComputedStyle(element).fontSize) || 16;
}

/**
 * An ECharts chart filling its box, drawn from `build(em)` so its text follows the board's
 * type size (which scales with the viewport), redrawn when its size or the option changes.
 * Described to assistive technology by `summary` (the chart's data in words).
 */
export function OverviewChart({ build, summary }: { build: (em: number) => OverviewChartOption; summary: string }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  // Measured once the box exists, so the chart is drawn once at the right size, not again after.
  const [em, setEm] = useState<number | null>(null);

  useEffect(() => {
    const element = box.current;
    if (!element) {
      return;
    }
    const instance = createOverviewChart(element);
    chart.current = instance;
    setEm(emOf(element));
    const resize = new ResizeObserver(() => {
      instance.resize();
      setEm(emOf(element));
    });
    resize.observe(element);
    return () => {
      resize.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    if (em !== null) {
      chart.current?.setOption(build(em));
    }
  }, [build, em]);

  return <div ref={box} className="overview-chart" role="img" aria-label={summary} />;
}

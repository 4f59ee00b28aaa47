import type { ECharts } from 'echarts/core';
import { useEffect, useRef, useState } from 'react';
import { useNearViewport } from '../useNearViewport.ts';
import { fittedScreen } from '../wall-layout.ts';
import type { OverviewChartOption } from './overview-echarts.ts';

const loadECharts = () => import('./overview-echarts.ts');
// On a wall every chart is on screen at once: ECharts starts loading with the board, not after it.
if (globalThis.matchMedia?.(fittedScreen).matches) {
  void loadECharts();
}

/** The size of the chart box's text in pixels: chart text scales with the board's. */
function emOf(element: HTMLElement): number {
  return Number.parseFloat(getComputedStyle(element).fontSize) || 16;
}

/**
 * An ECharts chart filling its box, drawn from `build(em)` so its text follows the board's
 * type size (which scales with the viewport), redrawn when its size or the option changes.
 * Described to assistive technology by `summary` (the chart's data in words). It starts when it
 * comes near the viewport, loading ECharts then.
 */
export function OverviewChart({ build, summary }: { build: (em: number) => OverviewChartOption; summary: string }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  // Measured once the box exists, so the chart is drawn once at the right size, not again after.
  const [em, setEm] = useState<number | null>(null);
  const near = useNearViewport(box);

  useEffect(() => {
    const element = box.current;
    if (!element || !near) {
      return;
    }
    let stopped = false;
    let stop = () => {};
    // Elsewhere ECharts is loaded on first use: the text panels draw without waiting for it.
    loadECharts().then(({ createOverviewChart }) => {
      if (stopped) {
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
      stop = () => {
        resize.disconnect();
        instance.dispose();
        chart.current = null;
      };
    });
    return () => {
      stopped = true;
      stop();
    };
  }, [near]);

  useEffect(() => {
    if (em !== null) {
      chart.current?.setOption(build(em));
    }
  }, [build, em]);

  return <div ref={box} className="overview-chart" role="img" aria-label={summary} />;
}

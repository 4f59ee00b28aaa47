import type { ECharts } from 'echarts/core';
import { type RefObject, useEffect, useRef } from 'react';
import { useNearViewport } from './useNearViewport.ts';
import { fittedScreen } from './wall-layout.ts';

/** Loads the module that creates a chart: ECharts itself is loaded on first use. */
export type ChartLoader = () => Promise<(element: HTMLElement) => ECharts>;

/**
 * Starts `load` at once on a wall-sized screen, where every chart is in view, so ECharts loads
 * with the board rather than after it; elsewhere it waits for the first chart to start.
 */
export function loadedEarlyOnWalls(load: ChartLoader): ChartLoader {
  if (globalThis.matchMedia?.(fittedScreen).matches) {
    void load();
  }
  return load;
}

/**
 * The ECharts instance of a chart box: created once the box comes near the viewport (so a
 * phone's text panels draw without ECharts), resized with the box, disposed with the component.
 * `measured` hears each of the box's sizes, the first as soon as the instance exists.
 */
export function useLazyChart(
  box: RefObject<HTMLDivElement | null>,
  load: ChartLoader,
  measured: (entry: ResizeObserverEntry) => void,
): RefObject<ECharts | null> {
  const chart = useRef<ECharts | null>(null);
  const near = useNearViewport(box);
  const onSize = useRef(measured);
  onSize.current = measured;

  useEffect(() => {
    const element = box.current;
    if (!element || !near) {
      return;
    }
    let stopped = false;
    let stop = () => {};
    load().then((create) => {
      if (stopped) {
        return;
      }
      const instance = create(element);
      chart.current = instance;
      const resize = new ResizeObserver(([entry]) => {
        instance.resize();
        if (entry) {
          onSize.current(entry);
        }
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
  }, [box, load, near]);

  return chart;
}

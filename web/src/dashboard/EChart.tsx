import type { ECharts } from 'echarts/core';
import { useEffect, useRef, useState } from 'react';
import type { ChartBox } from './chart-options.ts';
import type { ChartOption } from './echarts.ts';
import { useNearViewport } from './useNearViewport.ts';
import { fittedScreen, useRemPx } from './wall-layout.ts';

const loadECharts = () => import('./echarts.ts');
// On a wall every chart is on screen at once: ECharts starts loading with the board, not after it.
if (globalThis.matchMedia?.(fittedScreen).matches) {
  void loadECharts();
}

/**
 * An ECharts chart that fills its box. Its option is built for the box's size and the wall's type
 * size, again whenever either changes, and animates to each new one. `label` names it and says
 * what it shows, for readers who cannot see it. It starts when it comes near the viewport,
 * loading ECharts then.
 */
export function EChart({ build, label }: { build: (box: ChartBox) => ChartOption; label: string }) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const rem = useRemPx();
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  const near = useNearViewport(element);

  useEffect(() => {
    const box = element.current;
    if (!box || !near) {
      return;
    }
    let stopped = false;
    let stop = () => {};
    // Elsewhere ECharts is loaded on first use: the text panels draw without waiting for it.
    loadECharts().then(({ createChart }) => {
      if (stopped) {
        return;
      }
      const instance = createChart(box);
      chart.current = instance;
      const resize = new ResizeObserver(([entry]) => {
        instance.resize();
        if (entry) {
          setSize({ width: entry.contentRect.width, height: entry.contentRect.height });
        }
      });
      resize.observe(box);
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
    if (size && size.width > 0 && size.height > 0) {
      chart.current?.setOption(build({ ...size, rem }));
    }
  }, [build, size, rem]);

  return <div ref={element} className="chart" role="img" aria-label={label} />;
}

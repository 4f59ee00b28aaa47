import type { ECharts } from 'echarts/core';
import { useEffect, useRef } from 'react';
import { type ChartOption, createChart } from './echarts.ts';

/** An ECharts chart that fills its box, follows its size and animates to each new option. */
export function EChart({ option, label }: { option: ChartOption; label: string }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);

  useEffect(() => {
    const element = box.current;
    if (!element) {
      return;
    }
    const instance = createChart(element);
    chart.current = instance;
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(element);
    return () => {
      resize.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option);
  }, [option]);

  return <div ref={box} className="chart" role="img" aria-label={label} />;
}

import { useEffect, useRef } from 'react';
import { type ChartOption, echarts } from './echarts';

/** What a click on a data item reports (a heatmap cell's `[x, y, value]`). */
export interface ChartClick {
  readonly value: unknown;
}

/**
 * An ECharts instance in the returned element: created once, given each new `option` (series
 * replaced whole, so none is left behind; axes merged, so they are not rebuilt), resized with its
 * box, and disposed with the component.
 */
export function useChart(option: ChartOption, onClick?: (click: ChartClick) => void) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | undefined>(undefined);
  const click = useRef(onClick);
  click.current = onClick;

  useEffect(() => {
    const element = ref.current;
    if (!element) return undefined;
    const instance = echarts.init(element, undefined, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('click', (params) => click.current?.({ value: params.value }));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = undefined;
    };
  }, []);

  // Each chart draws in a task of its own: at an epoch's end four charts change at once, and one
  // animation frame drawing them all would hold the main thread for 100 ms or more.
  useEffect(() => {
    const timer = setTimeout(() => chart.current?.setOption(option, { replaceMerge: ['series'] }));
    return () => clearTimeout(timer);
  }, [option]);

  return ref;
}

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

  // Created in a task of its own, not in the commit that mounts the element: `init` measures the
  // element, which forces a layout of the whole page just changed (~12 ms when the first epoch's
  // end mounts the confusion matrix, the gallery and the weight pictures at once).
  useEffect(() => {
    const element = ref.current;
    if (!element) return undefined;
    let instance: echarts.ECharts | undefined;
    const sizeOf = () => `${element.clientWidth}x${element.clientHeight}`;
    let size = '';
    // The observer's first notice reports the size the chart was made with, often after its first
    // `setOption`: a `resize` then would draw the whole chart again for nothing.
    const observer = new ResizeObserver(() => {
      if (!instance || sizeOf() === size) return;
      size = sizeOf();
      instance.resize();
    });
    const timer = setTimeout(() => {
      instance = echarts.init(element, undefined, { renderer: 'canvas' });
      size = sizeOf();
      chart.current = instance;
      instance.on('click', (params) => click.current?.({ value: params.value }));
      observer.observe(element);
    });
    return () => {
      clearTimeout(timer);
      observer.disconnect();
      instance?.dispose();
      chart.current = undefined;
    };
  }, []);

  // Each chart draws in a task of its own: at an epoch's end four charts change at once, and one
  // animation frame drawing them all would hold the main thread for 100 ms or more. On mount this
  // timer comes after the one above, so it finds the chart made (timers of equal delay run in
  // the order they were set).
  useEffect(() => {
    const timer = setTimeout(() => chart.current?.setOption(option, { replaceMerge: ['series'] }));
    return () => clearTimeout(timer);
  }, [option]);

  return ref;
}

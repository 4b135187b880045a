import type { LiveView } from '../../engine';
import { NUMBER_AXIS_LABEL } from './chartFormat';
import { BATCH, TEST, TRAIN, VALID } from './colors';
import { BASE_OPTION, type ChartOption } from './echarts';

/** A y axis's name along its side: above the axis it would sit on the legend's line. */
const SIDE_NAME = { nameLocation: 'middle', nameGap: 38, nameRotate: 90 } as const;

/** Regression views: the fitted curve over the points, or predictions against targets. */
export function fitOption(view: Extract<LiveView, { kind: 'fit' | 'predictions' }>): ChartOption {
  if (view.kind === 'fit') {
    return {
      ...BASE_OPTION,
      legend: { top: 0, itemWidth: 14, itemHeight: 8 },
      xAxis: {
        type: 'value',
        name: view.feature,
        nameLocation: 'middle',
        nameGap: 22,
        scale: true,
        axisLabel: NUMBER_AXIS_LABEL,
      },
      yAxis: {
        type: 'value',
        name: view.target,
        scale: true,
        axisLabel: NUMBER_AXIS_LABEL,
        ...SIDE_NAME,
      },
      series: [
        {
          name: 'data',
          type: 'scatter',
          symbolSize: 5,
          color: BATCH,
          data: view.points.x.map((x, i) => [x, view.points.y[i]]),
        },
        {
          name: 'model',
          type: 'line',
          showSymbol: false,
          color: TRAIN,
          lineStyle: { width: 2 },
          data: view.line.x.map((x, i) => [x, view.line.y[i]]),
        },
      ],
    };
  }
  const k = view.targetNames.length;
  const all = [...view.targets, ...view.predictions].filter(Number.isFinite);
  const low = Math.min(...all);
  const high = Math.max(...all);
  const colors = [TRAIN, VALID, TEST, '#c2417a', '#7c4dcc'];
  return {
    ...BASE_OPTION,
    legend: { top: 0, itemWidth: 14, itemHeight: 8 },
    xAxis: {
      type: 'value',
      name: 'target',
      nameLocation: 'middle',
      nameGap: 22,
      scale: true,
      axisLabel: NUMBER_AXIS_LABEL,
    },
    yAxis: {
      type: 'value',
      name: 'prediction',
      scale: true,
      axisLabel: NUMBER_AXIS_LABEL,
      ...SIDE_NAME,
    },
    series: [
      ...view.targetNames.map((name, j) => ({
        name,
        type: 'scatter',
        symbolSize: 7,
        color: colors[j % colors.length],
        data: view.targets.flatMap((t, i) => (i % k === j ? [[t, view.predictions[i]]] : [])),
      })),
      {
        name: 'perfect',
        type: 'line',
        showSymbol: false,
        color: '#9aa3b2',
        lineStyle: { type: 'dashed', width: 1 },
        data: [
          [low, low],
          [high, high],
        ],
      },
    ],
  };
}

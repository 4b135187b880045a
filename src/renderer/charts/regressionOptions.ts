import type { LiveView } from '../../engine';
import { NUMBER_AXIS_LABEL } from './chartFormat';
import { BATCH, TEST, TRAIN, VALID } from './colors';
import { BASE_OPTION, type ChartOption } from './echarts';

/** A y axis's name along its side: above the axis it would sit on the legend's line. */
const SIDE_NAME = { nameLocation: 'middle', nameGap: 38, nameRotate: 90 } as const;
/** One colour per target column, in order (more targets than colours share them). */
const TARGET_COLORS = [TRAIN, VALID, TEST, '#c2417a', '#7c4dcc'];
/** The reference lines: y = x for predictions, y = 0 for residuals. */
const GUIDE = { color: '#9aa3b2', lineStyle: { type: 'dashed', width: 1 } } as const;

type RegressionView = Extract<LiveView, { kind: 'fit' | 'predictions' }>;

/**
 * The legend and the two value axes every regression chart has: x named under it, y along its
 * side, both scaled to the data rather than from 0.
 */
function scatterAxes(x: string, y: string) {
  return {
    legend: { top: 0, itemWidth: 14, itemHeight: 8 },
    xAxis: {
      type: 'value',
      name: x,
      nameLocation: 'middle',
      nameGap: 22,
      scale: true,
      axisLabel: NUMBER_AXIS_LABEL,
    },
    yAxis: { type: 'value', name: y, scale: true, axisLabel: NUMBER_AXIS_LABEL, ...SIDE_NAME },
  } as const;
}

/** Regression views: the fitted curve over the points, or predictions against targets. */
export function fitOption(view: RegressionView): ChartOption {
  if (view.kind === 'fit') {
    return {
      ...BASE_OPTION,
      ...scatterAxes(view.feature, view.target),
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
  return {
    ...BASE_OPTION,
    ...scatterAxes('target', 'prediction'),
    series: [
      ...view.targetNames.map((name, j) => ({
        name,
        type: 'scatter',
        symbolSize: 7,
        color: TARGET_COLORS[j % TARGET_COLORS.length],
        data: view.targets.flatMap((t, i) => (i % k === j ? [[t, view.predictions[i]]] : [])),
      })),
      {
        name: 'perfect',
        type: 'line',
        showSymbol: false,
        ...GUIDE,
        data: [
          [low, low],
          [high, high],
        ],
      },
    ],
  };
}

/** Each plotted point's (prediction, target) pairs, one list per target column. */
export function predictionPairs(view: RegressionView): { name: string; pairs: number[][] }[] {
  if (view.kind === 'fit') {
    const { y, predicted } = view.points;
    return [{ name: view.target, pairs: predicted.map((p, i) => [p, y[i]!]) }];
  }
  const k = view.targetNames.length;
  return view.targetNames.map((name, j) => ({
    name,
    pairs: view.predictions.flatMap((p, i) => (i % k === j ? [[p, view.targets[i]!]] : [])),
  }));
}

/**
 * The residual plot: residual = target - prediction against the prediction, for the points the
 * regression chart shows, with the zero line (a good fit scatters evenly around it, with no
 * curve or funnel).
 */
export function residualOption(view: RegressionView): ChartOption {
  const targets = predictionPairs(view);
  const predictions = targets.flatMap((t) => t.pairs.map(([p]) => p!)).filter(Number.isFinite);
  const low = Math.min(...predictions);
  const high = Math.max(...predictions);
  return {
    ...BASE_OPTION,
    ...scatterAxes('prediction', 'residual (target − prediction)'),
    series: [
      ...targets.map(({ name, pairs }, j) => ({
        name,
        type: 'scatter',
        symbolSize: 6,
        color: TARGET_COLORS[j % TARGET_COLORS.length],
        data: pairs.map(([p, t]) => [p, t! - p!]),
      })),
      {
        name: 'zero',
        type: 'line',
        showSymbol: false,
        ...GUIDE,
        data:
          predictions.length > 0
            ? [
                [low, 0],
                [high, 0],
              ]
            : [],
      },
    ],
  };
}

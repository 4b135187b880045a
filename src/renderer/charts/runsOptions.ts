import type { CurvePoint, RunMetric } from '../../shared/project';
import { chartNumber, NUMBER_AXIS_LABEL, tooltipNumber } from './chartFormat';
import { BASE_OPTION, type ChartOption } from './echarts';

/** One overlaid run: its name in the legend ("Run 3"), its colour and marker, and its points. */
export interface RunCurve {
  readonly name: string;
  readonly color: string;
  readonly symbol: string;
  /** `[epoch, value]`, one per epoch that measured the metric. */
  readonly points: readonly (readonly [number, number])[];
}

/** A kept curve's points of one metric: `[epoch, value]` where the epoch measured it. */
export function curvePoints(history: readonly CurvePoint[], metric: RunMetric): [number, number][] {
  return history.flatMap((p) => {
    const value = p[metric];
    return value === undefined ? [] : [[p.epoch, value] as [number, number]];
  });
}

/**
 * The Runs tab's chart: one line per overlaid run of the chosen metric against the epoch (a
 * continued run's epochs go on from the run it continued), each in its own colour and marker. A
 * loss may be on a log scale, where the first epochs' large values do not flatten the rest.
 */
export function runsOption(
  curves: readonly RunCurve[],
  metric: RunMetric,
  log = false,
): ChartOption {
  const accuracy = metric === 'accuracy';
  const logAxis = log && !accuracy;
  const percent = (v: number) => `${chartNumber(v * 100, 3)}%`;
  return {
    ...BASE_OPTION,
    legend: { top: 0, itemWidth: 14, itemHeight: 8 },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v: number) => (accuracy ? percent(Number(v)) : tooltipNumber(Number(v))),
    },
    xAxis: {
      type: 'value',
      name: 'epoch',
      nameGap: 4,
      minInterval: 1,
      axisLabel: { ...NUMBER_AXIS_LABEL, hideOverlap: true },
    },
    yAxis: accuracy
      ? { type: 'value', max: 1, scale: true, axisLabel: { formatter: percent } }
      : { type: logAxis ? 'log' : 'value', scale: true, axisLabel: NUMBER_AXIS_LABEL },
    series: curves.map((curve) => ({
      name: curve.name,
      type: 'line',
      // A log axis shows values above 0 only.
      data: logAxis ? curve.points.filter(([, y]) => y > 0) : curve.points,
      color: curve.color,
      symbol: curve.symbol,
      symbolSize: 6,
      showSymbol: curve.points.length < 60,
      lineStyle: { width: 2 },
    })),
  };
}

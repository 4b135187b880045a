import type { EpochEntry } from '../stores/trainingState';
import { chartNumber, escapeHtml, NUMBER_AXIS_LABEL, tooltipNumber } from './chartFormat';
import { BATCH, MARKERS, TEST, TRAIN, VALID } from './colors';
import { BASE_OPTION, type ChartOption } from './echarts';

/** Points a log axis can show: finite and above zero. */
const plottable = (y: number, log: boolean) => Number.isFinite(y) && (!log || y > 0);

/**
 * The loss chart: every batch's loss (light), the epoch means of training (dark), and the
 * validation and test losses at each epoch's end, all against the batch number.
 */
export function lossOption(
  batchLosses: readonly number[],
  history: readonly EpochEntry[],
  stepsPerEpoch: number,
  log: boolean,
): ChartOption {
  const batches: [number, number][] = [];
  batchLosses.forEach((y, i) => {
    if (plottable(y, log)) batches.push([i + 1, y]);
  });
  const atEpoch = (pick: (e: EpochEntry) => number | undefined) =>
    history.flatMap((e) => {
      const y = pick(e);
      return y !== undefined && plottable(y, log) ? [[e.report.epoch * stepsPerEpoch, y]] : [];
    });
  const epochLine = (name: string, color: string, data: number[][], symbol: string) => ({
    name,
    type: 'line',
    data,
    color,
    symbol,
    symbolSize: 6,
    showSymbol: data.length < 60,
    lineStyle: { width: 2 },
  });
  const series = [
    {
      name: 'batch loss',
      type: 'line',
      data: batches,
      color: BATCH,
      showSymbol: false,
      sampling: 'lttb',
      lineStyle: { width: 1 },
    },
    epochLine(
      'epoch loss',
      TRAIN,
      atEpoch((e) => e.report.loss),
      MARKERS.train,
    ),
  ];
  const validation = atEpoch((e) => e.report.valLoss);
  if (validation.length > 0)
    series.push(epochLine('validation loss', VALID, validation, MARKERS.validation));
  const test = atEpoch((e) => (e.evaluation?.on === 'test' ? e.evaluation.loss : undefined));
  if (test.length > 0) series.push(epochLine('test loss', TEST, test, MARKERS.test));
  return {
    ...BASE_OPTION,
    legend: { top: 0, itemWidth: 14, itemHeight: 8 },
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => tooltipNumber(Number(v)) },
    xAxis: {
      type: 'value',
      name: 'batch',
      nameGap: 4,
      min: 1,
      minInterval: 1,
      // Thousands of batches: with ECharts' usual five or six ticks, labels like 1,200 collide.
      splitNumber: 4,
      axisLabel: { ...NUMBER_AXIS_LABEL, hideOverlap: true },
    },
    yAxis: {
      type: log ? 'log' : 'value',
      scale: true,
      axisLabel: NUMBER_AXIS_LABEL,
    },
    series,
  };
}

/** Accuracy per epoch on the evaluated split (and on validation when that is another split). */
export function accuracyOption(history: readonly EpochEntry[]): ChartOption {
  const evaluated = history.flatMap((e) =>
    e.evaluation ? [[e.report.epoch, e.evaluation.accuracy]] : [],
  );
  const on = history.at(-1)?.evaluation?.on ?? 'training';
  const validation = history.flatMap((e) =>
    e.report.accuracy !== undefined && e.evaluation?.on !== 'validation'
      ? [[e.report.epoch, e.report.accuracy]]
      : [],
  );
  const line = (name: string, color: string, data: number[][], symbol: string) => ({
    name,
    type: 'line',
    data,
    color,
    symbol,
    symbolSize: 7,
  });
  const series = [
    on === 'test'
      ? line('test accuracy', TEST, evaluated, MARKERS.test)
      : on === 'validation'
        ? line('validation accuracy', VALID, evaluated, MARKERS.validation)
        : line('training accuracy', TRAIN, evaluated, MARKERS.train),
  ];
  if (validation.length > 0) {
    series.push(line('validation accuracy', VALID, validation, MARKERS.validation));
  }
  return {
    ...BASE_OPTION,
    legend: { top: 0, itemWidth: 14, itemHeight: 8 },
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${chartNumber(v * 100, 3)}%` },
    xAxis: {
      type: 'value',
      name: 'epoch',
      nameGap: 4,
      minInterval: 1,
      min: 0,
      axisLabel: NUMBER_AXIS_LABEL,
    },
    // From the tenth below the lowest point to 100%: a few legible ticks, however close the points.
    yAxis: {
      type: 'value',
      min: (range: { min: number }) => Math.max(0, Math.floor(range.min * 10 - 0.5) / 10),
      max: 1,
      splitNumber: 4,
      axisLabel: { formatter: (v: number) => `${chartNumber(v * 100)}%` },
    },
    series,
  };
}

/** The confusion matrix as a heatmap: true classes down, predicted classes across. */
export function confusionOption(
  matrix: readonly (readonly number[])[],
  classes: readonly string[],
): ChartOption {
  const data = matrix.flatMap((row, t) => row.map((n, p) => [p, t, n]));
  const max = Math.max(1, ...matrix.flat());
  const names = matrix.map((_, i) => classes[i] ?? String(i));
  return {
    ...BASE_OPTION,
    grid: { left: 86, right: 8, top: 8, bottom: 58 },
    tooltip: {
      // HTML: the class names are the dataset's labels, so they are escaped.
      formatter: (p: { value: [number, number, number] }) =>
        `true ${escapeHtml(names[p.value[1]] ?? '')}, predicted ${escapeHtml(names[p.value[0]] ?? '')}: ${chartNumber(p.value[2])}`,
    },
    xAxis: {
      type: 'category',
      data: names,
      name: 'predicted',
      nameLocation: 'middle',
      nameGap: 44,
      axisLabel: { rotate: 40, fontSize: 10, interval: 0 },
      splitArea: { show: true },
    },
    yAxis: {
      type: 'category',
      data: names,
      inverse: true,
      axisLabel: { fontSize: 10, interval: 0 },
      splitArea: { show: true },
    },
    visualMap: { show: false, min: 0, max, inRange: { color: ['#f4f7fd', '#2f6fde', '#153f8c'] } },
    series: [
      {
        type: 'heatmap',
        data,
        label: { show: true, fontSize: matrix.length > 10 ? 8 : 9 },
        emphasis: { itemStyle: { borderColor: '#1d2330', borderWidth: 1 } },
      },
    ],
  };
}

import { BASE_OPTION, type ChartOption, echarts } from '../../charts/echarts';
import { fitOption } from '../../charts/regressionOptions';
import { accuracyOption, confusionOption, lossOption } from '../../charts/trainingOptions';

/** One piece of the warm-up; each runs in an idle slot of its own. */
export type WarmStep = () => void;

/** Runs `run` when the main thread has nothing else to do. */
export type IdleScheduler = (run: () => void) => void;

const whenIdle: IdleScheduler = (run) => requestIdleCallback(run, { timeout: 10_000 });

/**
 * Draws each kind of chart the Training tab shows once, off screen on a detached element.
 *
 * Why: a trace of Train showed the page's first `setOption` as one ~100 ms task (55 ms of CPU),
 * all JavaScript: ECharts' code running for the first time (compiled lazily, inline caches
 * cold, the first canvas text measured). On a fresh chart once that code has run, the same call
 * takes ~10 ms. The steps go from small options to full ones so that each stays short cold
 * (about 20 ms of CPU each on this machine).
 */
export function chartWarmSteps(): WarmStep[] {
  const matrix = Array.from({ length: 10 }, (_, t) =>
    Array.from({ length: 10 }, (_, p) => (t === p ? 8 : 1)),
  );
  const history: Parameters<typeof accuracyOption>[0] = [1, 2].map((epoch) => ({
    report: { epoch, epochs: 2, loss: 1 / epoch, seconds: 1, lr: 0.01 },
    evaluation: {
      on: 'test',
      count: 100,
      loss: 1 / epoch,
      accuracy: 0.5 + epoch / 10,
      confusionMatrix: matrix,
    },
  }));
  const losses = Array.from({ length: 60 }, (_, i) => 2 / (i + 1));
  const points = { x: [1, 2, 3], y: [1, 3, 2], predicted: [1.5, 2, 2.5] };
  let chart: echarts.ECharts | undefined;
  // As useChart makes and updates its charts.
  const open = () => {
    const element = document.createElement('div');
    chart = echarts.init(element, undefined, { renderer: 'canvas', width: 300, height: 200 });
    chart.on('click', () => undefined);
  };
  const draw = (option: ChartOption) => () =>
    chart?.setOption(option, { replaceMerge: ['series'] });
  const close = () => chart?.dispose();
  return [
    open,
    draw({ ...BASE_OPTION, xAxis: { type: 'value', name: 'batch' }, yAxis: { type: 'value' } }),
    // The loss chart as Train mounts it (no batch yet), then with batches and epochs.
    draw(lossOption([], [], 30, false)),
    draw(lossOption(losses, history, 30, false)),
    draw(accuracyOption(history)),
    draw(fitOption({ kind: 'fit', feature: 'x', target: 'y', points, line: points })),
    close,
    open,
    draw(
      confusionOption(
        matrix,
        matrix.map((_, i) => `class ${i}`),
      ),
    ),
    close,
  ];
}

/** Runs the steps in order, each in a slot of its own. */
export function runStepByStep(steps: readonly WarmStep[], schedule = whenIdle): void {
  const next = (i: number) => {
    const step = steps[i];
    if (!step) return;
    schedule(() => {
      step();
      next(i + 1);
    });
  };
  next(0);
}

let warmed = false;

/** Warms the chart code once per page, in idle time, before the first run needs it. */
export function warmCharts(): void {
  if (warmed) return;
  warmed = true;
  runStepByStep(chartWarmSteps());
}

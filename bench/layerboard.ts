/**
 * Layerboard's own contenders: a training session of the engine's Backend interface on the same
 * model, data, initial parameters and batch size as the others.
 */
import type { Backend, TrainingSession, TrainOptions } from '../src/engine/backend';
import type { Dataset } from '../src/engine/data/dataset';
import { CLASSES, initialParams, MODELS, makeData } from './data';
import type { BenchOptions, KernelRow, Trainer } from './harness';

/**
 * The counters a session keeps (the WebGPU runner's `stats`: dispatches, submits, readbacks), if it
 * exposes them, as a cross-check of the page's own counts.
 */
function sessionCounters(session: TrainingSession): Record<string, number> | undefined {
  const stats = (session as { stats?: unknown }).stats;
  if (!stats || typeof stats !== 'object') return undefined;
  const entries = Object.entries(stats).filter(
    (e): e is [string, number] => typeof e[1] === 'number',
  );
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

/** PyTorch's optimizer settings for the benchmark's choice (see BenchOptimizer). */
function optimizerOf(options: BenchOptions): TrainOptions['optimizer'] {
  return options.optimizer === 'adam'
    ? { type: 'adam', lr: options.lr, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 }
    : { type: 'sgd', lr: options.lr, momentum: 0, weightDecay: 0 };
}

/** What the WebGPU session adds to the TrainingSession interface (session.ts). */
type Profiled = { profile?: () => Promise<{ method: string; kernels: readonly KernelRow[] }> };

/**
 * A trainer over one session of `backend`; `session.train` stops at each epoch's end. `notes`
 * are added to the contender's own (the WebGPU backend's kernel choices).
 */
export async function createLayerboardTrainer(
  backend: Backend,
  options: BenchOptions,
  notes: () => string[] = () => [],
): Promise<Trainer> {
  const model = MODELS[options.model];
  const data = makeData(options.samples, options.seed);
  const dataset: Dataset = {
    name: 'fashion-mnist-shaped random',
    count: data.count,
    sampleShape: [...model.inputShape],
    x: data.x,
    targets: {
      task: 'classification',
      labels: data.labels,
      classes: Array.from({ length: CLASSES }, (_, i) => String(i)),
    },
    featureNames: [],
  };
  const params = initialParams(options.model, options.seed);
  const session = await backend.createSession(model, params, dataset, {
    loss: 'cross-entropy',
    optimizer: optimizerOf(options),
    batchSize: options.batchSize,
    shuffle: false,
    seed: 1,
  });
  const profiled = session as TrainingSession & Profiled;
  return {
    notes: [`backend ${backend.label}`, ...notes()],
    async run(steps) {
      for (let done = 0; done < steps; ) {
        const ran = await session.train(steps - done);
        if (ran === 0) throw new Error('session.train ran no step');
        done += ran;
      }
    },
    async sync() {
      const { batchLosses } = await session.readLoss();
      return batchLosses[batchLosses.length - 1] ?? Number.NaN;
    },
    counters: () => sessionCounters(session),
    profile: async () => profiled.profile?.(),
    dispose() {
      session.dispose();
    },
  };
}

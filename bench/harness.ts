/**
 * The timing loop every contender goes through, so that all are measured the same way: a warm-up
 * (shader compilation, first uploads) left out, then steps in chunks, each ending in a sync, until
 * the timed region has lasted the asked seconds.
 */
import { type GpuCounts, gpuCounts } from './gpuCounters';

/** The optimizers benchmarked: SGD (lr 0.01, no momentum) and Adam (lr 0.001, PyTorch's betas). */
export type BenchOptimizer = 'sgd' | 'adam';

/** The networks benchmarked (data.ts): the 784-128-10 MLP and the lesson's CNN. */
export type BenchModel = 'mlp' | 'cnn';

export interface BenchOptions {
  readonly model: BenchModel;
  readonly optimizer: BenchOptimizer;
  readonly batchSize: number;
  /** Samples in the dataset; an epoch is ceil(samples / batchSize) steps. */
  readonly samples: number;
  readonly seconds: number;
  readonly warmupSeconds: number;
  readonly seed: number;
  readonly lr: number;
  /** Also time each kernel of a step (Layerboard on WebGPU, and TF.js through `tf.profile`). */
  readonly profile: boolean;
}

/** One kernel of a step and the time a dispatch of it takes (see src/engine/gpu/profile.ts). */
export interface KernelRow {
  readonly name: string;
  readonly ms: number;
}

/** One contender, ready to train: the model built, the data resident where it trains. */
export interface Trainer {
  /** Enqueues `steps` optimizer steps; it may return before the device has run them. */
  run(steps: number): Promise<void>;
  /**
   * Resolves once every enqueued step has finished (a readback of the loss), to the last step's
   * mean loss: a sanity check that the contender trains and does not diverge.
   */
  sync(): Promise<number>;
  /** Cumulative counters the contender keeps itself (the engine's session may), if any. */
  counters?(): Record<string, number> | undefined;
  /** Time per kernel of one step, where the contender can tell (`--profile`). */
  profile?(): Promise<{ method: string; kernels: readonly KernelRow[] } | undefined>;
  readonly notes: string[];
  dispose(): void;
}

export interface GpuRates {
  readonly dispatchesPerStep: number;
  readonly submitsPerStep: number;
  readonly readbacksPerEpoch: number;
}

export interface BenchResult {
  readonly name: string;
  readonly samplesPerSec: number;
  readonly msPerStep: number;
  readonly steps: number;
  readonly seconds: number;
  readonly setupSeconds: number;
  readonly warmupSteps: number;
  /** Mean loss of the last step, after `warmupSteps + steps` steps from the same start. */
  readonly loss: number;
  /** Syncs the harness made in the timed region (each is one loss readback). */
  readonly syncs: number;
  /** WebGPU calls seen on the page during the timed region; absent when there were none. */
  readonly gpu?: GpuRates;
  /** WebGL draw calls per step in the timed region; absent when there were none. */
  readonly drawsPerStep?: number;
  /** The contender's own counters over the timed region, per step. */
  readonly countersPerStep?: Record<string, number>;
  /** With `--profile`: how the kernels were timed and each one's time. */
  readonly profile?: { method: string; kernels: readonly KernelRow[] };
  readonly notes: string[];
}

declare global {
  interface Window {
    /** Set by scripts/bench/browser.mjs: each call tells it the contender is not stuck. */
    benchProgress?: () => void;
  }
}

/** Tells the driver the contender made progress (a step ran), so that it keeps waiting. */
export function progress(): void {
  void window.benchProgress?.();
}

interface Span {
  readonly steps: number;
  readonly loss: number;
  readonly seconds: number;
  readonly syncs: number;
}

/**
 * Seconds between syncs: the app reads its metrics a few times a second, so the timed region
 * does the same, and every contender pays for the same number of loss readbacks per second.
 */
const SYNC_INTERVAL = 0.25;

/**
 * Runs steps until `seconds` have passed and at least `minSteps` ran, in chunks of about
 * SYNC_INTERVAL each ending in a sync; the chunk size follows the measured rate, growing at most
 * 4x at a time so that one slow early estimate (shader compilation) cannot overshoot by much.
 */
async function runFor(
  trainer: Trainer,
  seconds: number,
  minSteps: number,
  firstChunk: number,
): Promise<Span> {
  const start = performance.now();
  let steps = 0;
  let syncs = 0;
  let chunk = firstChunk;
  for (;;) {
    await trainer.run(chunk);
    const loss = await trainer.sync();
    steps += chunk;
    syncs++;
    progress();
    const elapsed = (performance.now() - start) / 1000;
    if (elapsed >= seconds && steps >= minSteps) return { steps, loss, seconds: elapsed, syncs };
    const target = Math.ceil((Math.min(SYNC_INTERVAL, seconds - elapsed) * steps) / elapsed);
    chunk = Math.max(1, minSteps - steps, Math.min(chunk * 4, target));
  }
}

function snapshot(): GpuCounts {
  return { ...gpuCounts };
}

/** `(after - before) / steps` for every counter both have. */
function perStep(
  before: Record<string, number> | undefined,
  after: Record<string, number> | undefined,
  steps: number,
) {
  if (!before || !after) return undefined;
  const keys = Object.keys(after).filter((key) => key in before);
  return Object.fromEntries(keys.map((key) => [key, (after[key]! - before[key]!) / steps]));
}

/** Sets a trainer up, warms it up, and times it. */
export async function measure(
  name: string,
  create: (options: BenchOptions) => Promise<Trainer>,
  options: BenchOptions,
): Promise<BenchResult> {
  const setupStart = performance.now();
  const trainer = await create(options);
  progress();
  const setupSeconds = (performance.now() - setupStart) / 1000;
  try {
    const warmup = await runFor(trainer, options.warmupSeconds, 2, 1);
    const rate = warmup.steps / warmup.seconds;
    const before = snapshot();
    const countersBefore = trainer.counters?.();
    const timed = await runFor(trainer, options.seconds, 1, Math.ceil(rate * SYNC_INTERVAL));
    const after = snapshot();
    const countersPerStep = perStep(countersBefore, trainer.counters?.(), timed.steps);
    const profile = options.profile ? await trainer.profile?.() : undefined;
    const stepsPerEpoch = Math.ceil(options.samples / options.batchSize);
    const dispatches = after.dispatches - before.dispatches;
    const gpu =
      dispatches > 0
        ? {
            dispatchesPerStep: dispatches / timed.steps,
            submitsPerStep: (after.submits - before.submits) / timed.steps,
            readbacksPerEpoch: ((after.readbacks - before.readbacks) * stepsPerEpoch) / timed.steps,
          }
        : undefined;
    const draws = after.draws - before.draws;
    return {
      name,
      samplesPerSec: (timed.steps * options.batchSize) / timed.seconds,
      msPerStep: (timed.seconds * 1000) / timed.steps,
      steps: timed.steps,
      seconds: timed.seconds,
      setupSeconds,
      warmupSteps: warmup.steps,
      loss: timed.loss,
      syncs: timed.syncs,
      ...(gpu ? { gpu } : {}),
      ...(draws > 0 ? { drawsPerStep: draws / timed.steps } : {}),
      ...(countersPerStep ? { countersPerStep } : {}),
      ...(profile ? { profile } : {}),
      notes: trainer.notes,
    };
  } finally {
    trainer.dispose();
  }
}

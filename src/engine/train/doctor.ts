import type { Normalization } from '../../shared/project';
import type { LayerInsides, TrainOptions } from '../backend';
import { CpuTrainingSession } from '../cpu/session';
import type { Dataset } from '../data/dataset';
import { layerShapes } from '../model/layers';
import type { ModelParams, ModelSpec } from '../model/spec';

/** What the divergence doctor advises, worked out on the run's own model and data. */
export interface DoctorAdvice {
  /**
   * Why standardising the inputs comes first, when they are raw and large ("temp_f averages 73
   * and spreads 10"): a step that suits one feature's scale then overshoots on another's.
   */
  readonly standardize?: string;
  /** The largest learning rate whose loss fell over a few steps from the run's first weights. */
  readonly learningRate?: number;
}

/** A raw feature is large when its mean or its spread is beyond this many units. */
const LARGE = 10;

/**
 * The first large raw feature of a table, in words, or undefined. Images are scaled to [0, 1]
 * on loading, and normalised inputs have a spread of 1, so only raw table columns can be large.
 */
export function largeInputs(data: Dataset, normalize: Normalization): string | undefined {
  if (normalize !== 'none' || data.featureNames.length === 0 || data.count === 0) return undefined;
  const width = data.featureNames.length;
  for (let f = 0; f < width; f++) {
    let sum = 0;
    for (let r = 0; r < data.count; r++) sum += data.x[r * width + f]!;
    const mean = sum / data.count;
    let squares = 0;
    for (let r = 0; r < data.count; r++) squares += (data.x[r * width + f]! - mean) ** 2;
    const spread = Math.sqrt(squares / data.count);
    if (Math.abs(mean) > LARGE || spread > LARGE) {
      return `${data.featureNames[f]} averages ${mean.toPrecision(3)} and spreads ${spread.toPrecision(3)}`;
    }
  }
  return undefined;
}

/** Optimizer steps each candidate rate trains for. */
const STEPS = 20;
/** How long the range test may take in all, in milliseconds. */
const BUDGET_MS = 3000;

/**
 * Whether a candidate's losses fell: all finite, none above twice the first (no spike on the way
 * down), and the last three's mean at most 90% of the first.
 */
function fell(losses: Float32Array): boolean {
  const first = losses[0]!;
  if (losses.length < 4 || !(first > 0)) return false;
  for (const loss of losses) if (!(loss <= 2 * first)) return false;
  const tail = losses.slice(-3);
  return (tail[0]! + tail[1]! + tail[2]!) / 3 <= 0.9 * first;
}

/**
 * A learning-rate range test (Smith, "Cyclical Learning Rates", 2017, run downwards): copies of
 * the model start from `params` and train STEPS steps on the CPU at rates falling from `lr / √10`
 * by half a decade at a time; the first whose loss falls is the suggestion, rounded to one
 * significant digit. Undefined when none falls within nine decades or the time budget.
 *
 * @example
 * await suggestLearningRate(model, params, data.train, { ...training }); // 0.0001 for crop yields
 */
export async function suggestLearningRate(
  model: ModelSpec,
  params: ModelParams,
  data: Dataset,
  options: TrainOptions,
  now: () => number = () => performance.now(),
): Promise<number | undefined> {
  const started = now();
  const { optimizer } = options;
  for (let k = 1; k <= 18 && now() - started < BUDGET_MS; k++) {
    const lr = optimizer.lr * 10 ** (-k / 2);
    // The session's layers copy the parameters in: every candidate starts from `params`.
    const session = new CpuTrainingSession(model, params, data, {
      ...options,
      optimizer: { ...optimizer, lr },
    });
    let done = 0;
    while (done < STEPS) {
      const ran = await session.train(STEPS - done);
      if (ran === 0) break;
      done += ran;
    }
    const { batchLosses } = await session.readLoss();
    session.dispose();
    if (fell(batchLosses)) return Number(lr.toPrecision(1));
  }
  return undefined;
}

/**
 * The doctor's advice for a run that diverged from `params` (its first weights) on `data` (its
 * training split, as it trained): standardise large raw inputs first, and a learning rate that
 * works from the range test.
 */
export async function adviseOn(
  model: ModelSpec,
  params: ModelParams,
  data: Dataset,
  options: TrainOptions & { readonly normalize: Normalization },
): Promise<DoctorAdvice> {
  const standardize = largeInputs(data, options.normalize);
  const learningRate = await suggestLearningRate(model, params, data, options);
  return {
    ...(standardize ? { standardize } : {}),
    ...(learningRate !== undefined ? { learningRate } : {}),
  };
}

/** A layer's ReLUs are mostly dead when more than this fraction of its units are. */
export const DEAD_UNITS = 0.5;

/** The doctor's hint for a layer whose ReLUs mostly gave 0 to a whole batch. */
export interface DeadUnits {
  readonly nodeId: string;
  /** The fraction of the layer's units (features, or channels) that are dead, above DEAD_UNITS. */
  readonly fraction: number;
  readonly message: string;
}

/**
 * The layer with the most dead ReLU units at an epoch end, when more than DEAD_UNITS of its
 * units are (LayerInsides.dead: z <= 0 for every sample and position of the last batch, so the
 * ReLU gives 0 and passes no gradient back, and nothing moves their weights again). The usual
 * cause is a step too large for the layer; the usual cures a lower learning rate, or LeakyReLU,
 * whose slope below 0 keeps a gradient flowing (Maas et al., "Rectifier Nonlinearities", 2013).
 *
 * @example
 * deadUnits(model, insides)?.message;
 * // 'fc1: 70% of its ReLUs (179 of 256) gave 0 for every sample of the last batch (dead
 * //  units), so they no longer learn: lower the learning rate, or use LeakyReLU'
 */
export function deadUnits(
  model: ModelSpec,
  insides: readonly LayerInsides[],
): DeadUnits | undefined {
  let worst: LayerInsides | undefined;
  for (const layer of insides) {
    if ((layer.dead ?? 0) > DEAD_UNITS && layer.dead! > (worst?.dead ?? 0)) worst = layer;
  }
  if (!worst) return undefined;
  const fraction = worst.dead!;
  const { nodeId } = model.layers[worst.layer]!;
  const shape = layerShapes(model)[worst.layer + 1]!;
  const units = shape[0]!;
  const what = shape.length > 1 ? `${units} channels` : `${units}`;
  const percent = Math.round(fraction * 100);
  return {
    nodeId,
    fraction,
    message: `${nodeId}: ${percent}% of its ReLUs (${Math.round(fraction * units)} of ${what}) gave 0 for every sample of the last batch (dead units), so they no longer learn: lower the learning rate, or use LeakyReLU`,
  };
}

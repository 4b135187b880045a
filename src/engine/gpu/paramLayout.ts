import { layerTensors, tensorLayers } from '../model/layers';
import type { ModelParams, ModelSpec } from '../model/spec';

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/**
 * Where one layer's trained tensors live in the flat parameter buffer, in floats: a Linear's
 * weight `[out][in]`, a Conv2d's `[out][in][k][k]`, a batch norm's per-channel scale; then the bias.
 */
export interface ParamSlot {
  readonly weight: number;
  readonly weightSize: number;
  readonly bias: number;
  readonly biasSize: number;
}

/**
 * All trained parameters in one flat buffer (so one optimizer kernel updates them all), each
 * tensor starting on a 4-float boundary so kernels can read it as vec4s. The gradient and
 * optimizer state buffers share the layout; the padding stays zero and so never moves. Batch
 * norm's running statistics are not trained and live apart (`stats`).
 */
export interface ParamLayout {
  /** One slot per layer with tensors, in layer order (the order of ModelParams). */
  readonly slots: readonly ParamSlot[];
  /** Floats in the buffer: a multiple of 4, at least 4. */
  readonly size: number;
  /** Where each batch norm's running statistics live in the `stats` buffer, in model order. */
  readonly norms: readonly NormSlot[];
  /** Floats in the `stats` buffer: a multiple of 4, at least 4. */
  readonly statsSize: number;
}

/** A batch norm's running mean and variance in the `stats` buffer, and its ParamSlot's index. */
export interface NormSlot {
  readonly slot: number;
  readonly mean: number;
  readonly variance: number;
  readonly channels: number;
}

const align4 = (n: number) => Math.ceil(n / 4) * 4;

export function layoutParams(model: ModelSpec): ParamLayout {
  const slots: ParamSlot[] = [];
  const norms: NormSlot[] = [];
  let at = 0;
  let statsAt = 0;
  for (const layer of tensorLayers(model)) {
    const { shapes } = layerTensors(layer)!;
    if (shapes.runningMean) {
      const channels = size(shapes.runningMean);
      const mean = statsAt;
      const variance = align4(mean + channels);
      statsAt = align4(variance + channels);
      norms.push({ slot: slots.length, mean, variance, channels });
    }
    const weightSize = size(shapes.weight);
    const biasSize = size(shapes.bias);
    const weight = at;
    const bias = align4(weight + weightSize);
    at = align4(bias + biasSize);
    slots.push({ weight, weightSize, bias, biasSize });
  }
  return { slots, size: Math.max(4, at), norms, statsSize: Math.max(4, statsAt) };
}

/** The batch norms' running statistics of `params`, packed into the `stats` buffer's layout. */
export function packStats(layout: ParamLayout, params: ModelParams): Float32Array {
  const flat = new Float32Array(layout.statsSize);
  for (const norm of layout.norms) {
    const { runningMean, runningVar } = params[norm.slot]!;
    if (runningMean?.length !== norm.channels || runningVar?.length !== norm.channels) {
      throw new Error(`batch norm ${norm.slot}: running statistics of the wrong size`);
    }
    flat.set(runningMean, norm.mean);
    flat.set(runningVar, norm.variance);
  }
  return flat;
}

/** `params` (PyTorch's layout per layer) packed into the flat buffer's layout. */
export function packParams(layout: ParamLayout, params: ModelParams): Float32Array {
  if (params.length !== layout.slots.length) {
    throw new Error(`${params.length} parameter sets for ${layout.slots.length} layers`);
  }
  const flat = new Float32Array(layout.size);
  layout.slots.forEach((slot, i) => {
    const { weight, bias } = params[i]!;
    if (weight.length !== slot.weightSize || bias.length !== slot.biasSize) {
      throw new Error(`layer ${i}: parameters of the wrong size`);
    }
    flat.set(weight, slot.weight);
    flat.set(bias, slot.bias);
  });
  return flat;
}

/**
 * The flat buffers' contents back as one `{ weight, bias }` per layer with tensors, with the
 * running statistics of each batch norm from `stats`.
 */
export function unpackParams(
  layout: ParamLayout,
  flat: Float32Array,
  stats?: Float32Array,
): ModelParams {
  const params: ModelParams = layout.slots.map((slot) => ({
    weight: flat.slice(slot.weight, slot.weight + slot.weightSize),
    bias: flat.slice(slot.bias, slot.bias + slot.biasSize),
  }));
  for (const norm of layout.norms) {
    if (!stats) throw new Error('the running statistics of batch norm were not read');
    params[norm.slot] = {
      ...params[norm.slot]!,
      runningMean: stats.slice(norm.mean, norm.mean + norm.channels),
      runningVar: stats.slice(norm.variance, norm.variance + norm.channels),
    };
  }
  return params;
}

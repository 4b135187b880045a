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
}

const align4 = (n: number) => Math.ceil(n / 4) * 4;

export function layoutParams(model: ModelSpec): ParamLayout {
  const slots: ParamSlot[] = [];
  let at = 0;
  for (const layer of tensorLayers(model)) {
    const { shapes } = layerTensors(layer)!;
    const weightSize = size(shapes.weight);
    const biasSize = size(shapes.bias);
    const weight = at;
    const bias = align4(weight + weightSize);
    at = align4(bias + biasSize);
    slots.push({ weight, weightSize, bias, biasSize });
  }
  return { slots, size: Math.max(4, at) };
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

/** The flat buffer's contents back as one `{ weight, bias }` per layer with tensors. */
export function unpackParams(layout: ParamLayout, flat: Float32Array): ModelParams {
  return layout.slots.map((slot) => ({
    weight: flat.slice(slot.weight, slot.weight + slot.weightSize),
    bias: flat.slice(slot.bias, slot.bias + slot.biasSize),
  }));
}

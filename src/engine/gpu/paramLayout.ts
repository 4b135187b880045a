import type { ModelParams, ModelSpec } from '../model/spec';

/** Where one Linear's weight (`[out][in]`) and bias live in the flat parameter buffer, in floats. */
export interface LinearSlot {
  readonly weight: number;
  readonly bias: number;
  readonly inFeatures: number;
  readonly outFeatures: number;
}

/**
 * All parameters in one flat buffer (so one optimizer kernel updates them all), each tensor
 * starting on a 4-float boundary so kernels can read it as vec4s. The gradient and optimizer
 * state buffers share the layout; the padding stays zero and so never moves.
 */
export interface ParamLayout {
  readonly slots: readonly LinearSlot[];
  /** Floats in the buffer: a multiple of 4, at least 4. */
  readonly size: number;
}

const align4 = (n: number) => Math.ceil(n / 4) * 4;

export function layoutParams(model: ModelSpec): ParamLayout {
  const slots: LinearSlot[] = [];
  let at = 0;
  for (const layer of model.layers) {
    if (layer.kind !== 'linear') continue;
    const weight = at;
    const bias = align4(weight + layer.outFeatures * layer.inFeatures);
    at = align4(bias + layer.outFeatures);
    slots.push({ weight, bias, inFeatures: layer.inFeatures, outFeatures: layer.outFeatures });
  }
  return { slots, size: Math.max(4, at) };
}

/** `params` (PyTorch's layout per layer) packed into the flat buffer's layout. */
export function packParams(layout: ParamLayout, params: ModelParams): Float32Array {
  if (params.length !== layout.slots.length) {
    throw new Error(`${params.length} parameter sets for ${layout.slots.length} Linear layers`);
  }
  const flat = new Float32Array(layout.size);
  layout.slots.forEach((slot, i) => {
    const { weight, bias } = params[i]!;
    if (weight.length !== slot.inFeatures * slot.outFeatures || bias.length !== slot.outFeatures) {
      throw new Error(`Linear ${i}: parameters of the wrong size`);
    }
    flat.set(weight, slot.weight);
    flat.set(bias, slot.bias);
  });
  return flat;
}

/** The flat buffer's contents back as one `{ weight, bias }` per Linear layer. */
export function unpackParams(layout: ParamLayout, flat: Float32Array): ModelParams {
  return layout.slots.map((slot) => ({
    weight: flat.slice(slot.weight, slot.weight + slot.inFeatures * slot.outFeatures),
    bias: flat.slice(slot.bias, slot.bias + slot.outFeatures),
  }));
}

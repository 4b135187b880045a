import { type Histogram, INSIDES_BINS, type LayerInsides } from '../backend';
import { layerShapes, layerTensors } from '../model/layers';
import type { ModelParams, ModelSpec } from '../model/spec';

/**
 * The bin of `v` among `bins` equal bins from `min` to `max`, in float32 arithmetic as the GPU's
 * kernel computes it ((v - min) * (bins / (max - min)), floored), the last bin closed.
 */
export function binOf(v: number, min: number, max: number, bins: number): number {
  if (!(max > min)) return 0;
  const scale = Math.fround(bins / Math.fround(max - min));
  const t = Math.fround(Math.fround(v - min) * scale);
  return Math.min(bins - 1, Math.max(0, Math.floor(t)));
}

/** The finite values of `values` in `bins` bins from their least to their greatest. */
export function histogram(values: ArrayLike<number>, bins = INSIDES_BINS): Histogram {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const counts = new Array<number>(bins).fill(0);
  if (!(min <= max)) return { min: 0, max: 0, counts };
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) counts[binOf(v, min, max, bins)]!++;
  }
  return { min, max, counts };
}

/**
 * The fraction of units (`units` features or channels, each `spatial` values per sample) whose z
 * is at most 0 for every one of `rows` samples: the units a ReLU after them leaves dead.
 */
export function deadFraction(z: Float32Array, rows: number, units: number, spatial: number) {
  let dead = 0;
  for (let u = 0; u < units; u++) {
    let alive = false;
    for (let r = 0; r < rows && !alive; r++) {
      const at = (r * units + u) * spatial;
      for (let p = 0; p < spatial; p++) {
        if (z[at + p]! > 0) {
          alive = true;
          break;
        }
      }
    }
    if (!alive) dead++;
  }
  return units === 0 ? 0 : dead / units;
}

/** Whether a ReLU takes layer `i`'s output (Dropout in between changes nothing about deadness). */
export function reluFollows(model: ModelSpec, i: number): boolean {
  const next = model.layers.slice(i + 1).find((l) => l.kind !== 'dropout');
  return next?.kind === 'relu';
}

/**
 * The insides of every layer with weights (see LayerInsides) from the parameters and each such
 * layer's output z on a batch of `rows` samples (`outputs[i]` for layer i).
 */
export function insidesOf(
  model: ModelSpec,
  params: ModelParams,
  outputs: readonly (Float32Array | undefined)[],
  rows: number,
): LayerInsides[] {
  const shapes = layerShapes(model);
  const insides: LayerInsides[] = [];
  let slot = 0;
  model.layers.forEach((layer, i) => {
    if (!layerTensors(layer)) return;
    const { weight } = params[slot++]!;
    const z = outputs[i];
    if (!z) return;
    const [units, ...rest] = shapes[i + 1]!;
    const spatial = rest.reduce((a, b) => a * b, 1);
    insides.push({
      layer: i,
      weights: histogram(weight),
      outputs: histogram(z.subarray(0, rows * units! * spatial)),
      ...(reluFollows(model, i) ? { dead: deadFraction(z, rows, units!, spatial) } : {}),
    });
  });
  return insides;
}

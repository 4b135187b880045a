// Numbers of the model's insides as the Training tab draws and says them: a histogram's bins and
// summary, a feature map's grey levels, the shape of a layer's output.
import type { Histogram } from '../../../engine';
import { chartNumber } from '../../charts/chartFormat';

/** A value as the insides label it: 3 significant digits. */
export const insideNumber = (value: number): string => chartNumber(value, 3);

/** Values in a histogram. */
export function histogramTotal(h: Histogram): number {
  return h.counts.reduce((a, b) => a + b, 0);
}

/** Bin `i`'s range of values: equal bins from `min` to `max`. */
export function binRange(h: Histogram, i: number): [from: number, to: number] {
  const width = (h.max - h.min) / h.counts.length;
  return [h.min + i * width, i === h.counts.length - 1 ? h.max : h.min + (i + 1) * width];
}

/**
 * A histogram in one sentence, for a screen reader: how many values, their range, and the bin
 * that holds the most of them.
 *
 * @example
 * histogramSummary('fc1 weights', h); // 'fc1 weights: 200,704 values from -0.0891 to 0.0892, the most (8,960) from -0.00557 to 0'
 */
export function histogramSummary(name: string, h: Histogram): string {
  const total = histogramTotal(h);
  if (total === 0) return `${name}: no values`;
  if (!(h.max > h.min)) {
    return `${name}: ${total.toLocaleString('en-US')} values, all ${insideNumber(h.min)}`;
  }
  let most = 0;
  h.counts.forEach((c, i) => {
    if (c > h.counts[most]!) most = i;
  });
  const [from, to] = binRange(h, most);
  return `${name}: ${total.toLocaleString('en-US')} values from ${insideNumber(h.min)} to ${insideNumber(h.max)}, the most (${h.counts[most]!.toLocaleString('en-US')}) from ${insideNumber(from)} to ${insideNumber(to)}`;
}

/**
 * Feature-map values as grey bytes for ImageCanvas: `min` white (0) to `max` black (255), so a
 * strong response is dark as the garments are. A layer whose values are all equal is all white.
 */
export function greyLevels(values: ArrayLike<number>, min: number, max: number): Uint8Array {
  const out = new Uint8Array(values.length);
  const range = max - min;
  if (!(range > 0) || !Number.isFinite(range)) return out;
  for (let i = 0; i < values.length; i++) {
    out[i] = Math.max(0, Math.min(255, Math.round(((values[i]! - min) / range) * 255)));
  }
  return out;
}

/**
 * Feature maps as grey bytes, each of the `channels` maps of `area` values on its own scale
 * (greyLevels from its least value to its greatest): a weak channel shows its pattern as clearly
 * as a strong one, and a channel that is the same everywhere (dead under a ReLU) is all white.
 */
export function channelLevels(values: Float32Array, channels: number, area: number): Uint8Array {
  const out = new Uint8Array(channels * area);
  for (let c = 0; c < channels; c++) {
    const map = values.subarray(c * area, (c + 1) * area);
    let min = Infinity;
    let max = -Infinity;
    for (const v of map) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
    out.set(greyLevels(map, min, max), c * area);
  }
  return out;
}

/** A tensor's shape as PyTorch prints it, without the batch: `[8, 28, 28]`. */
export const shapeText = (shape: readonly number[]): string => `[${shape.join(', ')}]`;

/**
 * The tiles a row of filters or feature maps holds (charts.css): at most 8, or 4 in a narrow
 * panel, so that 16 channels make even rows.
 */
export const tileColumns = (tiles: number): Record<string, string> => ({
  '--cols': String(Math.max(1, Math.min(tiles, 8))),
  '--cols-narrow': String(Math.max(1, Math.min(tiles, 4))),
});

/** A fraction as a whole percentage: `0.7` is `70%`. */
export const percentText = (fraction: number): string => `${Math.round(fraction * 100)}%`;

import { type Dataset, imageSize, sampleSize } from '../data/dataset';
import type { Preprocessing } from '../data/normalize';
import { argmaxRows } from '../metrics';
import { rawInputs } from './rawInputs';

/**
 * Some evaluated samples with what the model said about them: a confusion-matrix cell's images
 * or rows, or the gallery (misclassified first).
 */
export interface SampleSet {
  /** Positions in the evaluated split. */
  readonly indices: number[];
  readonly truth: number[];
  readonly predicted: number[];
  /** `[samples][classes]` predicted probabilities (softmax of the outputs). */
  readonly probabilities: Float32Array;
  readonly classes: number;
  /** How many samples match in all (more than shown when cut at the limit). */
  readonly total: number;
  /** Images as raw bytes 0..255, `[samples][rows][cols]`. */
  readonly image?: { readonly rows: number; readonly cols: number; readonly pixels: Uint8Array };
  /** Table rows as raw feature values, `[samples][features]`. */
  readonly table?: { readonly featureNames: readonly string[]; readonly rows: number[][] };
}

/**
 * Row-wise softmax, p_i = e^(z_i - max) / sum_j e^(z_j - max) (torch.softmax), unless the
 * outputs already are probabilities (the model ends with a Softmax node).
 */
export function probabilitiesOf(
  outputs: Float32Array,
  classes: number,
  alreadyProbabilities: boolean,
): Float32Array {
  if (alreadyProbabilities) return outputs;
  const out = new Float32Array(outputs.length);
  for (let o = 0; o < outputs.length; o += classes) {
    let max = -Infinity;
    for (let i = 0; i < classes; i++) max = Math.max(max, outputs[o + i]!);
    let sum = 0;
    for (let i = 0; i < classes; i++) sum += Math.exp(outputs[o + i]! - max);
    for (let i = 0; i < classes; i++) out[o + i] = Math.exp(outputs[o + i]! - max) / sum;
  }
  return out;
}

/**
 * The model's predictions on an evaluated split at the end of an epoch, kept in the worker so that
 * the app can ask for the samples behind any confusion-matrix cell without a second pass.
 */
export class EvaluatedPredictions {
  readonly predicted: Int32Array;
  private readonly labels: Int32Array;

  constructor(
    private readonly data: Dataset,
    private readonly probabilities: Float32Array,
    private readonly preprocessing: Preprocessing,
  ) {
    if (data.targets.task !== 'classification') throw new Error('predictions need class labels');
    this.labels = data.targets.labels;
    this.predicted = argmaxRows(probabilities, data.count, this.classes);
  }

  get classes(): number {
    return this.data.targets.task === 'classification' ? this.data.targets.classes.length : 0;
  }

  /** Up to `limit` samples of class `truth` predicted as `predicted` (either may be any). */
  select(truth: number | undefined, predicted: number | undefined, limit: number): SampleSet {
    const chosen: number[] = [];
    let total = 0;
    for (let i = 0; i < this.data.count; i++) {
      if (truth !== undefined && this.labels[i] !== truth) continue;
      if (predicted !== undefined && this.predicted[i] !== predicted) continue;
      total++;
      if (chosen.length < limit) chosen.push(i);
    }
    return this.sampleSet(chosen, total);
  }

  /** The first `limit` samples, the misclassified ones first (each group in data order). */
  gallery(limit: number): SampleSet {
    const wrong: number[] = [];
    const right: number[] = [];
    for (let i = 0; i < this.data.count && wrong.length < limit; i++) {
      if (this.labels[i] !== this.predicted[i]) wrong.push(i);
      else if (right.length < limit) right.push(i);
    }
    return this.sampleSet([...wrong, ...right].slice(0, limit), this.data.count);
  }

  private sampleSet(indices: number[], total: number): SampleSet {
    const k = this.classes;
    const probabilities = new Float32Array(indices.length * k);
    indices.forEach((s, n) => {
      probabilities.set(this.probabilities.subarray(s * k, (s + 1) * k), n * k);
    });
    const set = {
      indices,
      truth: indices.map((i) => this.labels[i]!),
      predicted: indices.map((i) => this.predicted[i]!),
      probabilities,
      classes: k,
      total,
    };
    const width = sampleSize(this.data);
    const rowsOf = (i: number) =>
      rawInputs(this.data.x.subarray(i * width, (i + 1) * width), this.preprocessing);
    const image = imageSize(this.data.sampleShape);
    if (image?.channels === 1) {
      const { height: rows, width: cols } = image;
      const pixels = new Uint8Array(indices.length * width);
      indices.forEach((s, n) => {
        pixels.set(rawPixels(this.data, this.preprocessing, s), n * width);
      });
      return { ...set, image: { rows, cols, pixels } };
    }
    const featureNames = this.data.featureNames;
    return { ...set, table: { featureNames, rows: indices.map((s) => Array.from(rowsOf(s))) } };
  }
}

/** Sample `index`'s values as the file holds them, rounded to bytes 0..255: an image's pixels. */
export function rawPixels(data: Dataset, preprocessing: Preprocessing, index: number): Uint8Array {
  const width = sampleSize(data);
  const raw = rawInputs(data.x.subarray(index * width, (index + 1) * width), preprocessing);
  const pixels = new Uint8Array(width);
  for (let p = 0; p < width; p++) pixels[p] = Math.max(0, Math.min(255, Math.round(raw[p]!)));
  return pixels;
}

/** The buffers of a sample set, to transfer rather than copy. */
export function sampleSetBuffers(set: SampleSet): ArrayBuffer[] {
  const buffers = [set.probabilities.buffer as ArrayBuffer];
  if (set.image) buffers.push(set.image.pixels.buffer as ArrayBuffer);
  return buffers;
}

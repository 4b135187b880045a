/**
 * The benchmark's workload, shared by every contender so that they train the same model on the
 * same numbers: a 784-128-10 MLP on Fashion-MNIST-shaped random data.
 */
import { MT19937 } from '../src/engine/random';

export const IMAGE_SHAPE = [28, 28] as const;
export const INPUTS = 784;
export const HIDDEN = 128;
export const CLASSES = 10;

/** The same seeded samples for every contender: pixels in [0, 1), labels in [0, 10). */
export interface BenchData {
  readonly count: number;
  /** `[count][784]` row-major. */
  readonly x: Float32Array;
  readonly labels: Int32Array;
}

export function makeData(count: number, seed: number): BenchData {
  const rng = new MT19937(seed);
  const x = new Float32Array(count * INPUTS);
  for (let i = 0; i < x.length; i++) x[i] = rng.nextFloat24();
  const labels = new Int32Array(count);
  for (let i = 0; i < count; i++) labels[i] = rng.nextInt(CLASSES);
  return { count, x, labels };
}

/** One Linear layer's parameters in PyTorch's layout: `weight` is `[out][in]` row-major. */
export interface DenseParams {
  readonly inFeatures: number;
  readonly outFeatures: number;
  readonly weight: Float32Array;
  readonly bias: Float32Array;
}

/**
 * PyTorch's default `nn.Linear` initialisation: weight and bias both uniform in
 * [-1/sqrt(in), 1/sqrt(in)] (kaiming_uniform_ with a = sqrt(5) reduces to that bound).
 */
function linearInit(inFeatures: number, outFeatures: number, rng: MT19937): DenseParams {
  const bound = 1 / Math.sqrt(inFeatures);
  const uniform = () => (2 * rng.nextFloat24() - 1) * bound;
  const weight = Float32Array.from({ length: outFeatures * inFeatures }, uniform);
  const bias = Float32Array.from({ length: outFeatures }, uniform);
  return { inFeatures, outFeatures, weight, bias };
}

/** Initial parameters of the two Linear layers, from one seed. */
export function makeParams(seed: number): DenseParams[] {
  const rng = new MT19937(seed);
  return [linearInit(INPUTS, HIDDEN, rng), linearInit(HIDDEN, CLASSES, rng)];
}

/** `[rows][cols]` row-major to `[cols][rows]`: PyTorch's `[out][in]` to TF.js's `[in][out]` kernel. */
export function transpose(a: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(a.length);
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) out[c * rows + r] = a[r * cols + c]!;
  return out;
}

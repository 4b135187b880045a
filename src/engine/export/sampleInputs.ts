import { MT19937 } from '../random';
import type { ModelFile } from './modelFile';

/**
 * Seeded raw inputs a model can be checked on without its data: bytes 0..255 for an image model,
 * values across about two standard deviations around the mean (or a little beyond the min-max
 * range) of each column for a table, 0..100 when nothing is known. What the app runs an ONNX
 * export and its own model on to compare them.
 *
 * @example
 * const x = sampleInputs(file, 32); // 32 samples, row-major
 */
export function sampleInputs(file: ModelFile, count: number, seed = 1): Float32Array {
  const rng = new MT19937(seed);
  const size = file.inputShape.reduce((a, b) => a * b, 1);
  const prep = file.preprocessing;
  const x = new Float32Array(count * size);
  for (let i = 0; i < x.length; i++) {
    const j = i % size;
    const u = rng.nextFloat24();
    if (prep.imageScale !== undefined) x[i] = Math.floor(u * 256);
    else if (prep.kind === 'standardize') x[i] = prep.mean[j]! + (u * 4 - 2) * prep.std[j]!;
    else if (prep.kind === 'minmax') {
      x[i] = prep.min[j]! + (u * 1.2 - 0.1) * (prep.max[j]! - prep.min[j]! || 1);
    } else x[i] = u * 100;
  }
  return x;
}

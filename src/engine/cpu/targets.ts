import type { Targets } from '../data/dataset';

/** The targets of one batch, in the batch's sample order. */
export type TargetBatch =
  | { readonly task: 'regression'; readonly values: Float32Array; readonly size: number }
  | { readonly task: 'classification'; readonly labels: Int32Array; readonly classes: number };

/** Copies the rows `indices[start .. start + count)` of a row-major array into one batch. */
export function gatherRows(
  source: Float32Array,
  rowSize: number,
  indices: Uint32Array,
  start: number,
  count: number,
): Float32Array {
  const out = new Float32Array(count * rowSize);
  for (let r = 0; r < count; r++) {
    const from = indices[start + r]! * rowSize;
    out.set(source.subarray(from, from + rowSize), r * rowSize);
  }
  return out;
}

/** The targets of samples `indices[start .. start + count)`. */
export function gatherTargets(
  targets: Targets,
  indices: Uint32Array,
  start: number,
  count: number,
): TargetBatch {
  if (targets.task === 'regression') {
    const values = gatherRows(targets.values, targets.size, indices, start, count);
    return { task: 'regression', values, size: targets.size };
  }
  const labels = new Int32Array(count);
  for (let r = 0; r < count; r++) labels[r] = targets.labels[indices[start + r]!]!;
  return { task: 'classification', labels, classes: targets.classes.length };
}

/** Index of the largest value of each row of a `[rows][width]` array (first one on ties, like torch.argmax). */
export function argmaxRows(values: Float32Array, rows: number, width: number): Int32Array {
  const out = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    const o = r * width;
    let best = 0;
    for (let i = 1; i < width; i++) if (values[o + i]! > values[o + best]!) best = i;
    out[r] = best;
  }
  return out;
}

/** An empty `classes x classes` confusion matrix, `[true][predicted]`. */
export function emptyConfusion(classes: number): number[][] {
  return Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
}

/** Adds a batch of (true, predicted) labels into `matrix[true][predicted]`. */
export function addToConfusion(matrix: number[][], truth: Int32Array, predicted: Int32Array): void {
  for (let i = 0; i < truth.length; i++) matrix[truth[i]!]![predicted[i]!]! += 1;
}

/** Fraction of samples on the diagonal of a confusion matrix. */
export function accuracyOf(matrix: readonly (readonly number[])[]): number {
  let right = 0;
  let total = 0;
  matrix.forEach((row, t) => {
    row.forEach((n, p) => {
      total += n;
      if (t === p) right += n;
    });
  });
  return total === 0 ? 0 : right / total;
}

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

/** Precision, recall and F1 of one class, with its support (samples whose true class it is). */
export interface ClassMetrics {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly support: number;
}

/** Per-class metrics in label order, and their unweighted (macro) means. */
export interface ClassificationMetrics {
  readonly perClass: readonly ClassMetrics[];
  readonly macro: { readonly precision: number; readonly recall: number; readonly f1: number };
}

/** A ratio whose 0/0 is 0: scikit-learn's `zero_division` default (it warns, and gives 0). */
const ratio = (n: number, d: number) => (d === 0 ? 0 : n / d);

/**
 * Per-class precision, recall, F1 and support from a `[true][predicted]` confusion matrix, and
 * their macro averages, as scikit-learn's `precision_recall_fscore_support(y_true, y_pred,
 * labels=range(k), zero_division=0)` and `classification_report` give them: for class c with
 * TP = C[c][c], precision = TP / (column c's sum), recall = TP / (row c's sum = support),
 * F1 = 2PR / (P + R); each 0 where its denominator is 0. The macro average is the plain mean over
 * all k classes (those without samples too), and macro F1 is the mean of the F1s, not the F1 of
 * the mean precision and recall.
 *
 * @example
 * classificationMetrics([[2, 0], [1, 1]]).perClass[0]; // { precision: 2/3, recall: 1, f1: 0.8, support: 2 }
 */
export function classificationMetrics(
  matrix: readonly (readonly number[])[],
): ClassificationMetrics {
  const k = matrix.length;
  const predicted = Array.from({ length: k }, (_, p) =>
    matrix.reduce((sum, row) => sum + row[p]!, 0),
  );
  const perClass = matrix.map((row, c) => {
    const support = row.reduce((a, b) => a + b, 0);
    const precision = ratio(row[c]!, predicted[c]!);
    const recall = ratio(row[c]!, support);
    return { precision, recall, f1: ratio(2 * precision * recall, precision + recall), support };
  });
  const mean = (key: 'precision' | 'recall' | 'f1') =>
    k === 0 ? 0 : perClass.reduce((sum, m) => sum + m[key], 0) / k;
  return {
    perClass,
    macro: { precision: mean('precision'), recall: mean('recall'), f1: mean('f1') },
  };
}

/** The regression metrics of one target column. */
export interface TargetMetrics {
  /** Coefficient of determination; absent with fewer than two samples, where it is not defined. */
  readonly r2?: number;
  /** Mean absolute error. */
  readonly mae: number;
  /** Root of the mean squared error. */
  readonly rmse: number;
}

/**
 * R², MAE and RMSE of each target column of `[count][size]` predictions against targets, in
 * float64, as scikit-learn's `r2_score`, `mean_absolute_error` and `mean_squared_error(...,
 * squared=False)` with `multioutput='raw_values'` give them: R² = 1 - Σ(y - ŷ)² / Σ(y - ȳ)²; for a
 * constant target (Σ(y - ȳ)² = 0) R² is 1 when every prediction is exact and 0 otherwise
 * (r2_score's `force_finite=True`); with fewer than two samples r2_score gives NaN, and R² is left
 * out.
 *
 * @example
 * regressionMetrics(Float32Array.from([1, 2]), Float32Array.from([1, 3]), 2, 1);
 * // [{ r2: 0.5, mae: 0.5, rmse: 0.7071 }]
 */
export function regressionMetrics(
  predictions: ArrayLike<number>,
  targets: ArrayLike<number>,
  count: number,
  size: number,
): TargetMetrics[] {
  return Array.from({ length: size }, (_, j) => {
    let mean = 0;
    for (let i = 0; i < count; i++) mean += targets[i * size + j]!;
    mean /= count;
    let absolute = 0;
    let squared = 0;
    let spread = 0;
    for (let i = 0; i < count; i++) {
      const y = targets[i * size + j]!;
      const error = y - predictions[i * size + j]!;
      absolute += Math.abs(error);
      squared += error * error;
      spread += (y - mean) * (y - mean);
    }
    const r2 = spread === 0 ? (squared === 0 ? 1 : 0) : 1 - squared / spread;
    return {
      ...(count >= 2 ? { r2 } : {}),
      mae: absolute / count,
      rmse: Math.sqrt(squared / count),
    };
  });
}

/** Rows and columns of a matrix shown on screen; the rest is an ellipsis. */
export const SHOWN_ROWS = 5;
export const SHOWN_COLS = 6;

/** Some rows and columns of a matrix, with its full size: what the worker sends, not the whole. */
export interface MatrixPreview {
  readonly rows: number;
  readonly cols: number;
  readonly shownRows: number;
  readonly shownCols: number;
  /** `[shownRows][shownCols]` row-major. */
  readonly values: number[];
  /**
   * The 0-based columns shown, in order, when they are not the first `shownCols` (a wide
   * input's columns that vary most); absent for the leading corner.
   */
  readonly colIndex?: readonly number[];
}

/** Which rows and columns a preview shows: by default the first ones. */
export interface PreviewPick {
  readonly rows?: number;
  /** 0-based columns, ascending; `undefined` for the first `SHOWN_COLS`. */
  readonly colIndex?: readonly number[] | undefined;
}

/**
 * The first rows of a row-major `rows x cols` matrix, at the first columns or at `pick.colIndex`.
 *
 * @example
 * preview(x, 128, 784, { colIndex: varyingColumns(x, 128, 784) }); // 5 images, 6 busy pixels
 */
export function preview(
  values: ArrayLike<number>,
  rows: number,
  cols: number,
  pick: PreviewPick = {},
): MatrixPreview {
  const shownRows = Math.min(rows, pick.rows ?? SHOWN_ROWS);
  const columns = pick.colIndex ?? range(Math.min(cols, SHOWN_COLS));
  const out: number[] = [];
  for (let r = 0; r < shownRows; r++) {
    for (const c of columns) out.push(values[r * cols + c]!);
  }
  const base = { rows, cols, shownRows, shownCols: columns.length, values: out };
  return pick.colIndex ? { ...base, colIndex: pick.colIndex } : base;
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

/** The middle value of `values` (sorted in place), the mean of the two middle ones when even. */
function median(values: Float64Array): number {
  values.sort();
  const half = values.length >> 1;
  return values.length % 2 ? values[half]! : (values[half - 1]! + values[half]!) / 2;
}

/**
 * The `count` columns of a row-major `rows x cols` matrix whose values differ most over its rows,
 * in column order; `undefined` when all columns fit. "Most" is the median absolute deviation
 * from the median, then the variance: a spread most rows take part in, so that an image's
 * background pixel (the same in nearly every sample, and huge where standardised in the one that
 * is not) loses to a pixel the garments cover; ties go to the lower column. The first columns of
 * an image batch are its corner, background in every sample: these differ from row to row.
 */
export function varyingColumns(
  values: ArrayLike<number>,
  rows: number,
  cols: number,
  count = SHOWN_COLS,
): number[] | undefined {
  if (cols <= count) return undefined;
  const spread = new Float64Array(cols);
  const variance = new Float64Array(cols);
  const column = new Float64Array(rows);
  for (let c = 0; c < cols; c++) {
    let sum = 0;
    for (let r = 0; r < rows; r++) {
      column[r] = values[r * cols + c]!;
      sum += column[r]!;
    }
    const mean = sum / rows;
    let squares = 0;
    for (let r = 0; r < rows; r++) squares += (column[r]! - mean) ** 2;
    variance[c] = squares / rows;
    const middle = median(column);
    for (let r = 0; r < rows; r++) column[r] = Math.abs(column[r]! - middle);
    spread[c] = median(column);
  }
  return range(cols)
    .sort((a, b) => spread[b]! - spread[a]! || variance[b]! - variance[a]! || a - b)
    .slice(0, count)
    .sort((a, b) => a - b);
}

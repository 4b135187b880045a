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

/**
 * The `count` columns of a row-major `rows x cols` matrix whose values vary most over its rows
 * (largest population variance, ties to the lower column), in column order; `undefined` when
 * all columns fit. The first columns of an image batch are its corner, background in every
 * sample (all zeros); these are the pixels where the samples differ, so the rows shown differ.
 */
export function varyingColumns(
  values: ArrayLike<number>,
  rows: number,
  cols: number,
  count = SHOWN_COLS,
): number[] | undefined {
  if (cols <= count) return undefined;
  const sum = new Float64Array(cols);
  const squares = new Float64Array(cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const v = values[r * cols + c]!;
      sum[c]! += v;
      squares[c]! += v * v;
    }
  }
  // E[x^2] - E[x]^2 cancels for large means, but only the order matters here, not the digits.
  const variance = Array.from(sum, (s, c) => squares[c]! / rows - (s / rows) ** 2);
  return range(cols)
    .sort((a, b) => variance[b]! - variance[a]! || a - b)
    .slice(0, count)
    .sort((a, b) => a - b);
}

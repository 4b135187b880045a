import { describe, expect, it } from 'vitest';
import { preview, varyingColumns } from './matrixPreview';

describe('preview', () => {
  it('keeps the top-left corner of a large matrix, with its full size', () => {
    const m = Array.from({ length: 10 * 8 }, (_, i) => i);
    const p = preview(m, 10, 8);
    expect(p).toMatchObject({ rows: 10, cols: 8, shownRows: 5, shownCols: 6 });
    expect(p.values.slice(0, 7)).toEqual([0, 1, 2, 3, 4, 5, 8]);
    expect(p.colIndex).toBeUndefined();
  });

  it('shows the columns and the number of rows asked for', () => {
    const m = Array.from({ length: 8 * 10 }, (_, i) => i);
    const p = preview(m, 8, 10, { rows: 6, colIndex: [2, 9] });
    expect(p).toMatchObject({ shownRows: 6, shownCols: 2, colIndex: [2, 9] });
    expect(p.values.slice(0, 4)).toEqual([2, 9, 12, 19]);
  });
});

describe('varyingColumns', () => {
  it('picks the columns whose values differ most over the rows, in column order', () => {
    // 3 rows x 8 columns: column 7 spreads most, then 2, then 4 (one row off); 3 is constant.
    const m = [
      [0, 0, 1, 5, 0, 0, 0, 10],
      [0, 0, 3, 5, 1, 0, 0, -10],
      [0, 0, 5, 5, 0, 0, 0, 0],
    ].flat();
    expect(varyingColumns(m, 3, 8, 3)).toEqual([2, 4, 7]);
    expect(varyingColumns(m, 3, 8, 8)).toBeUndefined();
  });

  it('prefers a spread most rows share to one outlier, as a standardised background pixel has', () => {
    // Column 0: background in 4 of 5 rows, one huge value; column 1: every row different.
    const m = [
      [-0.06, 0.1, 0],
      [-0.06, 0.9, 0],
      [8.7, 0.4, 0],
      [-0.06, 0.7, 0],
      [-0.06, 0.2, 0],
    ].flat();
    expect(varyingColumns(m, 5, 3, 1)).toEqual([1]);
    expect(varyingColumns(m, 5, 3, 2)).toEqual([0, 1]);
  });
});

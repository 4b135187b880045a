import type { MatrixPreview } from '../../../engine';
import { columnLabel, formatCell } from './matrixFormat';

interface MatrixViewProps {
  readonly name: string;
  readonly matrix: MatrixPreview;
  /** Significant digits of each cell (4 by default). */
  readonly digits?: number;
  /** Columns that are an image's pixels are headed `row,col` (the image this wide). */
  readonly imageCols?: number | undefined;
}

const headTitle = (column: number, imageCols: number | undefined) =>
  imageCols ? `pixel ${columnLabel(column, imageCols)} (row,column)` : `column ${column}`;

/**
 * Some rows and columns of a matrix, with ellipses where others are left out. Columns picked
 * from the middle of a wide matrix are headed with their index, so the gap is never hidden.
 */
export function MatrixView({ name, matrix, digits, imageCols }: MatrixViewProps) {
  const { rows, cols, shownRows, shownCols, values, colIndex } = matrix;
  const moreCols = cols > shownCols;
  return (
    <figure className="matrix">
      <figcaption>
        <code>{name}</code>{' '}
        <span className="matrix-shape">
          [{rows} × {cols}]
        </span>
      </figcaption>
      <table aria-label={`${name}, ${rows} by ${cols}`}>
        {colIndex && (
          <thead>
            <tr>
              {colIndex.map((c) => (
                <th key={c} scope="col" title={headTitle(c, imageCols)}>
                  {columnLabel(c, imageCols)}
                </th>
              ))}
              {moreCols && <td />}
            </tr>
          </thead>
        )}
        <tbody>
          {Array.from({ length: shownRows }, (_, r) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows of a matrix are positions.
            <tr key={r}>
              {values.slice(r * shownCols, (r + 1) * shownCols).map((v, c) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: columns of a matrix are positions.
                <td key={c}>{formatCell(v, digits)}</td>
              ))}
              {moreCols && <td>…</td>}
            </tr>
          ))}
          {rows > shownRows && (
            <tr>
              <td colSpan={shownCols + (moreCols ? 1 : 0)}>⋮</td>
            </tr>
          )}
        </tbody>
      </table>
    </figure>
  );
}

import type { MatrixPreview } from '../../../engine';

/** A number as the tutorial prints it: 4 significant digits. */
const cell = (v: number) => (Number.isFinite(v) ? Number(v.toPrecision(4)).toString() : String(v));

/** A matrix's top-left corner, with ellipses where rows or columns are left out. */
export function MatrixView({ name, matrix }: { name: string; matrix: MatrixPreview }) {
  const { rows, cols, shownRows, shownCols, values } = matrix;
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
        <tbody>
          {Array.from({ length: shownRows }, (_, r) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows of a matrix are positions.
            <tr key={r}>
              {values.slice(r * shownCols, (r + 1) * shownCols).map((v, c) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: columns of a matrix are positions.
                <td key={c}>{cell(v)}</td>
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

import type { ColumnRole } from '../../stores/csvDraft';

interface PreviewTableProps {
  name: string;
  columns: readonly string[];
  rows: readonly (readonly string[])[];
  roles: Readonly<Record<string, ColumnRole>>;
}

/** The first rows of a CSV file as it reads, columns marked by role; wide tables scroll sideways. */
export function PreviewTable({ name, columns, rows, roles }: PreviewTableProps) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard to scroll it.
    <section className="preview-scroll" aria-label="First rows" tabIndex={0}>
      <table className="preview-table">
        <caption className="visually-hidden">First rows of {name}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col" className={`role-${roles[column]}`}>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, r) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows of a preview have no identity but their place.
            <tr key={r}>
              {columns.map((column, j) => (
                <td key={column} className={`role-${roles[column]}`}>
                  {row[j]}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

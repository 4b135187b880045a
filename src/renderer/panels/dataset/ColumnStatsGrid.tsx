import type { ColumnStats } from '../../../engine';
import { formatCountShort, formatStat } from './format';

/** The statistics the panel shows for a column: a CSV column's summary or a loaded dataset's. */
export type StatsLike = Omit<ColumnStats, 'name'>;

/** count, mean, std, min, max and missing of one column, in two rows of three. */
export function ColumnStatsGrid({ stats }: { stats: StatsLike }) {
  const cells: [string, number, (value: number) => string][] = [
    ['mean', stats.mean, formatStat],
    ['std', stats.std, formatStat],
    ['count', stats.count, formatCountShort],
    ['min', stats.min, formatStat],
    ['max', stats.max, formatStat],
    ['missing', stats.missing, formatCountShort],
  ];
  return (
    <dl className="column-stats">
      {cells.map(([label, value, format]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd title={Number.isFinite(value) ? String(value) : undefined}>{format(value)}</dd>
        </div>
      ))}
    </dl>
  );
}

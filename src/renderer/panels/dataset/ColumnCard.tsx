import { type ColumnSummary, compareCodePoints, MAX_CATEGORIES, type Task } from '../../../engine';
import { datasetStore } from '../../stores/appStores';
import { type ColumnRole, columnWarning } from '../../stores/csvDraft';
import { ColumnStatsGrid } from './ColumnStatsGrid';
import { formatCount, listedShort } from './format';

const ROLES: { value: ColumnRole; label: string }[] = [
  { value: 'feature', label: 'Feature' },
  { value: 'target', label: 'Target' },
  { value: 'ignored', label: 'Ignored' },
];

function typeText(column: ColumnSummary): string {
  const distinct = column.distinctCapped
    ? `more than ${formatCount(column.distinct - 1)} different values`
    : `${formatCount(column.distinct)} different ${column.distinct === 1 ? 'value' : 'values'}`;
  switch (column.type) {
    case 'numeric':
      return `${column.integers ? 'Whole numbers' : 'Numbers'}, ${distinct}`;
    case 'date':
      return 'Dates: year, month and day of the year become 3 inputs';
    case 'text': {
      const words = column.count - column.numbers;
      if (column.numbers * 2 > column.count) {
        return `Numbers, but ${formatCount(words)} ${words === 1 ? 'cell holds' : 'cells hold'} text`;
      }
      if (column.idLike) return `Text, ${distinct} (a name per row)`;
      if (column.distinct > MAX_CATEGORIES) return `Text, ${distinct}`;
      return `Categories: ${listedShort([...column.values].sort(compareCodePoints), SHOWN_LEVELS)}`;
    }
    case 'empty':
      return 'Empty';
  }
}

/** Categories named on a card: the rest are counted. */
const SHOWN_LEVELS = 6;

/** One CSV column: its role (feature, target or ignored), what it holds and its statistics. */
export function ColumnCard({
  column,
  role,
  task,
}: {
  column: ColumnSummary;
  role: ColumnRole;
  task: Task;
}) {
  const warning = columnWarning(column, role, task);
  return (
    <li className={`column-card role-${role}`}>
      <div className="column-card-head">
        <span className="column-name" title={column.name}>
          {column.name}
        </span>
        <select
          aria-label={`Role of ${column.name}`}
          value={role}
          onChange={(e) =>
            datasetStore.getState().setRole(column.name, e.target.value as ColumnRole)
          }
        >
          {ROLES.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </select>
      </div>
      <p className="column-type">{typeText(column)}</p>
      {column.type === 'numeric' ? (
        <ColumnStatsGrid stats={column} />
      ) : (
        <p className="column-type">
          {formatCount(column.count)} filled, {formatCount(column.missing)} missing
        </p>
      )}
      {warning && <p className="column-warning">{warning}</p>}
    </li>
  );
}

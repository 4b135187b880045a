import type { Task } from '../../../engine';
import { countOf } from '../../../shared/plural';
import { datasetStore, useDataset } from '../../stores/appStores';
import { type CsvDraft, draftClasses, draftProblem, draftRef } from '../../stores/csvDraft';
import { Field } from '../fields';
import { ColumnCard } from './ColumnCard';
import { DraftActions } from './DraftActions';
import { formatCount } from './format';
import { PreviewTable } from './PreviewTable';

const DELIMITERS = { ',': 'comma-separated', ';': 'semicolon-separated', '\t': 'tab-separated' };
/** Rows of the preview shown: enough to see the data, few enough to see the columns below. */
const SHOWN_ROWS = 8;
const SHOWN_CLASSES = 12;

function listed(names: readonly string[], most: number): string {
  const shown = names.slice(0, most).join(', ');
  return names.length > most ? `${shown} and ${names.length - most} more` : shown;
}

/** What the model will learn from the draft, in one sentence. */
function summary(draft: CsvDraft): string {
  const { features, targets, task } = draftRef(draft);
  const inputs = `${features.length} ${features.length === 1 ? 'feature' : 'features'}`;
  const classes = draftClasses(draft);
  if (task === 'classification' && classes) {
    return `${inputs} → one of ${countOf(classes.length, 'class', 'classes')}: ${listed(classes, SHOWN_CLASSES)}.`;
  }
  if (targets.length === 0) return `${inputs}, no target yet.`;
  return `${inputs} → ${targets.length === 1 ? 'the number' : 'the numbers'} ${targets.join(', ')}.`;
}

/** A CSV file being imported: its first rows, each column's role and statistics, and the task. */
export function CsvDraftView({ draft }: { draft: CsvDraft }) {
  const busy = useDataset((s) => s.progress !== undefined);
  const { preview } = draft;
  const problem = draftProblem(draft);
  const columns = preview.columns.map((c) => c.name);
  return (
    <section className="draft" aria-label={`Import ${draft.name}`}>
      <h3 className="draft-title">{draft.name}</h3>
      <p className="draft-meta">
        {formatCount(preview.rowCount)} rows · {columns.length} columns ·{' '}
        {DELIMITERS[preview.format.delimiter]}
        {preview.decimalComma ? ', decimal commas' : ''}
        {preview.hasHeader ? '' : ', no header row'}
      </p>
      <Field label="Task">
        {(id) => (
          <select
            id={id}
            value={draft.task}
            onChange={(e) => datasetStore.getState().setTask(e.target.value as Task)}
          >
            <option value="regression">Regression (predict numbers)</option>
            <option value="classification">Classification (predict a class)</option>
          </select>
        )}
      </Field>
      <p className="draft-summary">{summary(draft)}</p>

      <h4 className="panel-heading">First rows</h4>
      <PreviewTable
        name={draft.name}
        columns={columns}
        rows={preview.rows.slice(0, SHOWN_ROWS)}
        roles={draft.roles}
      />

      <h4 className="panel-heading">Columns</h4>
      <ul className="column-cards">
        {preview.columns.map((column) => (
          <ColumnCard
            key={column.name}
            column={column}
            role={draft.roles[column.name] ?? 'ignored'}
            task={draft.task}
          />
        ))}
      </ul>

      <DraftActions canUse={!busy && problem === undefined} problem={problem} />
    </section>
  );
}

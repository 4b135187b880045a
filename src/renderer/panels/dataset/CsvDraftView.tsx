import { encodedWidth, encodingText, type Task } from '../../../engine';
import { countOf } from '../../../shared/plural';
import { type MissingPolicy, TRAINING_LIMITS } from '../../../shared/project';
import { datasetStore, useDataset } from '../../stores/appStores';
import {
  type CsvDraft,
  draftClasses,
  draftGaps,
  draftInputs,
  draftMissing,
  draftProblem,
  draftRef,
  rowsKept,
} from '../../stores/csvDraft';
import { Field, NumberField } from '../fields';
import { ColumnCard } from './ColumnCard';
import { DraftActions } from './DraftActions';
import { formatCount, listedShort } from './format';
import { PreviewTable } from './PreviewTable';

const DELIMITERS = { ',': 'comma-separated', ';': 'semicolon-separated', '\t': 'tab-separated' };
/** Rows of the preview shown: enough to see the data, few enough to see the columns below. */
const SHOWN_ROWS = 8;
const SHOWN_CLASSES = 12;

/** What the model will learn from the draft, in one sentence. */
function summary(draft: CsvDraft): string {
  const { features, targets, task } = draftRef(draft);
  const encoded = draftInputs(draft);
  const width = encoded.reduce((w, c) => w + encodedWidth(c), 0);
  const plain = encoded.every((c) => c.kind === 'number');
  const inputs = plain
    ? `${features.length} ${features.length === 1 ? 'feature' : 'features'}`
    : `[batch, ${width}] = ${encodingText(encoded)}`;
  const classes = draftClasses(draft);
  if (task === 'classification' && classes) {
    return `${inputs} → one of ${countOf(classes.length, 'class', 'classes')}: ${listedShort(classes, SHOWN_CLASSES)}.`;
  }
  if (targets.length === 0) return `${inputs}, no target yet.`;
  return `${inputs} → ${targets.length === 1 ? 'the number' : 'the numbers'} ${targets.join(', ')}.`;
}

const POLICIES: { value: MissingPolicy; label: string }[] = [
  { value: 'drop', label: 'Leave out rows with a missing value' },
  { value: 'mean', label: 'Fill in the mean (most frequent category for text)' },
  { value: 'error', label: 'Stop: every cell must have a value' },
];

/**
 * What to do with the missing cells of the chosen columns, with what each choice keeps; shown only
 * when there are some (or a choice was made).
 */
function MissingChoice({ draft }: { draft: CsvDraft }) {
  const gaps = draftGaps(draft);
  if (gaps.rowsWithGap === 0 && !draft.missing) return null;
  const policy = draftMissing(draft);
  const kept = rowsKept(draft);
  const rows = draft.preview.rowCount;
  const cells = countOf(gaps.featureCells, 'missing cell', 'missing cells');
  const hint =
    policy === 'drop'
      ? `${formatCount(kept)} of ${formatCount(rows)} rows kept, ${formatCount(rows - kept)} left out.`
      : policy === 'mean'
        ? `${cells} filled in from the training split; ${formatCount(rows - kept)} rows without a target left out.`
        : gaps.rowsWithGap > 0
          ? `${formatCount(gaps.rowsWithGap)} rows have a missing value: the data cannot be used like this.`
          : 'No chosen column has a missing value.';
  return (
    <Field label="Missing values" hint={hint}>
      {(id) => (
        <select
          id={id}
          value={policy}
          onChange={(e) => datasetStore.getState().setMissing(e.target.value as MissingPolicy)}
        >
          {POLICIES.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** How many rows the test split keeps apart, or why it cannot. */
function testHint(draft: CsvDraft): string {
  const fraction = draft.testSplit ?? 0;
  if (fraction <= 0) return 'Rows kept apart until the end, to test the finished model on: none.';
  const rows = rowsKept(draft);
  const held = Math.max(1, Math.round(rows * fraction));
  if (held >= rows) return `Too large: no row would be left to train on of ${formatCount(rows)}.`;
  return `${formatCount(held)} of ${formatCount(rows)} rows kept apart until the end, to test the finished model on.`;
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
      <MissingChoice draft={draft} />
      <NumberField
        label="Test split"
        value={draft.testSplit ?? 0}
        limits={TRAINING_LIMITS.testSplit}
        onCommit={(fraction) => datasetStore.getState().setTestSplit(fraction)}
        hint={testHint(draft)}
      />

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

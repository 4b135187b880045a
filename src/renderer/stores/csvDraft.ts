import {
  type ColumnSummary,
  type CsvPreview,
  classNames,
  inferTask,
  type Task,
} from '../../engine';
import type { DatasetRef } from '../../shared/project';

export type ColumnRole = 'feature' | 'target' | 'ignored';

/** A CSV file the user is looking at, with the roles chosen so far: not yet the project's. */
export interface CsvDraft {
  readonly format: 'csv';
  readonly file: Blob;
  readonly name: string;
  /** Where the file is on disk, when the platform knows (Electron): the project reads it there. */
  readonly path?: string | undefined;
  readonly preview: CsvPreview;
  /** Role of each column, by name. */
  readonly roles: Readonly<Record<string, ColumnRole>>;
  readonly task: Task;
}

export type CsvRef = Extract<DatasetRef, { source: 'csv' }>;

/**
 * A draft with the engine's suggested roles and task, or the roles of `ref` when it names them
 * (and then its path, unless the file is read from elsewhere).
 */
export function csvDraft(
  file: Blob,
  name: string,
  preview: CsvPreview,
  ref?: CsvRef,
  path = ref?.path,
): CsvDraft {
  const { features, targets, task } = ref ?? preview.suggestion;
  const roles: Record<string, ColumnRole> = {};
  for (const { name: column } of preview.columns) {
    roles[column] = targets.includes(column)
      ? 'target'
      : features.includes(column)
        ? 'feature'
        : 'ignored';
  }
  return { format: 'csv', file, name, path, preview, roles, task };
}

function columnsWith(draft: CsvDraft, role: ColumnRole): ColumnSummary[] {
  return draft.preview.columns.filter((c) => draft.roles[c.name] === role);
}

/**
 * The draft with one column's role changed. When the targets change, the task is inferred again
 * from them (one text or few-integer column: classification; otherwise regression), as the engine
 * suggests it; the user may still change it afterwards.
 */
export function withRole(draft: CsvDraft, column: string, role: ColumnRole): CsvDraft {
  const before = draft.roles[column];
  const next = { ...draft, roles: { ...draft.roles, [column]: role } };
  if (before !== 'target' && role !== 'target') return next;
  const targets = columnsWith(next, 'target');
  const task = targets.length === 1 ? inferTask(targets[0]!) : 'regression';
  return { ...next, task };
}

/** Class names of a classification draft's target, in class-index order, when it has one. */
export function draftClasses(draft: CsvDraft): readonly string[] | undefined {
  const targets = columnsWith(draft, 'target');
  if (draft.task !== 'classification' || targets.length !== 1) return undefined;
  const target = targets[0]!;
  return target.distinctCapped ? undefined : classNames(target, draft.preview.decimalComma);
}

/** The project's dataset as the draft defines it, columns in file order. */
export function draftRef(draft: CsvDraft): CsvRef {
  return {
    source: 'csv',
    path: draft.path ?? draft.name,
    features: columnsWith(draft, 'feature').map((c) => c.name),
    targets: columnsWith(draft, 'target').map((c) => c.name),
    task: draft.task,
  };
}

/** What keeps the draft from being used, said as what to do; undefined when it may be tried. */
export function draftProblem(draft: CsvDraft): string | undefined {
  const { features, targets, task } = draftRef(draft);
  if (features.length === 0) return 'Choose at least one feature: set a column’s role to Feature.';
  if (targets.length === 0) return 'Choose a target: set the role of the column to predict.';
  if (task === 'classification' && targets.length > 1) {
    return 'A classification learns one column of class labels: keep one target, or choose Regression.';
  }
  return undefined;
}

/** Why a column cannot play its role as it is (text, or nothing in it), for a hint on its card. */
export function columnWarning(
  column: ColumnSummary,
  role: ColumnRole,
  task: Task,
): string | undefined {
  if (role === 'ignored' || (role === 'target' && task === 'classification')) return undefined;
  const what = role === 'feature' ? 'a feature' : 'a regression target';
  if (column.type === 'empty') return `This column is empty: ${what} needs a number in every row.`;
  if (column.type !== 'text' || !column.firstText) return undefined;
  const { row, value } = column.firstText;
  const cell = value.length > 24 ? `${value.slice(0, 21)}...` : value;
  return `Row ${row} holds “${cell}”: ${what} must be numbers.`;
}

import {
  type ColumnEncoding,
  type ColumnSummary,
  type CsvPreview,
  classNames,
  compareCodePoints,
  inferTask,
  MAX_CATEGORIES,
  type Task,
} from '../../engine';
import type { DatasetRef, MissingPolicy } from '../../shared/project';

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
  /** What the user chose to do with missing cells; unchosen, `draftMissing` decides. */
  readonly missing?: MissingPolicy | undefined;
  /** The share of rows kept apart as the test split (0 or absent: none). */
  readonly testSplit?: number | undefined;
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
  return {
    format: 'csv',
    file,
    name,
    path,
    preview,
    roles,
    task,
    missing: ref?.missing,
    testSplit: ref?.testSplit,
  };
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

/** The missing cells of the chosen columns, and what each policy would keep. */
export interface DraftGaps {
  /** Missing cells in the feature columns. */
  readonly featureCells: number;
  /** Rows with a missing cell in a chosen column: what `drop` leaves out. */
  readonly rowsWithGap: number;
  /** Rows whose target is missing: what `mean` leaves out. */
  readonly rowsWithoutTarget: number;
}

function rowsMissing(columns: readonly ColumnSummary[]): number {
  const rows = new Set<number>();
  for (const c of columns) for (const r of c.missingRows) rows.add(r);
  return rows.size;
}

export function draftGaps(draft: CsvDraft): DraftGaps {
  const features = columnsWith(draft, 'feature');
  const targets = columnsWith(draft, 'target');
  return {
    featureCells: features.reduce((n, c) => n + c.missing, 0),
    rowsWithGap: rowsMissing([...features, ...targets]),
    rowsWithoutTarget: rowsMissing(targets),
  };
}

/**
 * What happens to missing cells: the user's choice, else leaving out the rows with one when the
 * chosen columns have any (so that the app never picks a default that it then refuses), else
 * `error`, which nothing trips.
 */
export function draftMissing(draft: CsvDraft): MissingPolicy {
  if (draft.missing) return draft.missing;
  return draftGaps(draft).rowsWithGap > 0 ? 'drop' : 'error';
}

/** Rows the model learns from under the draft's missing-value policy. */
export function rowsKept(draft: CsvDraft): number {
  const gaps = draftGaps(draft);
  const policy = draftMissing(draft);
  const out = policy === 'drop' ? gaps.rowsWithGap : policy === 'mean' ? gaps.rowsWithoutTarget : 0;
  return draft.preview.rowCount - out;
}

/**
 * The inputs the feature columns make, as the engine will encode them: numbers, dates (three
 * parts), text as categories (one-hot, sorted as OneHotEncoder sorts them).
 */
export function draftInputs(draft: CsvDraft): ColumnEncoding[] {
  return columnsWith(draft, 'feature').map((c): ColumnEncoding => {
    if (c.type === 'date') return { name: c.name, kind: 'date' };
    if (c.type === 'text') {
      return { name: c.name, kind: 'category', categories: [...c.values].sort(compareCodePoints) };
    }
    return { name: c.name, kind: 'number' };
  });
}

/** The project's dataset as the draft defines it, columns in file order. */
export function draftRef(draft: CsvDraft): CsvRef {
  const missing = draftMissing(draft);
  return {
    source: 'csv',
    path: draft.path ?? draft.name,
    features: columnsWith(draft, 'feature').map((c) => c.name),
    targets: columnsWith(draft, 'target').map((c) => c.name),
    task: draft.task,
    ...(missing !== 'error' ? { missing } : {}),
    ...(draft.testSplit ? { testSplit: draft.testSplit } : {}),
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
  const gaps = draftGaps(draft);
  if (draftMissing(draft) === 'error' && gaps.rowsWithGap > 0) {
    return 'The chosen columns have missing values: under Missing values, leave out those rows or fill in the mean.';
  }
  if (rowsKept(draft) === 0) {
    return 'Every row has a missing value in a chosen column: fill in the mean instead, or choose other columns.';
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
  if (column.type === 'empty') return `This column is empty: ${what} needs a value in most rows.`;
  const typo = column.type === 'text' && column.numbers * 2 > column.count && column.firstText;
  if (typo) {
    const { row, value } = typo;
    const cell = value.length > 24 ? `${value.slice(0, 21)}...` : value;
    return `Row ${row} holds “${cell}” among numbers: fix the cell, or empty it to mark the value missing.`;
  }
  if (role === 'feature') {
    if (column.idLike) {
      return 'A name or number per row: the model would get an input for each row and learn nothing it can use on new rows.';
    }
    if (column.type === 'text' && column.distinct > MAX_CATEGORIES) {
      return `More than ${MAX_CATEGORIES} different values: too many to be categories (each would be an input). Ignore this column.`;
    }
    return undefined;
  }
  if (column.type !== 'text' || !column.firstText) return undefined;
  const { row, value } = column.firstText;
  const cell = value.length > 24 ? `${value.slice(0, 21)}...` : value;
  return `Row ${row} holds “${cell}”: ${what} must be numbers.`;
}

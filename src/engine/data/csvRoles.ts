import type { Task } from '../model/dataShape';
import { sortClasses } from './classes';
import { type ColumnSummary, usableAsFeature } from './columnSummary';

export type { Task };

/** Integer labels with at most this many values may be classes. */
export const MAX_INFERRED_CLASSES = 20;

/** The roles the dataset panel starts with; the user can change each. */
export interface CsvSuggestion {
  readonly features: readonly string[];
  readonly targets: readonly string[];
  readonly ignored: readonly string[];
  readonly task: Task;
  /** Class names in class-index order, for classification. */
  readonly classes?: readonly string[];
}

/**
 * The task a target column suggests: text labels are classes; numbers are a regression unless they
 * are few whole numbers (at most 20 values) that repeat (each appearing twice on average), like
 * digit labels 0..9. The repeat condition keeps a small table of integer measurements, such as
 * crop-yields' 5 different tonnages, a regression.
 */
export function inferTask(column: ColumnSummary): Task {
  if (column.type === 'text') return 'classification';
  const fewIntegers = column.integers && column.distinct <= MAX_INFERRED_CLASSES;
  return fewIntegers && column.distinct * 2 <= column.count ? 'classification' : 'regression';
}

/** Class names of a label column (numeric order for numbers, alphabetical for text). */
export function classNames(column: ColumnSummary, decimalComma: boolean): string[] {
  return sortClasses(column.values, decimalComma).classes;
}

/**
 * Default roles: the last column of numbers or text (that is not an id or empty) is the target;
 * every other column that can be a feature (numbers, dates, text with few enough different values
 * to be categories) is one; ids, names per row and empty columns are ignored.
 */
export function suggestRoles(
  columns: readonly ColumnSummary[],
  decimalComma: boolean,
): CsvSuggestion {
  const candidates = columns.filter(
    (c) => !c.idLike && (c.type === 'numeric' || c.type === 'text'),
  );
  const target = candidates[candidates.length - 1];
  const features = columns.filter((c) => c !== target && usableAsFeature(c));
  const used = new Set([target, ...features]);
  const ignored = columns.filter((c) => !used.has(c)).map((c) => c.name);
  if (!target) return { features: [], targets: [], ignored, task: 'regression' };
  const task = inferTask(target);
  return {
    features: features.map((c) => c.name),
    targets: [target.name],
    ignored,
    task,
    ...(task === 'classification' ? { classes: classNames(target, decimalComma) } : {}),
  };
}

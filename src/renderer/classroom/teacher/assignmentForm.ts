import { BUILTINS } from '../../../engine';
import { baseName } from '../../../shared/fileKinds';
import type { NodeKind } from '../../../shared/nodeKinds';
import {
  type Assignment,
  assignmentSchema,
  CLASSROOM_LIMITS,
  type DatasetRef,
  LOCKABLE_SETTINGS,
  type LockableSetting,
  type RunMetric,
  type TrainingSettings,
} from '../../../shared/project';
import { projectFileName } from '../../project/projectDocument';

/** The "Save as assignment" form as the teacher fills it in: each field as typed. */
export interface AssignmentDraft {
  readonly title: string;
  readonly instructions: string;
  readonly metric: RunMetric;
  /** "between" takes `value` as the lower bound and `upper` as the upper one. */
  readonly bound: 'atMost' | 'atLeast' | 'between';
  readonly value: string;
  readonly upper: string;
  /** The parameter budget as typed; empty for none. */
  readonly budget: string;
  /** The kinds a student may add (the Input is always allowed and not listed). */
  readonly kinds: readonly NodeKind[];
  readonly locked: readonly LockableSetting[];
}

/** The form's fields that can be wrong, each with its message beside it. */
export type DraftField =
  | 'title'
  | 'instructions'
  | 'value'
  | 'upper'
  | 'budget'
  | 'kinds'
  | 'locked';
export type DraftErrors = Partial<Record<DraftField, string>>;

/**
 * The form for a project: its assignment as it is, or a new one whose goal suits the project's
 * loss (accuracy at least 0.9 for a classifier, the loss at most a value the teacher chooses for
 * a regression), every kind allowed and nothing locked. `kinds` are the palette's.
 */
export function draftFor(
  assignment: Assignment | undefined,
  project: { readonly name: string; readonly training: Pick<TrainingSettings, 'loss'> },
  kinds: readonly NodeKind[],
): AssignmentDraft {
  if (assignment) {
    const { goal } = assignment;
    const text = (n: number | undefined) => (n === undefined ? '' : String(n));
    // A goal with both bounds stays "between" them: editing it loses neither.
    const bound =
      goal.atLeast === undefined ? 'atMost' : goal.atMost === undefined ? 'atLeast' : 'between';
    return {
      title: assignment.title,
      instructions: assignment.instructions,
      metric: goal.metric,
      bound,
      value: text(bound === 'atMost' ? goal.atMost : goal.atLeast),
      upper: text(bound === 'between' ? goal.atMost : undefined),
      budget: assignment.maxParameters === undefined ? '' : String(assignment.maxParameters),
      kinds: assignment.allowedKinds
        ? kinds.filter((kind) => assignment.allowedKinds?.includes(kind))
        : kinds,
      locked: assignment.locked ?? [],
    };
  }
  const classifies = project.training.loss === 'cross-entropy';
  return {
    title: project.name,
    instructions: '',
    metric: classifies ? 'accuracy' : 'loss',
    bound: classifies ? 'atLeast' : 'atMost',
    value: classifies ? '0.9' : '',
    upper: '',
    budget: '',
    kinds,
    locked: [],
  };
}

/** The field a schema issue's path names. */
function fieldOf(path: readonly PropertyKey[]): DraftField {
  switch (path[0]) {
    case 'title':
      return 'title';
    case 'instructions':
      return 'instructions';
    case 'maxParameters':
      return 'budget';
    case 'allowedKinds':
      return 'kinds';
    case 'locked':
      return 'locked';
    default:
      return 'value';
  }
}

/** What a wrong field's message says, beside it. */
const FIELD_PROBLEMS: Record<DraftField, string> = {
  title: `Give the assignment a title (at most ${CLASSROOM_LIMITS.title} characters): students see it above their canvas.`,
  instructions: `Instructions have at most ${CLASSROOM_LIMITS.instructions.toLocaleString('en-US')} characters.`,
  value: 'Type the number the goal asks for, such as 0.9.',
  upper: 'Type the upper bound, at least the lower one.',
  budget: 'A budget is a whole number of parameters, at least 1; leave it empty for none.',
  kinds: 'Allow at least one kind besides the Input: a model needs a layer.',
  locked: 'Lock only the settings listed.',
};

/** A number typed in a field: finite, or undefined. */
function typedNumber(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : undefined;
}

/**
 * The assignment the form describes, checked by the project file's own schema, or a message per
 * wrong field. Every kind of the palette checked means no list (`allowedKinds` absent).
 */
export function assignmentFromDraft(
  draft: AssignmentDraft,
  paletteKinds: readonly NodeKind[],
): { ok: true; assignment: Assignment } | { ok: false; errors: DraftErrors } {
  const errors: DraftErrors = {};
  const value = typedNumber(draft.value);
  if (value === undefined) errors.value = FIELD_PROBLEMS.value;
  const between = draft.bound === 'between';
  const upper = between ? typedNumber(draft.upper) : undefined;
  if (between && (upper === undefined || (value !== undefined && upper < value))) {
    errors.upper = FIELD_PROBLEMS.upper;
  }
  const budgetText = draft.budget.trim();
  const budget = budgetText === '' ? undefined : Number(budgetText);
  if (budget !== undefined && !(Number.isInteger(budget) && budget >= 1)) {
    errors.budget = FIELD_PROBLEMS.budget;
  }
  if (draft.kinds.length === 0) {
    errors.kinds = FIELD_PROBLEMS.kinds;
  }
  const allKinds = paletteKinds.every((kind) => draft.kinds.includes(kind));
  const candidate = {
    title: draft.title,
    instructions: draft.instructions,
    goal: between
      ? { metric: draft.metric, atMost: upper ?? 0, atLeast: value ?? 0 }
      : { metric: draft.metric, [draft.bound]: value ?? 0 },
    ...(budget === undefined || errors.budget ? {} : { maxParameters: budget }),
    // In the palette's and the lock list's order, whatever order they were ticked in.
    ...(allKinds
      ? {}
      : { allowedKinds: ['input', ...paletteKinds.filter((kind) => draft.kinds.includes(kind))] }),
    ...(draft.locked.length > 0
      ? { locked: LOCKABLE_SETTINGS.filter((setting) => draft.locked.includes(setting)) }
      : {}),
  };
  const parsed = assignmentSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldOf(issue.path);
      errors[field] ??= FIELD_PROBLEMS[field];
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, assignment: parsed.data };
}

/** A dataset as a lock shows it: a built-in's title, else its file's name. */
function datasetText(ref: DatasetRef): string {
  switch (ref.source) {
    case 'builtin':
      return BUILTINS[ref.name].title;
    case 'idx':
      return `${baseName(ref.images)} and ${baseName(ref.labels)}`;
    case 'csv':
    case 'folder':
      return baseName(ref.path);
  }
}

/** The project's value of a lockable setting, shown beside its lock: "Adam, rate 0.01", "32". */
export function lockedValueText(
  setting: LockableSetting,
  project: { readonly dataset: DatasetRef; readonly training: TrainingSettings },
): string {
  const { training } = project;
  switch (setting) {
    case 'dataset':
      return datasetText(project.dataset);
    case 'loss':
      return training.loss === 'mse' ? 'MSE' : 'Cross-entropy';
    case 'optimizer':
      return `${training.optimizer.type === 'adam' ? 'Adam' : 'SGD'}, rate ${training.optimizer.lr}`;
    case 'normalize':
      return training.normalize;
    case 'batchSize':
    case 'epochs':
    case 'validationSplit':
    case 'seed':
      return String(training[setting]);
  }
}

/** `Fit the crops.assignment.layerboard.json` from the assignment's title. */
export function assignmentFileName(title: string): string {
  return projectFileName(title).replace(/\.layerboard\.json$/, '.assignment.layerboard.json');
}

import {
  type Assignment,
  CLASSROOM_LIMITS,
  type CurvePoint,
  type DatasetRef,
  type Goal,
  type Graph,
  type HandInRun,
  type LockableSetting,
  RUN_METRICS,
  type RunMetric,
  type RunMetrics,
  type TrainingSettings,
} from '../../shared/project';
import { nodeDefinition } from '../model/nodes';
import type { EpochReport } from '../train/trainer';

/**
 * A run's final metrics as a model file's `metrics` names them: the last epoch's (or the epoch
 * early stopping kept) mean training loss, validation loss and accuracy.
 *
 * @example
 * runMetrics(history); // { loss: 0.21, valLoss: 0.25, accuracy: 0.91 }
 */
export function runMetrics(
  history: readonly Pick<EpochReport, 'epoch' | 'loss' | 'valLoss' | 'accuracy'>[],
  keptEpoch?: number,
): RunMetrics {
  const last =
    keptEpoch === undefined ? history.at(-1) : history.find((r) => r.epoch === keptEpoch);
  if (!last) return {};
  const metrics: RunMetrics = {};
  for (const name of RUN_METRICS) {
    const value = last[name];
    if (value !== undefined && Number.isFinite(value)) metrics[name] = value;
  }
  return metrics;
}

/**
 * A run's loss curve as a project keeps it: one point per epoch with its finite figures (a
 * diverged epoch's NaN has no JSON), the last `CLASSROOM_LIMITS.curve` epochs of a longer run.
 */
export function lossCurve(
  history: readonly Pick<EpochReport, 'epoch' | 'loss' | 'valLoss' | 'accuracy'>[],
): CurvePoint[] {
  const points: CurvePoint[] = [];
  for (const report of history.slice(-CLASSROOM_LIMITS.curve)) {
    if (!Number.isFinite(report.loss)) continue;
    const point: CurvePoint = { epoch: report.epoch, loss: report.loss };
    if (report.valLoss !== undefined && Number.isFinite(report.valLoss)) {
      point.valLoss = report.valLoss;
    }
    if (report.accuracy !== undefined && Number.isFinite(report.accuracy)) {
      point.accuracy = report.accuracy;
    }
    points.push(point);
  }
  return points;
}

/**
 * The `run` section of a hand-in: the metrics of the run it hands in (those of its kept epoch
 * under early stopping), the number of epochs it trained, where, when and by which app, and its loss curve.
 */
export function handInRun(
  history: readonly Pick<EpochReport, 'epoch' | 'loss' | 'valLoss' | 'accuracy'>[],
  run: { keptEpoch?: number | undefined; backend: HandInRun['backend']; at: Date; app: string },
): HandInRun {
  return {
    metrics: runMetrics(history, run.keptEpoch),
    epochs: history.at(-1)?.epoch ?? 0,
    backend: run.backend,
    at: run.at.toISOString(),
    app: run.app,
    history: lossCurve(history),
  };
}

/** How a metric reads in a sentence and a table. */
export const METRIC_LABELS: Record<RunMetric, string> = {
  loss: 'loss',
  valLoss: 'validation loss',
  accuracy: 'accuracy',
};

/** A metric's value in a problem or a table: 4 significant digits, as the charts show it. */
export function metricText(value: number): string {
  return Number(value.toPrecision(4)).toString();
}

/** The goal in words: "accuracy at least 0.9", "loss at most 5 and at least 1". */
export function goalText(goal: Goal): string {
  const bounds = [
    ...(goal.atMost === undefined ? [] : [`at most ${metricText(goal.atMost)}`]),
    ...(goal.atLeast === undefined ? [] : [`at least ${metricText(goal.atLeast)}`]),
  ];
  return `${METRIC_LABELS[goal.metric]} ${bounds.join(' and ')}`;
}

/** True when `value` meets the goal's bounds (both, when it has two). */
export function meetsGoal(goal: Goal, value: number): boolean {
  return (
    (goal.atMost === undefined || value <= goal.atMost) &&
    (goal.atLeast === undefined || value >= goal.atLeast)
  );
}

/** Why the measured metrics miss the goal, or undefined when they meet it. */
export function goalProblem(goal: Goal, measured: RunMetrics): string | undefined {
  const value = measured[goal.metric];
  const label = METRIC_LABELS[goal.metric];
  if (value === undefined) {
    const why =
      goal.metric === 'valLoss'
        ? ' (it needs a validation split)'
        : goal.metric === 'accuracy'
          ? ' (it needs a classification)'
          : '';
    return `the run measured no ${label}${why}; the goal is ${goalText(goal)}`;
  }
  if (meetsGoal(goal, value)) return undefined;
  return `goal not met: ${label} ${metricText(value)}, the goal is ${goalText(goal)}`;
}

/**
 * How far a claim may be from the re-run and still agree. A re-run on another backend (the app's
 * WebGPU, the CPU reference) adds its float32 sums in another order; over many optimizer steps
 * the two runs drift apart a little, and a prediction near a class boundary can flip. Measured
 * on Fashion-MNIST's MLP lesson (8 epochs of Adam, 3,752 steps), WebGPU and the CPU ended 0.65%
 * apart in loss and 0.36 points in accuracy; lesson 1 and softmax regression within 1e-6. A
 * made-up figure is far outside these bounds, and the goal is checked on the re-run's own
 * figures whatever the claim.
 */
export const CLAIM_TOLERANCE = {
  /** A loss: this share of the re-run's value, plus 1e-4 for losses near 0. */
  lossRelative: 0.02,
  lossAbsolute: 1e-4,
  /** An accuracy: one percentage point. */
  accuracy: 0.01,
} as const;

/** True when a claimed metric agrees with the re-run's value (`CLAIM_TOLERANCE`). */
export function claimAgrees(metric: RunMetric, claimed: number, measured: number): boolean {
  const off = Math.abs(claimed - measured);
  if (metric === 'accuracy') return off <= CLAIM_TOLERANCE.accuracy;
  return off <= CLAIM_TOLERANCE.lossRelative * Math.abs(measured) + CLAIM_TOLERANCE.lossAbsolute;
}

/** "claims loss 5, the re-run gives 31.2", one per claimed metric the re-run does not reproduce. */
export function claimProblems(claimed: RunMetrics, measured: RunMetrics): string[] {
  const problems: string[] = [];
  for (const name of RUN_METRICS) {
    const claim = claimed[name];
    if (claim === undefined) continue;
    const value = measured[name];
    const label = METRIC_LABELS[name];
    if (value === undefined) {
      problems.push(`claims ${label} ${metricText(claim)}, the re-run measures no ${label}`);
    } else if (!claimAgrees(name, claim, value)) {
      problems.push(`claims ${label} ${metricText(claim)}, the re-run gives ${metricText(value)}`);
    }
  }
  return problems;
}

/** "25 parameters, the assignment allows 10", or undefined within the budget (or without one). */
export function budgetProblem(assignment: Assignment, parameters: number): string | undefined {
  const max = assignment.maxParameters;
  if (max === undefined || parameters <= max) return undefined;
  return `${parameters.toLocaleString('en-US')} parameters, the assignment allows ${max.toLocaleString('en-US')}`;
}

/**
 * The kinds an assignment lets a graph use: its list, with the Input node, which every graph
 * needs; every kind when it lists none.
 */
export function allowsKind(assignment: Assignment, kind: string): boolean {
  const allowed = assignment.allowedKinds;
  return !allowed || kind === 'input' || (allowed as readonly string[]).includes(kind);
}

/** "uses Sigmoid, not allowed", once per kind the graph uses and the assignment does not allow. */
export function kindProblems(
  assignment: Assignment,
  graph: { readonly nodes: readonly Pick<Graph['nodes'][number], 'kind'>[] },
): string[] {
  const forbidden = new Set<string>();
  for (const node of graph.nodes) {
    if (!allowsKind(assignment, node.kind)) forbidden.add(nodeDefinition(node.kind).label);
  }
  return [...forbidden].map((label) => `uses ${label}, not allowed`);
}

/** How a locked setting reads in a sentence and beside its lock. */
export const LOCK_LABELS: Record<LockableSetting, string> = {
  dataset: 'the dataset',
  loss: 'the loss',
  optimizer: 'the optimizer',
  batchSize: 'the batch size',
  epochs: 'the number of epochs',
  normalize: 'the normalisation',
  validationSplit: 'the validation split',
  seed: 'the seed',
};

/** What a project holds of the lockable settings. */
export interface LockedValues {
  readonly dataset: DatasetRef;
  readonly training: TrainingSettings;
}

/**
 * A dataset as a lock compares it: its settings, with its files by name only, since a hand-in
 * saved in another folder names the same file by another relative path.
 */
function datasetKey(ref: DatasetRef): string {
  const base = (path: string) => path.split(/[\\/]/).at(-1) ?? path;
  switch (ref.source) {
    case 'builtin':
      return JSON.stringify(ref);
    case 'idx':
      return JSON.stringify({ ...ref, images: base(ref.images), labels: base(ref.labels) });
    case 'csv':
    case 'folder':
      return JSON.stringify(sortedKeys({ ...ref, path: base(ref.path) }));
  }
}

/** True when two dataset refs name the same data, as a lock on the dataset compares them. */
export function sameDataset(a: DatasetRef, b: DatasetRef): boolean {
  return datasetKey(a) === datasetKey(b);
}

/** A value with its object keys in order, so that two files that list them apart compare equal. */
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortedKeys((value as Record<string, unknown>)[key])]),
  );
}

/** A locked setting's value, comparable as text. */
function lockedKey(values: LockedValues, setting: LockableSetting): string {
  if (setting === 'dataset') return datasetKey(values.dataset);
  return JSON.stringify(sortedKeys(values.training[setting]));
}

/** A scalar setting's value as a problem quotes it; objects (optimizer) are not quoted. */
function lockedValueText(values: LockedValues, setting: LockableSetting): string | undefined {
  if (setting === 'dataset' || setting === 'optimizer') return undefined;
  return String(values.training[setting]);
}

/** The locked settings whose value differs from the assignment's. */
export function changedLocks(
  assignment: Assignment,
  required: LockedValues,
  project: LockedValues,
): LockableSetting[] {
  return (assignment.locked ?? []).filter(
    (setting) => lockedKey(required, setting) !== lockedKey(project, setting),
  );
}

/** "the dataset was changed", "the batch size was changed to 64 (the assignment's is 32)". */
export function lockProblems(
  assignment: Assignment,
  required: LockedValues,
  project: LockedValues,
): string[] {
  return changedLocks(assignment, required, project).map((setting) => {
    const was = lockedValueText(required, setting);
    const now = lockedValueText(project, setting);
    const values =
      was === undefined || now === undefined ? '' : ` to ${now} (the assignment's is ${was})`;
    return `${LOCK_LABELS[setting]} was changed${values}`;
  });
}

/** One hand-in's grade: the row of `layerboard grade` and of the app's teacher view. */
export interface Grade {
  readonly file: string;
  readonly passed: boolean;
  /** Trainable parameters of its model for the data; null when its graph does not compile. */
  readonly parameters: number | null;
  readonly measured: RunMetrics;
  readonly claimed: RunMetrics | null;
  readonly problems: readonly string[];
}

/** What re-training a hand-in gave: its parameter count and metrics, or why it could not. */
export type Retrained =
  | { readonly ok: true; readonly parameters: number; readonly measured: RunMetrics }
  | { readonly ok: false; readonly parameters: number | null; readonly problem: string };

/**
 * A hand-in's grade against the assignment project it answers: the parameter budget, the kinds
 * it uses, the locked settings, the goal on the re-run, and its claims against the re-run. It
 * passes when there is no problem.
 */
export function gradeHandIn(
  file: string,
  assignment: Assignment,
  required: LockedValues,
  handIn: LockedValues & { readonly graph: Graph; readonly run?: { metrics: RunMetrics } },
  retrained: Retrained,
): Grade {
  const problems: string[] = [];
  const budget =
    retrained.parameters === null ? undefined : budgetProblem(assignment, retrained.parameters);
  if (budget) problems.push(budget);
  problems.push(...kindProblems(assignment, handIn.graph));
  problems.push(...lockProblems(assignment, required, handIn));
  const claimed = handIn.run?.metrics ?? null;
  let measured: RunMetrics = {};
  if (retrained.ok) {
    measured = retrained.measured;
    const goal = goalProblem(assignment.goal, measured);
    if (goal) problems.push(goal);
    if (claimed) problems.push(...claimProblems(claimed, measured));
  } else {
    problems.push(retrained.problem);
  }
  return {
    file,
    passed: problems.length === 0,
    parameters: retrained.parameters,
    measured,
    claimed,
    problems,
  };
}

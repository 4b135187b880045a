import {
  builtinDataShape,
  compileGraph,
  type DataShape,
  type Grade,
  gradeHandIn,
  lossCurve,
  type Notice,
  type ReplyOf,
  type RequestBody,
  type Retrained,
  runMetrics,
  type TrainResult,
} from '../../../engine';
import { baseName } from '../../../shared/fileKinds';
import { parseProjectText } from '../../../shared/parseProject';
import type { Assignment, CurvePoint, DatasetRef, Project } from '../../../shared/project';
import { dataFiles } from '../../project/dataPaths';
import { missingFiles } from '../../stores/projectData';

/** The assignment hand-ins are graded against, and the project that holds its locked values. */
export interface GradingAssignment {
  /** Where it came from: the open project, or an assignment file's name. */
  readonly from: string;
  readonly assignment: Assignment;
  readonly project: Pick<Project, 'dataset' | 'training'>;
}

/** The engine requests grading makes (the engine client, or a fake in tests). */
export interface GradingEngine {
  call<K extends 'train-start' | 'describe-dataset'>(
    type: K,
    body: RequestBody<K>,
    options?: { onNotice?: (notice: Notice) => void },
  ): { readonly reply: Promise<ReplyOf<K>> };
}

export interface GradingDeps {
  readonly engine: GradingEngine;
  readonly datasetsUrl: string;
  /**
   * The files of an imported dataset that the app has (imported now, or kept from an earlier
   * import), by the paths the ref gives them; a built-in needs none.
   */
  findData(ref: DatasetRef): Promise<Map<string, Blob>>;
  /** Each epoch of the re-run, for the progress line. */
  onEpoch?(epoch: number, epochs: number): void;
}

/** One graded hand-in: its grade, and what the view shows of it (its project, the re-run's curve). */
export interface GradedHandIn {
  readonly grade: Grade;
  /** The hand-in as read; absent when it cannot be read. */
  readonly project?: Project;
  /** The re-run's loss curve, one point per epoch; empty when it could not train. */
  readonly rerun: readonly CurvePoint[];
}

/** The grade of a file that is not a project: it cannot be graded at all. */
export function unreadableGrade(file: string, error: string): Grade {
  return {
    file,
    passed: false,
    parameters: null,
    measured: {},
    claimed: null,
    problems: [`cannot be read: ${error}`],
  };
}

const failed = (problem: string, parameters: number | null = null): Retrained => ({
  ok: false,
  parameters,
  problem,
});

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** The shape compile needs of a hand-in's data: a built-in's is known, a file's is read. */
async function dataShapeOf(
  project: Project,
  imports: ReadonlyMap<string, Blob>,
  deps: GradingDeps,
): Promise<DataShape> {
  const ref = project.dataset;
  if (ref.source === 'builtin') return builtinDataShape(ref.name);
  const description = await deps.engine.call('describe-dataset', {
    ref,
    training: { validationSplit: project.training.validationSplit },
    datasetsUrl: deps.datasetsUrl,
    imports,
    samples: 0,
  }).reply;
  return description.dataShape;
}

/**
 * Re-trains a hand-in as its file says (graph, dataset, settings, initial weights) on the CPU
 * reference backend, where every machine gives the same numbers: its parameter count (the
 * compiled model's, as the budget counts it) and its final metrics, or why it could not train.
 */
async function retrain(
  project: Project,
  deps: GradingDeps,
): Promise<{ retrained: Retrained; rerun: CurvePoint[] }> {
  const ref = project.dataset;
  const imports = await deps.findData(ref);
  const missing = missingFiles(ref, imports);
  if (missing.length > 0) {
    const names = missing.map(baseName).join(' and ');
    // A folder of images comes in through the Dataset tab; files (a .zip too) through the view.
    const how =
      ref.source === 'folder' && !/\.zip$/i.test(ref.path)
        ? `import the folder ${names} in the Dataset tab`
        : `add ${names} with Add data files…`;
    return {
      retrained: failed(`its data (${names}) is not in the app: ${how}, then grade again`),
      rerun: [],
    };
  }
  let shape: DataShape;
  try {
    shape = await dataShapeOf(project, imports, deps);
  } catch (err) {
    return { retrained: failed(`its data cannot be read: ${message(err)}`), rerun: [] };
  }
  const compiled = compileGraph(project.graph, shape, project.training.loss, project.training);
  if (!compiled.model) {
    const error = compiled.problems.find((p) => p.severity === 'error');
    return {
      retrained: failed(`its graph does not train: ${error?.message ?? 'it does not compile'}`),
      rerun: [],
    };
  }
  const parameters = compiled.totalParams;
  const body = {
    run: 1,
    graph: project.graph,
    dataset: ref,
    training: project.training,
    ...(project.weights ? { weights: project.weights } : {}),
    datasetsUrl: deps.datasetsUrl,
    imports,
    backend: 'cpu' as const,
  };
  const onNotice = (notice: Notice) => {
    if (notice.type === 'train-epoch') deps.onEpoch?.(notice.report.epoch, notice.report.epochs);
  };
  let result: TrainResult;
  try {
    result = await deps.engine.call('train-start', body, { onNotice }).reply;
  } catch (err) {
    return { retrained: failed(`the re-run failed: ${message(err)}`, parameters), rerun: [] };
  }
  return {
    retrained: {
      ok: true,
      parameters,
      measured: runMetrics(result.history, result.earlyStop?.bestEpoch),
    },
    rerun: lossCurve(result.history),
  };
}

/**
 * Grades one hand-in file against the assignment: read, re-trained on the CPU, then checked
 * (budget, kinds, locks, goal, claims) by the grading rules `layerboard grade` uses.
 */
export async function gradeHandInFile(
  file: string,
  text: string,
  against: GradingAssignment,
  deps: GradingDeps,
): Promise<GradedHandIn> {
  const parsed = parseProjectText(text);
  if (!parsed.ok) return { grade: unreadableGrade(file, parsed.error), rerun: [] };
  const project = parsed.value;
  const { retrained, rerun } = await retrain(project, deps);
  return {
    grade: gradeHandIn(file, against.assignment, against.project, project, retrained),
    project,
    rerun,
  };
}

/** Which of the data files a ref names are in `imports`, by the ref's path or by the file's name. */
export function dataFrom(ref: DatasetRef, imports: ReadonlyMap<string, Blob>): Map<string, Blob> {
  const found = new Map<string, Blob>();
  for (const path of dataFiles(ref)) {
    const blob =
      imports.get(path) ??
      imports.get(baseName(path)) ??
      [...imports].find(([key]) => baseName(key) === baseName(path))?.[1];
    if (blob) found.set(path, blob);
  }
  return found;
}

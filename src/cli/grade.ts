import { dirname, resolve } from 'node:path';
import type { Backend } from '../engine/backend';
import { loadProjectData } from '../engine/data/loadProject.node.ts';
import { InputError, isInputError } from '../engine/errors';
import { gradebookCsv } from '../engine/grade/gradebook';
import {
  type Grade,
  gradeHandIn,
  METRIC_LABELS,
  metricText,
  type Retrained,
  runMetrics,
  sameDataset,
} from '../engine/grade/grading';
import { compileGraph } from '../engine/model/compile';
import { dataShapeOf } from '../engine/model/dataShape';
import { paramsFromProject } from '../engine/model/init';
import { Trainer } from '../engine/train/trainer';
import { type Assignment, earlyStoppingProblem, type Project } from '../shared/project';
import { choiceOption, parseCommandArgs } from './args';
import { chooseBackend } from './backends';
import { readProject } from './files';
import { alignedRows, terminalText } from './format';
import { type Output, trainerOptions } from './train';

export const GRADE_USAGE =
  'layerboard grade <assignment.layerboard.json> <hand-in.layerboard.json>... [--json] [--csv] [--backend cpu|webgpu]';

/**
 * Re-trains a hand-in from its own graph, settings, initial weights and seed on `backend` (the
 * CPU reference unless asked otherwise), headless: its parameter count and final metrics, or the reason it could not train
 * (a graph that does not compile, data that cannot be read, a run that diverges) as a problem.
 * Its data is read beside the assignment when it names the assignment's dataset (students hand
 * in their project files, the teacher has the data), else beside the hand-in.
 */
async function retrain(
  backend: Backend,
  handIn: Project,
  handInDir: string,
  reference: Project,
  referenceDir: string,
): Promise<Retrained> {
  const { training } = handIn;
  const problem = earlyStoppingProblem(training);
  if (problem) return { ok: false, parameters: null, problem };
  const dir = sameDataset(handIn.dataset, reference.dataset) ? referenceDir : handInDir;
  let data: Awaited<ReturnType<typeof loadProjectData>>;
  try {
    data = await loadProjectData(handIn, dir);
  } catch (err) {
    if (!isInputError(err)) throw err;
    return { ok: false, parameters: null, problem: `its data could not be read: ${err.message}` };
  }
  const compiled = compileGraph(handIn.graph, dataShapeOf(data.info), training.loss, training);
  const model = compiled.model;
  if (!model) {
    const first = compiled.problems.find((p) => p.severity === 'error');
    const where = first?.nodeId === undefined ? '' : ` (node "${first.nodeId}")`;
    return {
      ok: false,
      parameters: null,
      problem: `the graph does not compile${where}: ${first?.message ?? 'unknown problem'}`,
    };
  }
  const parameters = compiled.totalParams;
  const params = paramsFromProject(model, handIn.weights, training.seed);
  const session = await backend.createSession(model, params, data.train, training);
  try {
    const outcome = await new Trainer(
      session,
      trainerOptions(data, training, training.epochs),
    ).run();
    if (outcome.kind === 'diverged') {
      return {
        ok: false,
        parameters,
        problem: `the re-run diverged: ${outcome.divergence.message}`,
      };
    }
    const kept = outcome.kind === 'completed' ? outcome.earlyStop?.bestEpoch : undefined;
    return { ok: true, parameters, measured: runMetrics(outcome.history, kept) };
  } finally {
    session.dispose();
  }
}

/** The assignment section of the teacher's file, or an InputError saying how to make one. */
function assignmentOf(project: Project, path: string): Assignment {
  if (project.assignment) return project.assignment;
  throw new InputError(
    `${path} has no "assignment" section: save the lesson with "Save as assignment…" in the app, or add one (docs/DESIGN.md, "Assignments")`,
  );
}

/** The goal's metric of a row, as the table shows it ("-" when there is none). */
const valueText = (value: number | undefined) => (value === undefined ? '-' : metricText(value));

/** One row per hand-in, aligned: the file, its parameters, claimed and measured goal metric, verdict, problems. */
export function gradeTable(grades: readonly Grade[], assignment: Assignment): string {
  const metric = assignment.goal.metric;
  const label = METRIC_LABELS[metric];
  const rows = [
    ['hand-in', 'parameters', `claimed ${label}`, `measured ${label}`, 'passed', 'problems'],
    ...grades.map((g) => [
      terminalText(g.file),
      g.parameters === null ? '-' : String(g.parameters),
      valueText(g.claimed?.[metric]),
      valueText(g.measured[metric]),
      g.passed ? 'yes' : 'no',
      terminalText(g.problems.join('; ')),
    ]),
  ];
  return alignedRows(rows, true);
}

/**
 * `layerboard grade`: re-trains every hand-in and checks it against the assignment (docs/DESIGN.md,
 * "Grading"). Every file is read before any training, so unreadable input stops it at once (exit
 * 2); once read, it grades whatever the verdicts (exit 0).
 */
export async function gradeCommand(args: readonly string[], io: Output): Promise<void> {
  const { values, positionals } = parseCommandArgs(
    args,
    { json: { type: 'boolean' }, csv: { type: 'boolean' }, backend: { type: 'string' } },
    GRADE_USAGE,
  );
  if (values.json && values.csv) {
    throw new InputError(`--json and --csv: choose one: usage: ${GRADE_USAGE}`);
  }
  // The CPU is the reference; WebGPU agrees with it to float32 rounding and is faster on a GPU.
  const requested = choiceOption('backend', values.backend, ['cpu', 'webgpu'] as const) ?? 'cpu';
  const [assignmentPath, ...handInPaths] = positionals;
  if (assignmentPath === undefined) {
    throw new InputError(`missing the assignment file: usage: ${GRADE_USAGE}`);
  }
  if (handInPaths.length === 0)
    throw new InputError(`missing hand-in files: usage: ${GRADE_USAGE}`);
  const reference = await readProject(assignmentPath);
  const assignment = assignmentOf(reference, assignmentPath);
  const handIns: Project[] = [];
  for (const path of handInPaths) handIns.push(await readProject(path));
  const backend = await chooseBackend(requested, (message) => io.err(`notice: ${message}`));

  const referenceDir = dirname(resolve(assignmentPath));
  const where = backend.name === 'cpu' ? 'CPU reference' : backend.label;
  const grades: Grade[] = [];
  for (const [i, handIn] of handIns.entries()) {
    const file = handInPaths[i]!;
    io.err(`re-training ${i + 1} of ${handIns.length}: ${file} (${where})`);
    const retrained = await retrain(
      backend,
      handIn,
      dirname(resolve(file)),
      reference,
      referenceDir,
    );
    grades.push(gradeHandIn(file, assignment, reference, handIn, retrained));
  }
  const passed = grades.filter((g) => g.passed).length;
  io.err(`graded ${grades.length}: ${passed} passed, ${grades.length - passed} did not`);
  if (values.json) io.out(JSON.stringify(grades, null, 2));
  else if (values.csv) io.out(gradebookCsv(grades).trimEnd());
  else io.out(gradeTable(grades, assignment));
}

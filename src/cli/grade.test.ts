import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import linearRegression from '../../resources/examples/linear-regression.layerboard.json';
import { browserFiles } from '../engine/data/browserFiles';
import { nodeFiles } from '../engine/data/nodeFiles.node.ts';
import { handInRun } from '../engine/grade/grading';
import type { HandlerContext } from '../engine/worker/handlerContext';
import { createTrainHandlers } from '../engine/worker/trainHandlers';
import { parseProject } from '../shared/parseProject';
import type { HandInRun, Project } from '../shared/project';
import { expectInputError, node, runLayerboard } from './testing.node';

// `layerboard grade` as a teacher runs it: an assignment (lesson 1 with a goal, a budget, allowed
// kinds and locks) and the hand-ins of five students, each re-trained on the CPU reference.
const dir = mkdtempSync(join(tmpdir(), 'layerboard-grade-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const layerboard = (...args: string[]) => runLayerboard(dir, args);
const write = (name: string, value: unknown) => {
  writeFileSync(join(dir, name), JSON.stringify(value, null, 2));
  return name;
};

const lesson = ((): Project => {
  const parsed = parseProject(linearRegression);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
})();
const assignment = {
  ...lesson,
  assignment: {
    title: 'Crop yields: a line through the data',
    instructions: 'Train the model until its loss is at most 300. Keep the dataset and the seed.',
    goal: { metric: 'loss', atMost: 300 },
    maxParameters: 10,
    allowedKinds: ['input', 'linear', 'relu'],
    locked: ['dataset', 'batchSize', 'seed'],
  },
};

/**
 * The claim of a student's run as the app makes it: the worker's own `train-start` handler (the
 * code the app runs, here on the CPU as the worker falls back to it), then the app's hand-in.
 */
async function appRun(project: Project): Promise<HandInRun> {
  const handlers = createTrainHandlers({
    files: (request) => ({
      ...browserFiles({ datasetsUrl: 'http://unused/', imports: request.imports }),
      builtin: nodeFiles('.').builtin,
    }),
  });
  const ctx: HandlerContext = {
    notify: () => {},
    signal: new AbortController().signal,
    gpu: async () => undefined,
    transfer: [],
  };
  const result = await handlers['train-start'](
    {
      type: 'train-start',
      id: 1,
      run: 1,
      graph: project.graph,
      dataset: project.dataset,
      training: project.training,
      ...(project.weights ? { weights: project.weights } : {}),
      datasetsUrl: 'http://unused/',
      imports: new Map(),
    },
    ctx,
  );
  return handInRun(result.history, {
    keptEpoch: result.earlyStop?.bestEpoch,
    backend: 'cpu',
    at: new Date('2026-12-06T10:00:00Z'),
    app: 'test',
  });
}

interface GradeJson {
  file: string;
  passed: boolean;
  parameters: number | null;
  measured: Record<string, number>;
  claimed: Record<string, number> | null;
  problems: string[];
}

let claim: HandInRun;
let grades: GradeJson[];
let stderr: string;
beforeAll(async () => {
  claim = await appRun(lesson);
  write('assignment.layerboard.json', assignment);
  write('ana.layerboard.json', { ...lesson, run: claim });
  // Two hidden layers: 3*4+4 + 4*2+2 = 26 parameters.
  write('bo.layerboard.json', {
    ...lesson,
    graph: {
      nodes: [
        node('in', 'input'),
        node('fc1', 'linear', { outFeatures: 4 }),
        node('act', 'relu'),
        node('fc2', 'linear', { outFeatures: 2 }),
      ],
      edges: [
        { source: 'in', target: 'fc1' },
        { source: 'fc1', target: 'act' },
        { source: 'act', target: 'fc2' },
      ],
    },
    weights: undefined,
  });
  write('cy.layerboard.json', {
    ...lesson,
    graph: {
      nodes: [...lesson.graph.nodes, node('squash', 'sigmoid')],
      edges: [...lesson.graph.edges, { source: 'fc1', target: 'squash' }],
    },
  });
  write('di.layerboard.json', { ...lesson, training: { ...lesson.training, batchSize: 10 } });
  write('ed.layerboard.json', {
    ...lesson,
    run: { ...claim, metrics: { ...claim.metrics, loss: 5 } },
  });
  const result = layerboard(
    'grade',
    'assignment.layerboard.json',
    ...['ana', 'bo', 'cy', 'di', 'ed'].map((name) => `${name}.layerboard.json`),
    '--json',
  );
  expect(result.status, result.stderr).toBe(0);
  grades = JSON.parse(result.stdout) as GradeJson[];
  stderr = result.stderr;
}, 120_000);

const gradeOf = (name: string) => grades.find((g) => g.file === `${name}.layerboard.json`)!;

describe('layerboard grade', () => {
  it('passes an honest hand-in, measuring exactly what the app measured', () => {
    const ana = gradeOf('ana');
    expect(ana).toMatchObject({ passed: true, parameters: 8, problems: [] });
    expect(ana.claimed).toEqual(claim.metrics);
    expect(ana.measured.loss).toBe(claim.metrics.loss);
    expect(ana.measured.loss).toBeLessThanOrEqual(300);
  });

  it('fails a model over the parameter budget, saying by how much', () => {
    const bo = gradeOf('bo');
    expect(bo.passed).toBe(false);
    expect(bo.parameters).toBe(26);
    expect(bo.problems).toContain('26 parameters, the assignment allows 10');
    // No claim: nothing to check against the re-run.
    expect(bo.claimed).toBeNull();
  });

  it('fails a kind the assignment does not allow', () => {
    expect(gradeOf('cy')).toMatchObject({ passed: false });
    expect(gradeOf('cy').problems).toContain('uses Sigmoid, not allowed');
  });

  it('fails a changed locked setting, naming it and both values', () => {
    expect(gradeOf('di').passed).toBe(false);
    expect(gradeOf('di').problems).toContain(
      "the batch size was changed to 10 (the assignment's is 5)",
    );
  });

  it('fails a claim the re-run does not reproduce', () => {
    const ed = gradeOf('ed');
    expect(ed.passed).toBe(false);
    expect(ed.problems).toEqual([
      `claims loss 5, the re-run gives ${Number(claim.metrics.loss!.toPrecision(4))}`,
    ]);
  });

  it('says its progress on stderr, one line per hand-in', () => {
    expect(stderr).toContain('re-training 1 of 5: ana.layerboard.json (CPU reference)');
    expect(stderr).toContain('graded 5: 1 passed, 4 did not');
  });
});

describe('layerboard grade, its table and gradebook', () => {
  it('prints one aligned row per hand-in with the goal metric', () => {
    const result = layerboard(
      'grade',
      'assignment.layerboard.json',
      'ana.layerboard.json',
      'bo.layerboard.json',
    );
    expect(result.status).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      /^hand-in\s+parameters\s+claimed loss\s+measured loss\s+passed\s+problems$/,
    );
    expect(lines[1]).toMatch(/^ana\.layerboard\.json\s+8\s+[\d.]+\s+[\d.]+\s+yes$/);
    expect(lines[2]).toMatch(
      /^bo\.layerboard\.json\s+26\s+-\s+[\d.]+\s+no\s+26 parameters, the assignment allows 10$/,
    );
  });

  it('writes a CSV gradebook', () => {
    const result = layerboard('grade', 'assignment.layerboard.json', 'di.layerboard.json', '--csv');
    expect(result.status).toBe(0);
    const [header, row] = result.stdout.trimEnd().split('\r\n');
    expect(header).toBe(
      'file,passed,parameters,claimed_loss,measured_loss,claimed_valLoss,measured_valLoss,claimed_accuracy,measured_accuracy,problems',
    );
    expect(row).toMatch(
      /^di\.layerboard\.json,false,8,,[\d.]+,,,,,the batch size was changed to 10 \(the assignment's is 5\)$/,
    );
  });
});

describe('layerboard grade on input it cannot read', () => {
  it('exits 2 when the first file has no assignment', () => {
    expectInputError(
      layerboard('grade', 'ana.layerboard.json', 'bo.layerboard.json'),
      'ana.layerboard.json has no "assignment" section',
    );
  });

  it('exits 2 on a hand-in that is not a project, before training any', () => {
    write('broken.layerboard.json', { format: 'layerboard/project' });
    const result = layerboard(
      'grade',
      'assignment.layerboard.json',
      'ana.layerboard.json',
      'broken.layerboard.json',
    );
    expectInputError(result, 'broken.layerboard.json');
  });

  it('exits 2 on a backend it does not know', () => {
    expectInputError(
      layerboard('grade', 'assignment.layerboard.json', 'ana.layerboard.json', '--backend', 'tpu'),
      '--backend tpu: expected one of cpu, webgpu',
    );
  });

  it('exits 2 without hand-ins', () => {
    expectInputError(layerboard('grade', 'assignment.layerboard.json'), 'missing hand-in files');
  });
});

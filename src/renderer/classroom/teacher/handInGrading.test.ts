import { describe, expect, it, vi } from 'vitest';
import type { Notice, ReplyOf, TrainResult } from '../../../engine';
import type { Assignment, Project } from '../../../shared/project';
import { TEMPLATES } from '../../templates';
import { dataFrom, type GradingDeps, type GradingEngine, gradeHandInFile } from './handInGrading';

const lesson = TEMPLATES[0]!.project;
const assignment: Assignment = {
  title: 'Fit the crops',
  instructions: '',
  goal: { metric: 'loss', atMost: 5 },
  maxParameters: 8,
  locked: ['epochs'],
};
const against = { from: 'the open project', assignment, project: lesson };

/** An engine whose runs report the losses given, one epoch each. */
function fakeEngine(losses: number[]) {
  const starts: unknown[] = [];
  const engine: GradingEngine = {
    call: ((type: string, body: unknown, options?: { onNotice?: (n: Notice) => void }) => {
      if (type !== 'train-start') throw new Error(`unexpected ${type}`);
      starts.push(body);
      const history = losses.map((loss, i) => ({
        epoch: i + 1,
        epochs: losses.length,
        loss,
        seconds: 0,
        lr: 0.1,
      }));
      for (const report of history) {
        options?.onNotice?.({ run: 1, type: 'train-epoch', report } as Notice);
      }
      const result = { outcome: 'completed', history } as unknown as TrainResult;
      return { reply: Promise.resolve(result as ReplyOf<'train-start'>) };
    }) as GradingEngine['call'],
  };
  return { engine, starts };
}

const deps = (engine: GradingEngine, patch: Partial<GradingDeps> = {}): GradingDeps => ({
  engine,
  datasetsUrl: 'http://app/datasets/',
  findData: async () => new Map(),
  ...patch,
});

const handIn = (project: Project, loss?: number) =>
  JSON.stringify({
    ...project,
    ...(loss === undefined
      ? {}
      : {
          run: {
            metrics: { loss },
            epochs: 2,
            backend: 'webgpu',
            at: '2026-12-06T10:00:00.000Z',
            app: '0.1.0',
            history: [{ epoch: 2, loss }],
          },
        }),
  });

describe('grading a hand-in file', () => {
  it('re-trains it on the CPU as its file says, and passes an honest one within the rules', async () => {
    const { engine, starts } = fakeEngine([9, 3]);
    const epochs: number[] = [];
    const graded = await gradeHandInFile(
      'ana.layerboard.json',
      handIn(lesson, 3),
      against,
      deps(engine, { onEpoch: (epoch) => epochs.push(epoch) }),
    );
    expect(starts).toHaveLength(1);
    expect(starts[0]).toMatchObject({
      backend: 'cpu',
      graph: lesson.graph,
      dataset: lesson.dataset,
      datasetsUrl: 'http://app/datasets/',
    });
    expect(epochs).toEqual([1, 2]);
    expect(graded.grade).toEqual({
      file: 'ana.layerboard.json',
      passed: true,
      parameters: 8,
      measured: { loss: 3 },
      claimed: { loss: 3 },
      problems: [],
    });
    expect(graded.rerun).toEqual([
      { epoch: 1, loss: 9 },
      { epoch: 2, loss: 3 },
    ]);
    expect(graded.project?.graph).toEqual(lesson.graph);
  });

  it('lists every problem of a hand-in that breaks the rules', async () => {
    const bigger = structuredClone(lesson);
    const linear = bigger.graph.nodes.find((n) => n.kind === 'linear')!;
    bigger.graph.nodes.push(
      { id: 'act', kind: 'relu', position: { x: 0, y: 0 } },
      { id: 'out', kind: 'linear', params: { outFeatures: 2 }, position: { x: 0, y: 0 } },
    );
    linear.params = { ...linear.params, outFeatures: 16 };
    const last = bigger.graph.edges.at(-1)!;
    bigger.graph.edges.push(
      { source: last.target, target: 'act' },
      { source: 'act', target: 'out' },
    );
    bigger.training = { ...bigger.training, epochs: bigger.training.epochs + 1 };
    const { engine } = fakeEngine([9, 6]);
    const graded = await gradeHandInFile('ben.json', handIn(bigger, 1), against, deps(engine));
    expect(graded.grade.passed).toBe(false);
    expect(graded.grade.parameters).toBe(16 * 3 + 16 + 16 * 2 + 2);
    expect(graded.grade.problems).toEqual([
      '98 parameters, the assignment allows 8',
      `the number of epochs was changed to ${bigger.training.epochs} (the assignment's is ${lesson.training.epochs})`,
      'goal not met: loss 6, the goal is loss at most 5',
      'claims loss 1, the re-run gives 6',
    ]);
  });

  it('says a file cannot be read, without training anything', async () => {
    const { engine, starts } = fakeEngine([1]);
    const graded = await gradeHandInFile('notes.txt', 'hello', against, deps(engine));
    expect(starts).toHaveLength(0);
    expect(graded.project).toBeUndefined();
    expect(graded.grade).toMatchObject({ passed: false, parameters: null, claimed: null });
    expect(graded.grade.problems[0]).toMatch(/^cannot be read: /);
  });

  it('names the data files to import when the app does not have them', async () => {
    const onCsv: Project = {
      ...lesson,
      dataset: {
        source: 'csv',
        path: 'data/houses.csv',
        features: ['a'],
        targets: ['b'],
        task: 'regression',
      },
    };
    const { engine, starts } = fakeEngine([1]);
    const graded = await gradeHandInFile('c.json', handIn(onCsv), against, deps(engine));
    expect(starts).toHaveLength(0);
    expect(graded.grade.problems).toContain(
      'its data (houses.csv) is not in the app: add houses.csv with Add data files…, then grade again',
    );
  });

  it('says why a graph that does not compile cannot be re-trained', async () => {
    const broken = structuredClone(lesson);
    broken.graph.edges = [];
    const { engine } = fakeEngine([1]);
    const graded = await gradeHandInFile('d.json', handIn(broken), against, deps(engine));
    expect(graded.grade.parameters).toBeNull();
    expect(graded.grade.problems.at(-1)).toMatch(/^its graph does not train: /);
  });

  it('says when the re-run fails, and grades the rest', async () => {
    const engine: GradingEngine = {
      call: vi.fn(() => ({ reply: Promise.reject(new Error('out of memory')) })),
    } as unknown as GradingEngine;
    const graded = await gradeHandInFile('e.json', handIn(lesson), against, deps(engine));
    expect(graded.grade.problems).toEqual(['the re-run failed: out of memory']);
    expect(graded.grade.parameters).toBe(8);
  });

  it('finds a data file the app has by the path the ref gives, or by its name', () => {
    const blob = new Blob(['x']);
    const ref = {
      source: 'idx',
      images: 'data/train-images.gz',
      labels: '/abs/train-labels.gz',
    } as const;
    const found = dataFrom(
      ref,
      new Map([
        ['/elsewhere/train-images.gz', blob],
        ['train-labels.gz', blob],
      ]),
    );
    expect([...found.keys()]).toEqual(['data/train-images.gz', '/abs/train-labels.gz']);
  });
});

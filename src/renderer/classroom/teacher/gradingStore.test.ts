import { describe, expect, it, vi } from 'vitest';
import type { ReplyOf, TrainResult } from '../../../engine';
import { TEMPLATES } from '../../templates';
import { createGradingStore, type OwnEngine } from './gradingStore';

const lesson = TEMPLATES[0]!.project;
const assignment = {
  title: 'Fit the crops',
  instructions: '',
  goal: { metric: 'loss' as const, atMost: 5 },
};
const file = (name: string, text: string) => ({ name, text: async () => text });

/** An engine whose runs end with loss 1 when `release` is called (each run in turn). */
function pausedEngine() {
  const pending: (() => void)[] = [];
  const terminate = vi.fn();
  const engine: OwnEngine = {
    call: (() => {
      let resolve: (r: ReplyOf<'train-start'>) => void = () => undefined;
      const reply = new Promise<ReplyOf<'train-start'>>((r) => {
        resolve = r;
      });
      const history = [{ epoch: 1, epochs: 1, loss: 1, seconds: 0, lr: 0.1 }];
      pending.push(() => resolve({ outcome: 'completed', history } as unknown as TrainResult));
      return { reply };
    }) as OwnEngine['call'],
    terminate,
  };
  const release = async () => {
    while (pending.length === 0) await new Promise((r) => setTimeout(r));
    pending.shift()?.();
  };
  return { engine, release, terminate };
}

function store(blocked?: string) {
  const own = pausedEngine();
  const grading = createGradingStore({
    startEngine: () => own.engine,
    datasetsUrl: () => 'http://app/datasets/',
    findData: async () => new Map(),
    blocked: () => blocked,
  });
  grading.getState().gradeAgainstOpenProject({ ...lesson, assignment });
  return { grading, ...own };
}

describe('the teacher view’s grading', () => {
  it('grades hand-ins one after another, saying which it re-trains, in a worker of its own', async () => {
    const { grading, release, terminate } = store();
    expect(grading.getState().against?.from).toBe('the open project');
    const done = grading
      .getState()
      .grade([
        file('ana.layerboard.json', JSON.stringify(lesson)),
        file('notes.txt', 'not a project'),
        file('ben.layerboard.json', JSON.stringify(lesson)),
      ]);
    await vi.waitFor(() =>
      expect(grading.getState().progress).toBe('Re-training 1 of 3: ana.layerboard.json'),
    );
    expect(grading.getState().rows.map((r) => r.state)).toEqual(['training', 'waiting', 'waiting']);
    await release();
    await vi.waitFor(() =>
      expect(grading.getState().progress).toBe('Re-training 3 of 3: ben.layerboard.json'),
    );
    await release();
    expect(await done).toBeUndefined();
    const { rows, busy, progress } = grading.getState();
    expect(busy).toBe(false);
    expect(progress).toBeUndefined();
    expect(rows.map((r) => [r.file, r.graded?.grade.passed])).toEqual([
      ['ana.layerboard.json', true],
      ['notes.txt', false],
      ['ben.layerboard.json', true],
    ]);
    expect(rows[1]?.graded?.grade.problems[0]).toMatch(/^cannot be read/);
    expect(terminate).toHaveBeenCalledTimes(1);
  });

  it('does not start while the app’s own run trains, nor without an assignment', async () => {
    const { grading } = store('The app is training: stop its run first.');
    expect(await grading.getState().grade([file('a.json', '{}')])).toBe(
      'The app is training: stop its run first.',
    );
    grading.getState().gradeAgainstOpenProject(lesson);
    expect(grading.getState().against).toBeUndefined();
    expect(await grading.getState().grade([file('a.json', '{}')])).toMatch(/assignment first/);
    expect(grading.getState().rows).toEqual([]);
  });

  it('takes an assignment file, and says why a file is not one', async () => {
    const { grading } = store();
    await grading.getState().chooseAssignment(file('plain.json', JSON.stringify(lesson)));
    expect(grading.getState().againstError).toMatch(
      /plain.json is a project without an assignment/,
    );
    await grading
      .getState()
      .chooseAssignment(
        file('week3.assignment.layerboard.json', JSON.stringify({ ...lesson, assignment })),
      );
    expect(grading.getState().againstError).toBeUndefined();
    expect(grading.getState().against).toMatchObject({
      from: 'week3.assignment.layerboard.json',
      assignment,
    });
  });

  it('stops: the graded rows stay, the rest go, and the worker is stopped', async () => {
    const { grading, release, terminate } = store();
    const done = grading
      .getState()
      .grade([file('a.json', JSON.stringify(lesson)), file('b.json', JSON.stringify(lesson))]);
    await release();
    await vi.waitFor(() => expect(grading.getState().rows[1]?.state).toBe('training'));
    grading.getState().stop();
    expect(terminate).toHaveBeenCalled();
    expect(grading.getState().busy).toBe(false);
    await release();
    await done;
    expect(grading.getState().rows.map((r) => r.file)).toEqual(['a.json']);
  });

  it('reads a hand-in’s data from the files added in the view, and grades the same files again', async () => {
    const calls: { type: string; body: { imports?: ReadonlyMap<string, Blob> } }[] = [];
    const engine: OwnEngine = {
      call: ((type: string, body: { imports?: ReadonlyMap<string, Blob> }) => {
        calls.push({ type, body });
        const reply =
          type === 'describe-dataset'
            ? { dataShape: { sampleShape: [3], task: 'regression', outputs: 2 } }
            : { outcome: 'completed', history: [{ epoch: 1, epochs: 1, loss: 1 }] };
        return { reply: Promise.resolve(reply) };
      }) as OwnEngine['call'],
      terminate: () => undefined,
    };
    const grading = createGradingStore({
      startEngine: () => engine,
      datasetsUrl: () => 'http://app/datasets/',
      findData: async () => new Map(),
      blocked: () => undefined,
    });
    grading.getState().gradeAgainstOpenProject({ ...lesson, assignment });
    const onCsv = {
      ...lesson,
      dataset: {
        source: 'csv',
        path: 'data/farms.csv',
        features: ['temp_f', 'rainfall_mm', 'humidity_pct'],
        targets: ['apples_ton', 'oranges_ton'],
        task: 'regression',
      },
    };
    await grading.getState().grade([file('ana.json', JSON.stringify(onCsv))]);
    expect(grading.getState().rows[0]?.graded?.grade.problems).toEqual([
      'its data (farms.csv) is not in the app: add farms.csv with Add data files…, then grade again',
    ]);
    expect(calls).toEqual([]);
    await grading
      .getState()
      .addDataFiles([
        { name: 'farms.csv', bytes: async () => new TextEncoder().encode('a,b\n1,2\n') },
      ]);
    await grading.getState().grade(grading.getState().files);
    expect(calls.map((c) => c.type)).toEqual(['describe-dataset', 'train-start']);
    expect([...(calls[1]?.body.imports?.keys() ?? [])]).toEqual(['data/farms.csv']);
    expect(grading.getState().rows[0]?.graded?.grade).toMatchObject({
      passed: true,
      parameters: 8,
    });
  });
});

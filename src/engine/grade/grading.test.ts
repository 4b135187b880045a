import { describe, expect, it } from 'vitest';
import type { Assignment, DatasetRef } from '../../shared/project';
import { trainingSettings } from '../testing/trainingSettings';
import {
  budgetProblem,
  changedLocks,
  claimProblems,
  goalProblem,
  goalText,
  handInRun,
  kindProblems,
  lossCurve,
  runMetrics,
  sameDataset,
} from './grading';

const assignment: Assignment = {
  title: 'Fit',
  instructions: '',
  goal: { metric: 'accuracy', atLeast: 0.9 },
  maxParameters: 10,
  allowedKinds: ['linear', 'relu'],
  locked: ['dataset', 'optimizer', 'seed'],
};
const training = trainingSettings();
const csv: DatasetRef = {
  source: 'csv',
  path: '/home/teacher/data/crops.csv',
  features: ['a'],
  targets: ['b'],
  task: 'regression',
};

describe('goals', () => {
  it('says the goal and a miss in words', () => {
    expect(goalText(assignment.goal)).toBe('accuracy at least 0.9');
    expect(goalProblem(assignment.goal, { accuracy: 0.95 })).toBeUndefined();
    expect(goalProblem(assignment.goal, { accuracy: 0.8123 })).toBe(
      'goal not met: accuracy 0.8123, the goal is accuracy at least 0.9',
    );
    expect(goalProblem({ metric: 'valLoss', atMost: 1 }, { loss: 0.5 })).toBe(
      'the run measured no validation loss (it needs a validation split); the goal is validation loss at most 1',
    );
  });
});

describe('claims', () => {
  it('agree within the drift of another backend, and a made-up figure is named', () => {
    expect(claimProblems({ loss: 31.2001 }, { loss: 31.2 })).toEqual([]);
    // The MLP lesson's WebGPU and CPU runs after one epoch (0.07% and 0.15 points apart).
    expect(
      claimProblems({ loss: 0.455526, accuracy: 0.8821 }, { loss: 0.455214, accuracy: 0.88355 }),
    ).toEqual([]);
    expect(claimProblems({ accuracy: 0.9 }, { accuracy: 0.88 })).toEqual([
      'claims accuracy 0.9, the re-run gives 0.88',
    ]);
    expect(claimProblems({ loss: 0.00005 }, { loss: 0.0001 })).toEqual([]);
    expect(claimProblems({ loss: 5 }, { loss: 31.2 })).toEqual([
      'claims loss 5, the re-run gives 31.2',
    ]);
    expect(claimProblems({ accuracy: 0.9 }, {})).toEqual([
      'claims accuracy 0.9, the re-run measures no accuracy',
    ]);
  });
});

describe('limits', () => {
  it('counts parameters against the budget', () => {
    expect(budgetProblem(assignment, 10)).toBeUndefined();
    expect(budgetProblem(assignment, 25)).toBe('25 parameters, the assignment allows 10');
    expect(budgetProblem({ ...assignment, maxParameters: undefined }, 1e6)).toBeUndefined();
  });

  it('names each forbidden kind once, and always allows the Input node', () => {
    const node = (id: string, kind: 'input' | 'sigmoid' | 'linear') => ({
      id,
      kind,
      position: { x: 0, y: 0 },
    });
    const graph = {
      nodes: [node('in', 'input'), node('a', 'sigmoid'), node('b', 'sigmoid'), node('c', 'linear')],
      edges: [],
    };
    expect(kindProblems(assignment, graph)).toEqual(['uses Sigmoid, not allowed']);
  });

  it('compares locked settings by value, and datasets by file name', () => {
    const required = { dataset: csv, training };
    const moved = { ...csv, path: 'crops.csv' };
    expect(sameDataset(csv, moved)).toBe(true);
    expect(sameDataset(csv, { ...csv, features: ['b'] })).toBe(false);
    // Same optimizer, its keys in another order.
    const reordered = { weightDecay: 0, momentum: 0, lr: 0.01, type: 'sgd' as const };
    expect(
      changedLocks(assignment, required, {
        dataset: moved,
        training: { ...training, optimizer: reordered },
      }),
    ).toEqual([]);
    expect(
      changedLocks(assignment, required, {
        dataset: { source: 'builtin', name: 'crop-yields' },
        training: { ...training, seed: 2, batchSize: 64 },
      }),
    ).toEqual(['dataset', 'seed']);
  });
});

describe('a run as a hand-in claims it', () => {
  const history = [
    { epoch: 1, loss: 2, valLoss: 2.5, accuracy: 0.5 },
    { epoch: 2, loss: 1, valLoss: 1.5, accuracy: 0.75 },
    { epoch: 3, loss: Number.NaN },
  ];

  it('takes the kept epoch under early stopping, and leaves NaN out of the curve', () => {
    expect(runMetrics(history.slice(0, 2))).toEqual({ loss: 1, valLoss: 1.5, accuracy: 0.75 });
    expect(runMetrics(history, 1)).toEqual({ loss: 2, valLoss: 2.5, accuracy: 0.5 });
    expect(runMetrics(history)).toEqual({});
    expect(lossCurve(history)).toHaveLength(2);
    const run = handInRun(history.slice(0, 2), {
      keptEpoch: 1,
      backend: 'webgpu',
      at: new Date('2026-12-06T10:00:00Z'),
      app: '0.1.0',
    });
    expect(run).toMatchObject({ epochs: 2, metrics: { loss: 2 }, at: '2026-12-06T10:00:00.000Z' });
  });
});

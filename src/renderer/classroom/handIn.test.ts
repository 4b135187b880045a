import { describe, expect, it } from 'vitest';
import type { EpochReport, ModelParams } from '../../engine';
import { trainingSettings } from '../../engine/testing/trainingSettings';
import { handInProblem, lastRunClaim } from './handIn';

const training = trainingSettings({ epochs: 2 });
const dataset = { source: 'builtin', name: 'crop-yields' } as const;
const report = (epoch: number, loss: number): EpochReport => ({
  epoch,
  epochs: 2,
  loss,
  seconds: 0,
  lr: 0.01,
});
const finished = {
  running: false,
  phase: 'finished' as const,
  outcome: 'completed' as const,
  earlyStop: undefined,
  facts: undefined,
  history: [{ report: report(1, 3) }, { report: report(2, 2) }],
  trained: { modelKey: 'm', params: [] as unknown as ModelParams, epoch: 2, training, dataset },
};
const now = { modelKey: 'm', dataset, training };

describe('handInProblem', () => {
  it('accepts one finished run of the project as it is', () => {
    expect(handInProblem(finished, now)).toBeUndefined();
    expect(lastRunClaim(finished, new Date(0))).toMatchObject({
      metrics: { loss: 2 },
      epochs: 2,
      backend: 'cpu',
      at: '1970-01-01T00:00:00.000Z',
    });
  });

  it('says what to do about a run a re-run cannot repeat', () => {
    expect(handInProblem({ ...finished, running: true }, now)).toMatch(/^A run is on/);
    expect(handInProblem({ ...finished, phase: 'idle', trained: undefined }, now)).toMatch(
      /^Train the model first/,
    );
    expect(handInProblem({ ...finished, outcome: 'stopped' }, now)).toMatch(/was stopped/);
    expect(handInProblem({ ...finished, outcome: 'diverged' }, now)).toMatch(/diverged/);
    expect(handInProblem({ ...finished, trained: { ...finished.trained, epoch: 4 } }, now)).toMatch(
      /went on from an earlier one/,
    );
    expect(handInProblem(finished, { ...now, modelKey: 'other' })).toBe(
      'The graph changed since the last run: train again before handing in.',
    );
    expect(
      handInProblem(finished, {
        ...now,
        training: { ...training, optimizer: { ...training.optimizer, lr: 0.1 } },
      }),
    ).toMatch(/^The training settings changed/);
  });
});

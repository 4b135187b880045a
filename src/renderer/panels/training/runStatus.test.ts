import { describe, expect, it } from 'vitest';
import type { RunFacts } from '../../../engine';
import type { EpochEntry } from '../../stores/trainingState';
import { statusText } from './runStatus';

const entry = (epoch: number, lr: number): EpochEntry => ({
  report: { epoch, epochs: 6, loss: 0.5 / epoch, seconds: 1, lr },
});

const finished = {
  phase: 'finished' as const,
  // Only the epochs matter to the line.
  facts: { epochs: 6 } as RunFacts,
  epoch: 6,
  stepInEpoch: 0,
  samplesPerSecond: 0,
  batchLosses: [0.1],
};

describe('statusText', () => {
  it("names the last epoch's learning rate, as its schedule gave it", () => {
    const history = [entry(1, 0.1), entry(2, 0.05), entry(3, 0.07525000000000001)];
    expect(statusText({ ...finished, history, outcome: 'completed', earlyStop: undefined })).toBe(
      'epoch 3/6 loss 0.1667 lr 0.07525 · completed',
    );
  });

  it('says a run stopped early, and which epoch it kept', () => {
    const history = [entry(1, 0.1), entry(2, 0.1), entry(3, 0.1)];
    const earlyStop = { epoch: 3, bestEpoch: 1, bestValLoss: 0.4, patience: 2 };
    expect(statusText({ ...finished, history, outcome: 'completed', earlyStop })).toBe(
      'epoch 3/6 loss 0.1667 lr 0.1 · stopped early, keeping epoch 1',
    );
  });
});

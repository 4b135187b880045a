import { describe, expect, it } from 'vitest';
import { stepRecords } from './stepEncoding';

describe('stepRecords', () => {
  it("gives each step its batch start, step number, loss slot and SGD's rate; the epoch's last batch is short", () => {
    const sgd = { type: 'sgd', lr: 0.1, momentum: 0, weightDecay: 0 } as const;
    const at = { stepInEpoch: 1, globalStep: 7, lossSlot: 3 };
    // The epoch's rate (a schedule's 0.025), not the optimizer's first one.
    const { records, rows } = stepRecords({ batchSize: 4, optimizer: sgd }, 10, at, 2, 0.025);
    expect(records).toEqual([
      { start: 4, t: 7, lossSlot: 3, stepSize: 0.025 },
      { start: 8, t: 8, lossSlot: 4, stepSize: 0.025 },
    ]);
    expect(rows).toEqual([4, 2]);
  });

  it("carries torch.optim.Adam's bias corrections for step t + 1", () => {
    const adam = {
      type: 'adam',
      lr: 0.01,
      beta1: 0.9,
      beta2: 0.999,
      eps: 1e-8,
      weightDecay: 0,
    } as const;
    const at = { stepInEpoch: 0, globalStep: 0, lossSlot: 0 };
    const [first] = stepRecords({ batchSize: 2, optimizer: adam }, 8, at, 1, 0.005).records;
    // Step 1 at the epoch's rate 0.005: 0.005 / (1 - 0.9), and sqrt(1 - 0.999).
    expect(first!.stepSize).toBeCloseTo(0.05, 12);
    expect(first!.bc2Sqrt).toBeCloseTo(Math.sqrt(0.001), 12);
  });
});

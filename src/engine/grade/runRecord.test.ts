import { describe, expect, it } from 'vitest';
import type { EpochReport } from '../train/trainer';
import { type EndedRun, nextRunNumber, runNumber, runRecord } from './runRecord';

const report = (epoch: number, loss: number, valLoss?: number): EpochReport => ({
  epoch,
  epochs: 3,
  loss,
  ...(valLoss === undefined ? {} : { valLoss }),
  seconds: 0.1,
  lr: 0.01,
});

const run: EndedRun = {
  setup: {
    graph: { nodes: [{ id: 'in', kind: 'input', position: { x: 0, y: 0 } }], edges: [] },
    dataset: { source: 'builtin', name: 'crop-yields' },
    training: {
      loss: 'mse',
      optimizer: { type: 'sgd', lr: 0.01, momentum: 0, weightDecay: 0 },
      batchSize: 5,
      epochs: 3,
      shuffle: false,
      seed: 1,
      normalize: 'none',
      validationSplit: 0.2,
    },
  },
  startedAt: Date.parse('2026-12-06T12:00:00Z'),
  endedAt: Date.parse('2026-12-06T12:00:02.5Z'),
  backend: 'webgpu',
  outcome: 'completed',
  history: [report(1, 3, 4), report(2, 2, 2.5), report(3, 1, 3)],
};

describe('runRecord', () => {
  it('keeps the setup, the start, the duration and the last epoch with its curve', () => {
    expect(runRecord(run)).toEqual({
      at: '2026-12-06T12:00:00.000Z',
      durationMs: 2500,
      backend: 'webgpu',
      outcome: 'completed',
      ...run.setup,
      metrics: { loss: 1, valLoss: 3 },
      history: [
        { epoch: 1, loss: 3, valLoss: 4 },
        { epoch: 2, loss: 2, valLoss: 2.5 },
        { epoch: 3, loss: 1, valLoss: 3 },
      ],
    });
  });

  it("takes early stopping's kept epoch for the metrics", () => {
    const earlyStop = { epoch: 3, bestEpoch: 2, bestValLoss: 2.5, patience: 1 };
    expect(runRecord({ ...run, earlyStop })?.metrics).toEqual({ loss: 2, valLoss: 2.5 });
  });

  it('keeps a diverged run without its non-finite figures, and no run stopped before an epoch', () => {
    const diverged = runRecord({
      ...run,
      outcome: 'diverged',
      history: [report(1, 3), report(2, Number.NaN)],
    });
    expect(diverged?.history).toEqual([{ epoch: 1, loss: 3 }]);
    expect(diverged?.metrics).toEqual({});
    expect(runRecord({ ...run, outcome: 'diverged', history: [] })?.history).toEqual([]);
    expect(runRecord({ ...run, outcome: 'stopped', history: [] })).toBeUndefined();
    expect(runRecord({ ...run, outcome: 'stopped', history: [report(1, 3)] })?.outcome).toBe(
      'stopped',
    );
  });

  it('numbers runs on from the highest kept, and numbers old records by place', () => {
    expect(nextRunNumber([])).toBe(1);
    expect(nextRunNumber([{ number: 2 }, { number: 5 }])).toBe(6);
    expect(nextRunNumber([{}, {}])).toBe(3);
    expect(runNumber({}, 0)).toBe(1);
    expect(runNumber({ number: 7 }, 0)).toBe(7);
  });
});

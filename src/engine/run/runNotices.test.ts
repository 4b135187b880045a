import { describe, expect, it } from 'vitest';
import type { Dataset } from '../data/dataset';
import type { PreparedData } from '../data/loadData';
import type { ModelSpec } from '../model/spec';
import type { EpochReport } from '../train/trainer';
import { epochNotice, progressNotice } from './runNotices';

/** Three rows of one feature, labels 0 1 1. */
const rows: Dataset = {
  name: 'rows',
  count: 3,
  sampleShape: [1],
  x: new Float32Array([10, 20, 30]),
  targets: { task: 'classification', labels: new Int32Array([0, 1, 1]), classes: ['no', 'yes'] },
  featureNames: ['x'],
};

const data: PreparedData = {
  train: rows,
  preprocessing: { kind: 'none' },
  info: {
    name: 'rows.csv',
    title: 'rows.csv',
    source: 'csv',
    task: 'classification',
    sampleShape: [1],
    featureNames: ['x'],
    targetNames: ['label'],
    classes: ['no', 'yes'],
    counts: { train: 3, validation: 0, test: 0 },
  },
};

const model: ModelSpec = {
  inputShape: [1],
  layers: [
    { kind: 'linear', inFeatures: 1, outFeatures: 4, nodeId: 'fc1' },
    { kind: 'relu', nodeId: 'relu1' },
    { kind: 'linear', inFeatures: 4, outFeatures: 2, nodeId: 'fc2' },
  ],
};

const report: EpochReport = { epoch: 3, epochs: 5, loss: 0.5, seconds: 1, lr: 0.01 };

describe('epochNotice', () => {
  it('sends the gallery, misclassified first, and keeps the predictions behind it', () => {
    // Logits: rows 0 and 1 right, row 2 predicted "no".
    const lastOutputs = new Float32Array([2, 0, 0, 2, 3, 0]);
    const lastEvaluation = {
      loss: 0.4,
      count: 3,
      accuracy: 2 / 3,
      confusionMatrix: [
        [1, 0],
        [1, 1],
      ],
    };
    const epoch = epochNotice(report, {
      model,
      data,
      evaluated: { split: rows, on: 'test' },
      softmaxLast: false,
      session: { lastEvaluation, lastOutputs, lastInsides: undefined },
    });
    if (epoch.notice.type !== 'train-epoch') throw new Error(epoch.notice.type);
    expect(epoch.notice.report).toBe(report);
    expect(epoch.notice.evaluation).toMatchObject({ on: 'test', count: 3, accuracy: 2 / 3 });
    expect(epoch.notice.gallery).toMatchObject({ indices: [2, 0, 1], predicted: [0, 0, 1] });
    expect(epoch.notice.gallery?.table?.rows).toEqual([[30], [10], [20]]);
    expect(epoch.transfer).toEqual([epoch.notice.gallery!.probabilities.buffer]);
    expect(epoch.predictions?.select(1, 0, 10).indices).toEqual([2]);
  });

  it('sends the report alone without outputs (a regression)', () => {
    const session = { lastEvaluation: undefined, lastOutputs: undefined, lastInsides: [] };
    const epoch = epochNotice(report, { model, data, evaluated: {}, softmaxLast: false, session });
    expect(epoch).toEqual({ notice: { type: 'train-epoch', report } });
  });

  it("sends the layers' insides, and the doctor's hint when most of a layer's ReLUs are dead", () => {
    const histogram = { min: -1, max: 1, counts: [3, 1] };
    const lastInsides = [
      { layer: 0, weights: histogram, outputs: histogram, dead: 0.75 },
      { layer: 2, weights: histogram, outputs: histogram },
    ];
    const session = { lastEvaluation: undefined, lastOutputs: undefined, lastInsides };
    const epoch = epochNotice(report, { model, data, evaluated: {}, softmaxLast: false, session });
    if (epoch.notice.type !== 'train-epoch') throw new Error(epoch.notice.type);
    expect(epoch.notice.insides).toBe(lastInsides);
    expect(epoch.notice.deadUnits).toEqual({
      nodeId: 'fc1',
      fraction: 0.75,
      message:
        'fc1: 75% of its ReLUs (3 of 4) gave 0 for every sample of the last batch (dead units), so they no longer learn: lower the learning rate, or use LeakyReLU',
    });
    // Half dead is not "mostly".
    const half = [{ ...lastInsides[0]!, dead: 0.5 }];
    const calm = epochNotice(report, {
      model,
      data,
      evaluated: {},
      softmaxLast: false,
      session: { ...session, lastInsides: half },
    });
    expect(calm.notice).not.toHaveProperty('deadUnits');
  });
});

describe('progressNotice', () => {
  it('counts epochs from the run start and moves a copy of the losses', () => {
    const batchLosses = new Float32Array([0.5, 0.4]);
    const [notice, transfer] = progressNotice(
      {
        type: 'progress',
        progress: { epoch: 1, step: 2, stepsPerEpoch: 4 },
        batchLosses,
        samplesPerSecond: 100,
      },
      30,
    );
    expect(notice).toMatchObject({ type: 'train-progress', epoch: 31, step: 2, stepsPerEpoch: 4 });
    if (notice.type !== 'train-progress') throw new Error(notice.type);
    expect(notice.batchLosses).not.toBe(batchLosses);
    expect(Array.from(notice.batchLosses)).toEqual(Array.from(batchLosses));
    expect(transfer).toEqual([notice.batchLosses.buffer]);
  });
});

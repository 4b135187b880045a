import { describe, expect, it } from 'vitest';
import type { Evaluation, LossReadout, Progress, TrainingSession } from '../backend';
import { createCpuBackend } from '../cpu/backend';
import crop from '../cpu/fixtures/crop-yields.json';
import { classificationData, regressionData, toParams } from '../cpu/fixtures/datasets';
import { regressionMetrics } from '../metrics';
import type { ModelSpec } from '../model/spec';
import { risingLoss } from './divergence';
import { earlyStopMessage, Trainer, type TrainerEvent } from './trainer';

const cropData = regressionData(crop.x, crop.y);
const cropModel: ModelSpec = {
  inputShape: [3],
  layers: [{ kind: 'linear', inFeatures: 3, outFeatures: 2, nodeId: 'fc1' }],
};

async function cropSession(lr: number, batchSize = 5) {
  return createCpuBackend().createSession(
    cropModel,
    toParams([{ weight: crop.weight, bias: crop.bias }]),
    cropData,
    {
      loss: 'mse',
      optimizer: { type: 'sgd', lr, momentum: 0, weightDecay: 0 },
      batchSize,
      shuffle: false,
      seed: 1,
    },
  );
}

/** A session whose steps take `msPerStep` of a fake clock, counting the readbacks. */
class TimedSession implements TrainingSession {
  epoch = 0;
  step = 0;
  readbacks = 0;
  readonly learningRate = 0.1;
  private pending: number[] = [];
  constructor(
    readonly clock: { t: number },
    readonly stepsPerEpoch: number,
    readonly msPerStep: number,
    readonly lossOf: (epoch: number) => number = (epoch) => 1 / (1 + epoch),
    public params: { weight: Float32Array; bias: Float32Array }[] = [],
    /** The validation loss after `epoch` epochs. */
    readonly valLossOf: (epoch: number) => number = () => 0,
  ) {}
  get progress(): Progress {
    return { epoch: this.epoch, step: this.step, stepsPerEpoch: this.stepsPerEpoch };
  }
  async train(steps: number): Promise<number> {
    const n = Math.min(steps, this.stepsPerEpoch - this.step);
    this.clock.t += n * this.msPerStep;
    for (let i = 0; i < n; i++) this.pending.push(this.lossOf(this.epoch));
    this.step += n;
    if (this.step === this.stepsPerEpoch) {
      this.epoch++;
      this.step = 0;
    }
    return n;
  }
  async readLoss(): Promise<LossReadout> {
    this.readbacks++;
    const batchLosses = Float32Array.from(this.pending);
    this.pending = [];
    return {
      batchLosses,
      sum: batchLosses.reduce((a, b) => a + b, 0),
      samples: batchLosses.length,
    };
  }
  async evaluate(): Promise<Evaluation> {
    return { loss: this.valLossOf(this.epoch), count: 1 };
  }
  async predict(): Promise<Float32Array> {
    return new Float32Array(0);
  }
  async getParams() {
    return this.params;
  }
  async setParams(params: { weight: Float32Array; bias: Float32Array }[]) {
    this.params = params;
  }
  async insides() {
    return [];
  }
  dispose(): void {}
}

describe('Trainer', () => {
  it('runs every epoch and reports its mean training loss', async () => {
    const events: TrainerEvent[] = [];
    const trainer = new Trainer(await cropSession(crop.lr), {
      epochs: 100,
      train: cropData,
      onEvent: (e) => events.push(e),
    });
    const outcome = await trainer.run();
    expect(outcome.kind).toBe('completed');
    expect(outcome.history).toHaveLength(100);
    // The same epoch losses PyTorch prints (scripts/reference/crop_yields.py).
    outcome.history.forEach((r, i) => {
      const ref = crop.after100EpochsBatch5.epochLosses[i]!;
      expect(Math.abs(r.loss - ref) / ref).toBeLessThan(1e-5);
      expect(r.epoch).toBe(i + 1);
    });
    expect(events[0]).toEqual({ type: 'state', state: 'running' });
    expect(events.at(-1)).toMatchObject({ type: 'done', outcome: { kind: 'completed' } });
    expect(events.filter((e) => e.type === 'epoch')).toHaveLength(100);
  });

  it("measures a regression's R², MAE and RMSE per target at each epoch end, on the validation data when given", async () => {
    const session = await cropSession(crop.lr);
    const trained = await new Trainer(session, { epochs: 2, train: cropData }).run();
    const outputs = await session.predict(cropData.x, cropData.count);
    const values = cropData.targets.task === 'regression' ? cropData.targets.values : [];
    expect(trained.history[1]!.regression).toEqual({
      on: 'training',
      targets: regressionMetrics(outputs, values, 5, 2),
    });
    const validation = regressionData(crop.x.slice(0, 2), crop.y.slice(0, 2));
    const validated = await new Trainer(await cropSession(crop.lr), {
      epochs: 1,
      train: cropData,
      validation,
    }).run();
    const report = validated.history[0]!.regression;
    expect(report?.on).toBe('validation');
    expect(report?.targets).toHaveLength(2);
    expect(report?.targets[0]?.rmse).toBeGreaterThan(0);
  });

  it('grows the steps per call until a call takes about the target time, reading back rarely', async () => {
    const clock = { t: 0 };
    const session = new TimedSession(clock, 1000, 2); // 2 ms a step, 1000 steps an epoch
    const trainer = new Trainer(session, {
      epochs: 3,
      train: cropData,
      targetChunkMs: 150,
      now: () => clock.t,
    });
    const outcome = await trainer.run();
    expect(outcome.history.map((r) => r.epoch)).toEqual([1, 2, 3]);
    expect(outcome.history[1]!.loss).toBeCloseTo(1 / 2, 6);
    // 6 s of training at about 150 ms a call: a handful of warm-up calls, then ~40.
    expect(session.readbacks).toBeLessThan(60);
  });

  it('pauses, steps one batch at a time, resumes and stops', async () => {
    const session = await cropSession(crop.lr, 1); // 5 steps an epoch
    const events: TrainerEvent[] = [];
    const trainer = new Trainer(session, {
      epochs: 1000,
      train: cropData,
      onEvent: (e) => events.push(e),
    });
    trainer.step();
    const running = trainer.run();
    await new Promise((r) => setTimeout(r, 20));
    expect(trainer.currentState).toBe('paused');
    expect(session.progress).toEqual({ epoch: 0, step: 1, stepsPerEpoch: 5 });
    trainer.step();
    trainer.step();
    await new Promise((r) => setTimeout(r, 20));
    expect(session.progress.step).toBe(3);
    trainer.resume();
    await new Promise((r) => setTimeout(r, 30));
    trainer.stop();
    const outcome = await running;
    expect(outcome.kind).toBe('stopped');
    expect(session.progress.epoch).toBeGreaterThan(0);
    expect(
      events.filter((e) => e.type === 'state').map((e) => (e as { state: string }).state),
    ).toEqual(['paused', 'running', 'finished']);
  });

  it('stops at the step when the loss explodes, before the weights overflow', async () => {
    // lr 1e-2 on the raw crop table: each step overshoots further (5070, 1.3e8, 4.1e12...).
    const session = await cropSession(1e-2);
    const outcome = await new Trainer(session, {
      epochs: 3,
      train: cropData,
      divergence: { risingEpochs: 1000, minRise: 0 },
    }).run();
    expect(outcome).toMatchObject({ kind: 'diverged', divergence: { reason: 'exploding' } });
    if (outcome.kind !== 'diverged') return;
    expect(outcome.divergence.message).toContain('lower the learning rate');
    expect(outcome.history.length).toBeLessThan(2);
  });

  it('stops when the loss is no longer a number', async () => {
    const outcome = await new Trainer(await cropSession(1e30), {
      epochs: 3,
      train: cropData,
    }).run();
    expect(outcome).toMatchObject({ kind: 'diverged', divergence: { reason: 'not-finite' } });
  });

  it('stops with a diverged outcome when the loss keeps rising', async () => {
    const clock = { t: 0 };
    const session = new TimedSession(clock, 4, 1, (epoch) => 1 + 0.2 * epoch);
    const outcome = await new Trainer(session, {
      epochs: 100,
      train: cropData,
      trainingMetrics: false,
      now: () => clock.t,
    }).run();
    expect(outcome).toMatchObject({ kind: 'diverged', divergence: { reason: 'rising' } });
    expect(outcome.history).toHaveLength(4); // three rises need four epochs
  });

  it('never ends well with weights that blew up, even when the loss looked fine', async () => {
    const clock = { t: 0 };
    const params = [{ weight: Float32Array.of(1, 3e15), bias: Float32Array.of(0) }];
    const session = new TimedSession(clock, 4, 1, undefined, params);
    const outcome = await new Trainer(session, {
      epochs: 2,
      train: cropData,
      trainingMetrics: false,
      now: () => clock.t,
    }).run();
    expect(outcome).toMatchObject({
      kind: 'diverged',
      divergence: { reason: 'weights', largest: Math.fround(3e15) },
    });
  });

  it('measures accuracy and a confusion matrix for classification, on validation data when given', async () => {
    const x = [[0], [1], [2], [3]];
    const train = classificationData(x, [0, 0, 1, 1], 2);
    const validation = classificationData([[0], [3], [3]], [0, 1, 0], 2);
    const session = await createCpuBackend().createSession(
      {
        inputShape: [1],
        layers: [{ kind: 'linear', inFeatures: 1, outFeatures: 2, nodeId: 'fc' }],
      },
      [{ weight: Float32Array.from([-1, 1]), bias: Float32Array.from([1.5, -1.5]) }],
      train,
      {
        loss: 'cross-entropy',
        optimizer: { type: 'sgd', lr: 1e-9, momentum: 0, weightDecay: 0 },
        batchSize: 4,
        shuffle: false,
        seed: 1,
      },
    );
    const outcome = await new Trainer(session, { epochs: 1, train, validation }).run();
    const [report] = outcome.history;
    expect(report).toMatchObject({
      accuracyOn: 'validation',
      confusionMatrix: [
        [1, 1],
        [0, 1],
      ],
    });
    expect(report?.accuracy).toBeCloseTo(2 / 3, 6);
    expect(report?.valLoss).toBeGreaterThan(0);
  });
});

describe('early stopping', () => {
  /** A session whose one weight is the number of epochs trained, so the weights name the epoch. */
  class EpochWeights extends TimedSession {
    override async train(steps: number): Promise<number> {
      const ran = await super.train(steps);
      this.params = [{ weight: Float32Array.of(this.epoch), bias: Float32Array.of(0) }];
      return ran;
    }
  }
  const valLosses = [0.9, 0.8, 0.85, 0.7, 0.75, 0.72, 0.71, 0.69];

  it('stops after `patience` epochs without a lower validation loss and keeps the best weights', async () => {
    const session = new EpochWeights({ t: 0 }, 2, 1, undefined, [], (e) => valLosses[e - 1]!);
    const outcome = await new Trainer(session, {
      epochs: 8,
      train: cropData,
      validation: cropData,
      earlyStopping: { patience: 3 },
    }).run();
    // Epoch 3 is worse than 2 but epoch 4 is lower: patience starts again from 4.
    expect(outcome).toMatchObject({
      kind: 'completed',
      earlyStop: { epoch: 7, bestEpoch: 4, bestValLoss: 0.7, patience: 3 },
    });
    expect(outcome.history).toHaveLength(7);
    expect(session.params[0]!.weight).toEqual(Float32Array.of(4));
  });

  it('trains every epoch when the validation loss keeps going down within the patience', async () => {
    const session = new EpochWeights({ t: 0 }, 2, 1, undefined, [], (e) => valLosses[e - 1]!);
    const outcome = await new Trainer(session, {
      epochs: 8,
      train: cropData,
      validation: cropData,
      earlyStopping: { patience: 4 },
    }).run();
    expect(outcome).toEqual(expect.objectContaining({ kind: 'completed' }));
    expect(outcome).not.toHaveProperty('earlyStop');
    expect(session.params[0]!.weight).toEqual(Float32Array.of(8));
  });

  it('says when it stopped, how long it waited and which weights it kept', () => {
    expect(earlyStopMessage({ epoch: 14, bestEpoch: 9, bestValLoss: 0.3, patience: 5 })).toBe(
      "Stopped early at epoch 14: the validation loss had not improved for 5 epochs since epoch 9; keeping epoch 9's weights.",
    );
    expect(earlyStopMessage({ epoch: 3, bestEpoch: 2, bestValLoss: 0.3, patience: 1 })).toContain(
      'for 1 epoch since',
    );
  });
});

describe('risingLoss', () => {
  it('needs the set number of rising epochs and a real rise', () => {
    expect(risingLoss([1, 1.1, 1.2, 1.3])?.reason).toBe('rising');
    expect(risingLoss([1, 1.1, 1.05, 1.3])).toBeUndefined();
    expect(risingLoss([1, 1.001, 1.002, 1.003])).toBeUndefined();
    expect(risingLoss([1, 1.1, 1.2])).toBeUndefined();
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import type { LrSchedule, OptimizerSettings } from '../../shared/project';
import type { Backend, TrainingSession, TrainOptions } from '../backend';
import crop from '../cpu/fixtures/crop-yields.json';
import { classificationData, regressionData, toParams } from '../cpu/fixtures/datasets';
import population from '../cpu/fixtures/population-profit.json';
import schedules from '../cpu/fixtures/schedules.json';
import cnn from '../cpu/fixtures/small-cnn.json';
import mlps from '../cpu/fixtures/small-mlps.json';
import type { Dataset } from '../data/dataset';
import type { LayerParams, LayerSpec, ModelParams, ModelSpec } from '../model/spec';
import { Trainer } from '../train/trainer';
import { describeWith, type Need } from './needs.node';

// Every expected number here was computed by PyTorch 1.13 (`/usr/bin/python3`) in the script named
// by each fixture's `generatedBy` (scripts/reference/*.py), independently of this engine. Each
// backend runs this one suite (tinygrad's helper_test_op: one check, every device).

/**
 * The lessons' numbers against PyTorch's on one backend: the crop-yields tutorial, the
 * population-profit line fits, small multilayer models with both optimizers and a small CNN with
 * every convolutional kind.
 *
 * @example
 * describePytorchParity('CPU', () => createCpuBackend());
 */
export function describePytorchParity(
  backendName: string,
  getBackend: () => Backend,
  need: Need = { what: backendName, missing: undefined },
): void {
  describeWith(need, `${backendName} against PyTorch`, () => suite(getBackend));
}

function suite(getBackend: () => Backend): void {
  // Sessions hold GPU buffers: each test's are released after it.
  const sessions: TrainingSession[] = [];
  afterEach(() => {
    for (const session of sessions.splice(0)) session.dispose();
  });
  const createSession = async (
    ...args: Parameters<Backend['createSession']>
  ): Promise<TrainingSession> => {
    const session = await getBackend().createSession(...args);
    sessions.push(session);
    return session;
  };
  function linearModel(inputs: number, outputs: number): ModelSpec {
    return {
      inputShape: [inputs],
      layers: [{ kind: 'linear', inFeatures: inputs, outFeatures: outputs, nodeId: 'fc1' }],
    };
  }

  async function trainRun(
    model: ModelSpec,
    params: ModelParams,
    data: Dataset,
    options: Partial<TrainOptions> & { optimizer: OptimizerSettings; batchSize: number },
    epochs: number,
  ) {
    const session = await createSession(model, params, data, {
      loss: 'mse',
      shuffle: false,
      seed: 1,
      ...options,
    });
    const epochLosses: number[] = [];
    const batchLosses: number[] = [];
    const epochRates: number[] = [];
    for (let e = 0; e < epochs; e++) {
      epochRates.push(session.learningRate);
      await session.train(Number.MAX_SAFE_INTEGER);
      const readout = await session.readLoss();
      epochLosses.push(readout.sum / readout.samples);
      batchLosses.push(...readout.batchLosses);
    }
    return { session, epochLosses, batchLosses, epochRates, params: await session.getParams() };
  }

  /** |a - b| <= tol for every value of a list of PyTorch `{weight, bias}` layers. */
  function expectParamsClose(
    actual: ModelParams,
    expected: { weight: number[][]; bias: number[] }[],
    tol: number,
  ) {
    expect(actual).toHaveLength(expected.length);
    expected.forEach((layer, i) => {
      expectClose(actual[i]!.weight, layer.weight.flat(), tol);
      expectClose(actual[i]!.bias, layer.bias, tol);
    });
  }

  /** |actual[i] - expected[i]| <= tol * max(1, |expected[i]|) for every i. */
  function expectClose(actual: ArrayLike<number>, expected: readonly number[], tol: number) {
    expect(actual.length).toBe(expected.length);
    expected.forEach((e, i) => {
      expect(Math.abs(actual[i]! - e)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(e)));
    });
  }

  const sgd = (lr: number): OptimizerSettings => ({ type: 'sgd', lr, momentum: 0, weightDecay: 0 });

  describe(`crop yields (the tutorial: Linear(3, 2), MSE, SGD lr 1e-5)`, () => {
    const data = regressionData(crop.x, crop.y);
    const model = linearModel(3, 2);
    const start = toParams([{ weight: crop.weight, bias: crop.bias }]);

    it('gives the initial loss 5070.77 and the gradients PyTorch gives', async () => {
      const session = await createSession(model, start, data, {
        loss: 'mse',
        optimizer: sgd(1),
        batchSize: 5,
        shuffle: false,
        seed: 1,
      });
      const evaluation = await session.evaluate(data);
      expect(evaluation.loss).toBeCloseTo(5070.77, 2);
      expect(Math.abs(evaluation.loss - crop.initial.loss) / crop.initial.loss).toBeLessThan(1e-6);
      const predictions = await session.predict(data.x, 5);
      expectClose(predictions, crop.initial.predictions.flat(), 1e-6);
      // One SGD step at lr 1 moves every parameter by exactly minus its gradient.
      await session.train(1);
      const [after] = await session.getParams();
      const gradW = crop.initial.gradWeight.flat();
      gradW.forEach((g, i) => {
        const step = start[0]!.weight[i]! - after!.weight[i]!;
        expect(Math.abs(step - g) / Math.abs(g)).toBeLessThan(1e-5);
      });
      crop.initial.gradBias.forEach((g, i) => {
        const step = start[0]!.bias[i]! - after!.bias[i]!;
        expect(Math.abs(step - g) / Math.abs(g)).toBeLessThan(1e-5);
      });
    });

    it("lands on PyTorch's weights after 101 full-batch steps", async () => {
      const run = await trainRun(
        model,
        start,
        data,
        { optimizer: sgd(crop.lr), batchSize: 5 },
        101,
      );
      expectParamsClose(run.params, [crop.after101Steps], 1e-3);
      expectParamsClose(run.params, [crop.after101Steps], 1e-5);
      const final = await run.session.evaluate(data);
      expect(final.loss).toBeCloseTo(crop.after101Steps.loss, 2);
    });

    it("lands on PyTorch's weights after 100 epochs at batch 5, with its epoch losses", async () => {
      const run = await trainRun(
        model,
        start,
        data,
        { optimizer: sgd(crop.lr), batchSize: 5 },
        100,
      );
      expectParamsClose(run.params, [crop.after100EpochsBatch5], 1e-5);
      run.epochLosses.forEach((l, i) => {
        const ref = crop.after100EpochsBatch5.epochLosses[i]!;
        expect(Math.abs(l - ref) / ref).toBeLessThan(1e-5);
      });
    });
  });

  describe(`population-profit (Linear(1, 1) from torch.manual_seed(1), MSE, 97 rows)`, () => {
    const data = regressionData(population.x, population.y);
    const model = linearModel(1, 1);

    it("full-batch SGD lr 0.01 for 1000 epochs ends on PyTorch's weights", async () => {
      const ref = population.sgd;
      const run = await trainRun(
        model,
        toParams([ref.init]),
        data,
        { optimizer: sgd(ref.lr), batchSize: ref.batchSize },
        ref.epochs,
      );
      expectParamsClose(run.params, [ref.final], 1e-4);
      expect(run.epochLosses.at(-1)).toBeCloseTo(ref.lastEpochLoss, 4);
    });

    it("Adam lr 0.01 on batches of 16 for 200 epochs ends on PyTorch's weights", async () => {
      const ref = population.adam;
      const optimizer: OptimizerSettings = {
        type: 'adam',
        lr: ref.lr,
        beta1: 0.9,
        beta2: 0.999,
        eps: 1e-8,
        weightDecay: 0,
      };
      const run = await trainRun(
        model,
        toParams([ref.init]),
        data,
        { optimizer, batchSize: ref.batchSize },
        ref.epochs,
      );
      expectParamsClose(run.params, [ref.final], 1e-4);
      expect(run.batchLosses).toHaveLength(7 * 200); // six batches of 16 and one of 1, per epoch
      expect(run.epochLosses.at(-1)).toBeCloseTo(ref.lastEpochLoss, 4);
    });
  });

  describe(`small multilayer models, a few steps of each optimizer`, () => {
    const classifier: ModelSpec = {
      inputShape: [4],
      layers: [
        { kind: 'linear', inFeatures: 4, outFeatures: 5, nodeId: 'fc1' },
        { kind: 'relu', nodeId: 'act' },
        { kind: 'linear', inFeatures: 5, outFeatures: 3, nodeId: 'fc2' },
        { kind: 'softmax', nodeId: 'soft' },
      ],
    };
    const regressor: ModelSpec = {
      inputShape: [2, 3],
      layers: [
        { kind: 'flatten', nodeId: 'flat' },
        { kind: 'linear', inFeatures: 6, outFeatures: 5, nodeId: 'fc1' },
        { kind: 'tanh', nodeId: 'a1' },
        { kind: 'linear', inFeatures: 5, outFeatures: 4, nodeId: 'fc2' },
        { kind: 'leakyRelu', negativeSlope: 0.1, nodeId: 'a2' },
        { kind: 'linear', inFeatures: 4, outFeatures: 2, nodeId: 'fc3' },
        { kind: 'sigmoid', nodeId: 'a3' },
      ],
    };
    const cases = [
      [
        'classifier (softmax folded into cross-entropy)',
        classifier,
        mlps.classifier,
        'cross-entropy',
      ],
      ['regressor (Flatten, Tanh, LeakyReLU, Sigmoid, MSE)', regressor, mlps.regressor, 'mse'],
    ] as const;

    for (const [name, model, ref, loss] of cases) {
      const data =
        'labels' in ref
          ? classificationData(ref.x, ref.labels, 3)
          : regressionData(ref.x, ref.y, ref.inputShape);
      for (const optimizerName of ['sgd', 'adam'] as const) {
        it(`${name} with ${optimizerName}: every step's loss, the final weights and outputs`, async () => {
          const run = ref[optimizerName];
          const result = await trainRun(
            model,
            toParams(run.init),
            data,
            { loss, optimizer: run.optimizer as OptimizerSettings, batchSize: run.batchSize },
            run.epochs,
          );
          expectClose(result.batchLosses, run.stepLosses, 1e-5);
          expectParamsClose(result.params, run.final, 1e-5);
          const outputs = await result.session.predict(data.x, data.count);
          expectClose(outputs, run.outputs.flat(), 1e-5);
        });
      }
    }

    it("the classifier on shuffled batches: PyTorch's DataLoader order for the same seed", async () => {
      const run = mlps.classifier.shuffled;
      const result = await trainRun(
        classifier,
        toParams(run.init),
        classificationData(mlps.classifier.x, mlps.classifier.labels, 3),
        {
          loss: 'cross-entropy',
          optimizer: run.optimizer as OptimizerSettings,
          batchSize: run.batchSize,
          shuffle: true,
          seed: run.shuffleSeed,
        },
        run.epochs,
      );
      // Another order of the same samples would change every step's loss in the first digits.
      expectClose(result.batchLosses, run.stepLosses, 1e-5);
      expectParamsClose(result.params, run.final, 1e-5);
    });
  });

  describe('a small CNN with every convolutional kind, on shuffled batches', () => {
    /**
     * scripts/reference/small_cnn.py's model, each batch norm before its ReLU (`normFirst`) or
     * after it. (Adam trains the second: before a batch norm a bias has gradient 0 but for
     * rounding noise, which Adam's normalised step turns into a random walk that PyTorch itself
     * does not repeat in float64; the script says more.)
     */
    function cnnModel(normFirst: boolean): ModelSpec {
      const bn = { momentum: 0.1, eps: 1e-5 };
      const block = (norm: LayerSpec, act: string): LayerSpec[] =>
        normFirst ? [norm, { kind: 'relu', nodeId: act }] : [{ kind: 'relu', nodeId: act }, norm];
      return {
        inputShape: cnn.inputShape,
        layers: [
          {
            kind: 'conv2d',
            inChannels: 1,
            outChannels: 4,
            kernelSize: 3,
            stride: 1,
            padding: 1,
            nodeId: 'conv1',
          },
          ...block({ kind: 'batchNorm2d', numFeatures: 4, ...bn, nodeId: 'bn1' }, 'act1'),
          { kind: 'maxPool2d', kernelSize: 2, stride: 2, nodeId: 'pool1' },
          {
            kind: 'conv2d',
            inChannels: 4,
            outChannels: 6,
            kernelSize: 3,
            stride: 1,
            padding: 0,
            nodeId: 'conv2',
          },
          ...block({ kind: 'batchNorm2d', numFeatures: 6, ...bn, nodeId: 'bn2' }, 'act2'),
          { kind: 'avgPool2d', kernelSize: 2, stride: 2, nodeId: 'pool2' },
          { kind: 'flatten', nodeId: 'flat' },
          { kind: 'linear', inFeatures: 24, outFeatures: 8, nodeId: 'fc1' },
          ...block({ kind: 'batchNorm1d', numFeatures: 8, ...bn, nodeId: 'bn3' }, 'act3'),
          { kind: 'linear', inFeatures: 8, outFeatures: 3, nodeId: 'fc2' },
        ],
      };
    }
    const data: Dataset = {
      ...classificationData(cnn.x, cnn.labels, 3),
      sampleShape: cnn.inputShape,
    };
    /** PyTorch's layers as ModelParams, batch norm's running statistics included. */
    const params = (layers: readonly (typeof cnn.sgd.init)[number][]): ModelParams =>
      layers.map((l) => {
        const layer: LayerParams = {
          weight: Float32Array.from(l.weight),
          bias: Float32Array.from(l.bias),
        };
        const { runningMean, runningVar } = l;
        return runningMean && runningVar
          ? {
              ...layer,
              runningMean: Float32Array.from(runningMean),
              runningVar: Float32Array.from(runningVar),
            }
          : layer;
      });

    const cases = [
      ['SGD with momentum', cnn.sgd],
      ['Adam, each batch norm after its ReLU', cnn.adam],
    ] as const;
    for (const [name, run] of cases) {
      it(`${name}: PyTorch's losses, parameters, running statistics and eval outputs`, async () => {
        const result = await trainRun(
          cnnModel(run.normFirst),
          params(run.init),
          data,
          {
            loss: 'cross-entropy',
            optimizer: run.optimizer as OptimizerSettings,
            batchSize: run.batchSize,
            shuffle: true,
            seed: run.shuffleSeed,
          },
          run.epochs,
        );
        expect(result.batchLosses).toHaveLength(6 * run.epochs); // five batches of 8, one of 5
        expectClose(result.batchLosses, run.stepLosses, 1e-4);
        expectClose(result.epochLosses, run.epochLosses, 1e-4);
        expect(result.params).toHaveLength(run.final.length);
        run.final.forEach((ref, i) => {
          const actual = result.params[i]!;
          expectClose(actual.weight, ref.weight, 1e-4);
          expectClose(actual.bias, ref.bias, 1e-4);
          if (ref.runningMean && ref.runningVar) {
            expectClose(actual.runningMean ?? [], ref.runningMean, 1e-4);
            expectClose(actual.runningVar ?? [], ref.runningVar, 1e-4);
          }
        });
        // Eval mode: batch norm now normalises with the running statistics.
        const outputs = await result.session.predict(data.x, data.count);
        expectClose(outputs, run.outputs, 1e-4);
      });
    }
  });
  describe('learning-rate schedules and early stopping (scripts/reference/schedules.py)', () => {
    const classifier: ModelSpec = {
      inputShape: [4],
      layers: [
        { kind: 'linear', inFeatures: 4, outFeatures: 5, nodeId: 'fc1' },
        { kind: 'relu', nodeId: 'act' },
        { kind: 'linear', inFeatures: 5, outFeatures: 3, nodeId: 'fc2' },
      ],
    };
    const data = classificationData(schedules.x, schedules.labels, 3);
    const cases = [
      ['StepLR(step_size=2, gamma=0.5) with SGD and momentum', schedules.step, schedules.step.sgd],
      ['StepLR(step_size=2, gamma=0.5) with Adam', schedules.step, schedules.step.adam],
      [
        'CosineAnnealingLR(T_max=3, eta_min=0.001) past its trough',
        schedules.cosine,
        schedules.cosine.sgd,
      ],
    ] as const;
    for (const [name, { schedule }, run] of cases) {
      it(`${name}: each epoch's rate, every step's loss, the final weights`, async () => {
        const result = await trainRun(
          classifier,
          toParams(run.init),
          data,
          {
            loss: 'cross-entropy',
            optimizer: run.optimizer as OptimizerSettings,
            batchSize: run.batchSize,
            schedule: schedule as LrSchedule,
          },
          run.epochs,
        );
        expect(result.epochRates).toEqual(run.rates);
        expectClose(result.batchLosses, run.stepLosses, 1e-5);
        expectParamsClose(result.params, run.final, 1e-5);
      });
    }

    it("early stopping: stops at PyTorch's epoch and ends on its best epoch's weights", async () => {
      const run = schedules.earlyStopping;
      const session = await createSession(
        classifier,
        toParams(run.init),
        classificationData(run.x, run.labels, 3),
        {
          loss: 'cross-entropy',
          optimizer: run.optimizer as OptimizerSettings,
          batchSize: run.batchSize,
          shuffle: false,
          seed: 1,
        },
      );
      const batchLosses: number[] = [];
      const outcome = await new Trainer(session, {
        epochs: run.epochs,
        train: classificationData(run.x, run.labels, 3),
        validation: classificationData(run.valX, run.valLabels, 3),
        earlyStopping: { patience: run.patience },
        onEvent: (event) => {
          if (event.type === 'progress') batchLosses.push(...event.batchLosses);
        },
      }).run();
      expect(outcome).toMatchObject({
        kind: 'completed',
        earlyStop: { epoch: run.stoppedAt, bestEpoch: run.bestEpoch, patience: run.patience },
      });
      expectClose(
        outcome.history.map((r) => r.valLoss!),
        run.valLosses,
        1e-5,
      );
      expectClose(batchLosses, run.stepLosses, 1e-5);
      expectParamsClose(await session.getParams(), run.final, 1e-5);
    });
  });
}

import type {
  Evaluation,
  LayerInsides,
  LossReadout,
  Progress,
  TrainingSession,
  TrainOptions,
} from '../backend';
import { BatchOrder } from '../data/batches';
import { type Dataset, sampleSize } from '../data/dataset';
import { accuracyOf, addToConfusion, argmaxRows, emptyConfusion } from '../metrics';
import { trainedDepth } from '../model/softmaxFold';
import type { ModelParams, ModelSpec } from '../model/spec';
import { insidesOf } from '../train/insides';
import { type LrScheduler, schedulerAt } from '../train/schedule';
import { createLoss, type Loss } from './losses';
import { Network } from './network';
import { createOptimizer, type Optimizer } from './optimizers';
import { gatherRows, gatherTargets } from './targets';

/** Samples per forward pass when evaluating or predicting. */
const CHUNK = 1024;

/**
 * A training run on the CPU reference backend: plain TypeScript, float32 storage, sums in float64.
 * Each `train` step gathers one batch, runs forward, loss, backward and one optimizer step.
 */
export class CpuTrainingSession implements TrainingSession {
  private readonly network: Network;
  private readonly loss: Loss;
  private readonly optimizer: Optimizer;
  private readonly scheduler: LrScheduler;
  private readonly batches: BatchOrder;
  /** Layers the training forward runs: all, or all but a Softmax folded into cross-entropy. */
  private readonly trainDepth: number;
  private readonly inputSize: number;
  private order: Uint32Array = new Uint32Array(0);
  private epoch = 0;
  private step = 0;
  private globalStep = 0;
  private batchLosses: number[] = [];
  private lossSum = 0;
  private lossSamples = 0;
  /** Each layer's output on the last training batch (the arrays, not copies), for `insides`. */
  private lastBatch: { outputs: Float32Array[]; rows: number } | undefined;

  constructor(
    private readonly model: ModelSpec,
    params: ModelParams,
    private readonly data: Dataset,
    options: TrainOptions,
  ) {
    if (sampleSize(data) !== model.inputShape.reduce((a, b) => a * b, 1)) {
      throw new Error(
        `the data's samples [${data.sampleShape}] do not fit the model's input [${model.inputShape}]`,
      );
    }
    this.network = new Network(model, params, options.seed);
    this.loss = createLoss(options.loss);
    this.optimizer = createOptimizer(options.optimizer, this.network.parameters());
    this.scheduler = schedulerAt(options.optimizer.lr, options.schedule, options.firstEpoch ?? 0);
    this.optimizer.lr = this.scheduler.lr;
    this.batches = new BatchOrder(data.count, options.batchSize, options.shuffle, options.seed);
    this.trainDepth = trainedDepth(options.loss, model.layers);
    this.inputSize = sampleSize(data);
  }

  get progress(): Progress {
    return { epoch: this.epoch, step: this.step, stepsPerEpoch: this.batches.stepsPerEpoch };
  }

  get learningRate(): number {
    return this.optimizer.lr;
  }

  async train(steps: number): Promise<number> {
    let done = 0;
    while (done < steps) {
      if (this.step === 0) this.order = this.batches.nextEpoch();
      this.trainBatch();
      done++;
      this.step++;
      this.globalStep++;
      if (this.step === this.batches.stepsPerEpoch) {
        this.epoch++;
        this.step = 0;
        this.scheduler.step();
        this.optimizer.lr = this.scheduler.lr;
        break;
      }
    }
    return done;
  }

  /** One optimizer step: zero_grad, forward, loss, backward, step, as in a PyTorch loop. */
  private trainBatch(): void {
    const { start, size } = this.batches.batch(this.step);
    const x = gatherRows(this.data.x, this.inputSize, this.order, start, size);
    const target = gatherTargets(this.data.targets, this.order, start, size);
    const ctx = { training: true, step: this.globalStep };
    this.optimizer.zeroGrad();
    const outputs: Float32Array[] = [];
    const output = this.network.forward(x, size, ctx, this.trainDepth, outputs);
    this.lastBatch = { outputs, rows: size };
    const { loss, grad } = this.loss.forwardBackward(output, target, size);
    this.network.backward(grad, this.trainDepth);
    this.optimizer.step();
    this.batchLosses.push(loss);
    this.lossSum += loss * size;
    this.lossSamples += size;
  }

  async readLoss(): Promise<LossReadout> {
    const readout = {
      batchLosses: Float32Array.from(this.batchLosses),
      sum: this.lossSum,
      samples: this.lossSamples,
    };
    this.batchLosses = [];
    this.lossSum = 0;
    this.lossSamples = 0;
    return readout;
  }

  async evaluate(data: Dataset): Promise<Evaluation> {
    const all = Uint32Array.from({ length: data.count }, (_, i) => i);
    const { targets } = data;
    const matrix =
      targets.task === 'classification' ? emptyConfusion(targets.classes.length) : undefined;
    const ctx = { training: false, step: this.globalStep };
    let lossSum = 0;
    for (let start = 0; start < data.count; start += CHUNK) {
      const size = Math.min(CHUNK, data.count - start);
      const x = data.x.subarray(start * this.inputSize, (start + size) * this.inputSize);
      const output = this.network.forward(x, size, ctx, this.trainDepth);
      const target = gatherTargets(targets, all, start, size);
      lossSum += this.loss.sampleSum(output, target, size);
      if (matrix && target.task === 'classification') {
        addToConfusion(matrix, target.labels, argmaxRows(output, size, target.classes));
      }
    }
    const loss = data.count === 0 ? Number.NaN : lossSum / data.count;
    if (!matrix) return { loss, count: data.count };
    return { loss, count: data.count, accuracy: accuracyOf(matrix), confusionMatrix: matrix };
  }

  async predict(x: Float32Array, count: number): Promise<Float32Array> {
    const parts: Float32Array[] = [];
    for (let start = 0; start < count; start += CHUNK) {
      const size = Math.min(CHUNK, count - start);
      const chunk = x.subarray(start * this.inputSize, (start + size) * this.inputSize);
      parts.push(this.network.forward(chunk, size, { training: false, step: this.globalStep }));
    }
    const width = count === 0 ? 0 : parts[0]!.length / Math.min(CHUNK, count);
    const out = new Float32Array(count * width);
    parts.forEach((part, i) => {
      out.set(part, i * CHUNK * width);
    });
    return out;
  }

  async insides(): Promise<LayerInsides[]> {
    if (!this.lastBatch) return [];
    const { outputs, rows } = this.lastBatch;
    return insidesOf(this.model, this.network.modelParams(), outputs, rows);
  }

  async getParams(): Promise<ModelParams> {
    return this.network.modelParams();
  }

  async setParams(params: ModelParams): Promise<void> {
    this.network.loadParams(params);
  }

  dispose(): void {
    this.batchLosses = [];
  }
}

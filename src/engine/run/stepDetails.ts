import type { TrainOptions } from '../backend';
import { Linear } from '../cpu/layers';
import { createLoss } from '../cpu/losses';
import { Network } from '../cpu/network';
import { gatherRows, gatherTargets } from '../cpu/targets';
import { BatchOrder } from '../data/batches';
import { type Dataset, sampleSize } from '../data/dataset';
import { trainedDepth } from '../model/softmaxFold';
import type { ModelParams, ModelSpec } from '../model/spec';

/** Rows and columns of a matrix shown on screen; the rest is an ellipsis. */
const SHOWN_ROWS = 5;
const SHOWN_COLS = 6;

/** The top-left corner of a matrix, with its full size. */
export interface MatrixPreview {
  readonly rows: number;
  readonly cols: number;
  readonly shownRows: number;
  readonly shownCols: number;
  /** `[shownRows][shownCols]` row-major. */
  readonly values: number[];
}

/**
 * One optimizer step of a Linear layer, as the first lesson prints it: the batch `X`, `W` and `b`
 * before the step, the predictions and the loss, the gradients, and the change the optimizer made.
 */
export interface StepDetails {
  /** 1-based epoch and step within it of the batch. */
  readonly epoch: number;
  readonly step: number;
  readonly stepsPerEpoch: number;
  readonly batchSize: number;
  /** The Linear node shown (the model's first), and how many Linear layers there are. */
  readonly nodeId: string;
  readonly linearLayers: number;
  /** What the layer received: the batch itself for the first layer. */
  readonly x: MatrixPreview;
  readonly w: MatrixPreview;
  readonly b: MatrixPreview;
  /** The model's outputs as the loss sees them (logits when a final Softmax is folded). */
  readonly predictions: MatrixPreview;
  /** Targets (regression) or class labels as one column (classification). */
  readonly targets: MatrixPreview;
  readonly loss: number;
  readonly dW: MatrixPreview;
  readonly db: MatrixPreview;
  /** W_after - W_before: exactly `-lr * dL/dW` for plain SGD. */
  readonly updateW: MatrixPreview;
  readonly updateB: MatrixPreview;
  readonly lr: number;
  /** Plain SGD, whose update is `-lr * grad`; momentum and Adam scale it differently. */
  readonly rule: 'sgd' | 'sgd-momentum' | 'adam';
}

/** The corner of a row-major `rows x cols` matrix. */
export function preview(values: ArrayLike<number>, rows: number, cols: number): MatrixPreview {
  const shownRows = Math.min(rows, SHOWN_ROWS);
  const shownCols = Math.min(cols, SHOWN_COLS);
  const out: number[] = [];
  for (let r = 0; r < shownRows; r++) {
    for (let c = 0; c < shownCols; c++) out.push(values[r * cols + c]!);
  }
  return { rows, cols, shownRows, shownCols, values: out };
}

/**
 * The sample order of each epoch as the session visits it: the same BatchOrder (and so the same
 * seeded permutations), advanced epoch by epoch, so the worker knows which rows a step used.
 */
export class BatchTracker {
  private readonly order: BatchOrder;
  private epoch = -1;
  private indices: Uint32Array = new Uint32Array(0);

  constructor(count: number, options: Pick<TrainOptions, 'batchSize' | 'shuffle' | 'seed'>) {
    this.order = new BatchOrder(count, options.batchSize, options.shuffle, options.seed);
  }

  /** Sample positions and size of step `step` of epoch `epoch` (both 0-based, never backwards). */
  batch(epoch: number, step: number): { indices: Uint32Array; start: number; size: number } {
    while (this.epoch < epoch) {
      this.indices = this.order.nextEpoch();
      this.epoch++;
    }
    return { indices: this.indices, ...this.order.batch(step) };
  }
}

export interface StepInput {
  readonly model: ModelSpec;
  readonly before: ModelParams;
  readonly after: ModelParams;
  readonly data: Dataset;
  readonly options: TrainOptions;
  readonly batch: { indices: Uint32Array; start: number; size: number };
  /** 0-based epoch and step of the batch, and the global step (Dropout's mask). */
  readonly epoch: number;
  readonly step: number;
  readonly stepsPerEpoch: number;
  readonly globalStep: number;
}

/**
 * Recomputes one training step of the first Linear layer on the CPU reference from the
 * parameters before it: forward, loss, backward (dL/dW = dL/dy^T X, dL/db = sum over the batch of
 * dL/dy), and reads the optimizer's change from the parameters after it.
 */
export function stepDetails(input: StepInput): StepDetails {
  const { model, before, after, data, options, batch } = input;
  const { indices, start, size } = batch;
  const network = new Network(model, before, options.seed);
  const depth = trainedDepth(options.loss, model.layers);
  const ctx = { training: true, step: input.globalStep };
  const first = network.layers.findIndex((l) => l instanceof Linear);
  const layer = network.layers[first] as Linear;
  let y = gatherRows(data.x, sampleSize(data), indices, start, size);
  let layerInput = y;
  for (let i = 0; i < depth; i++) {
    if (i === first) layerInput = y;
    y = network.layers[i]!.forward(y, size, ctx);
  }
  const target = gatherTargets(data.targets, indices, start, size);
  const { loss, grad } = createLoss(options.loss).forwardBackward(y, target, size);
  network.backward(grad, depth);

  const { inFeatures: n, outFeatures: m } = layer;
  const width = y.length / size;
  const targets =
    target.task === 'regression'
      ? preview(target.values, size, target.size)
      : preview(target.labels, size, 1);
  const change = (a: Float32Array, b: Float32Array) => a.map((v, i) => v - b[i]!);
  const { optimizer } = options;
  return {
    epoch: input.epoch + 1,
    step: input.step + 1,
    stepsPerEpoch: input.stepsPerEpoch,
    batchSize: size,
    nodeId: model.layers[first]!.nodeId,
    linearLayers: before.length,
    x: preview(layerInput, size, n),
    w: preview(before[0]!.weight, m, n),
    b: preview(before[0]!.bias, 1, m),
    predictions: preview(y, size, width),
    targets,
    loss,
    dW: preview(layer.weight.grad, m, n),
    db: preview(layer.bias.grad, 1, m),
    updateW: preview(change(after[0]!.weight, before[0]!.weight), m, n),
    updateB: preview(change(after[0]!.bias, before[0]!.bias), 1, m),
    lr: optimizer.lr,
    rule:
      optimizer.type === 'adam'
        ? 'adam'
        : optimizer.momentum > 0 || optimizer.weightDecay > 0
          ? 'sgd-momentum'
          : 'sgd',
  };
}

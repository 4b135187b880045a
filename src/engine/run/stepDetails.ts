import type { TrainOptions } from '../backend';
import { Linear } from '../cpu/layers';
import { createLoss } from '../cpu/losses';
import { Network } from '../cpu/network';
import { gatherRows, gatherTargets } from '../cpu/targets';
import { BatchOrder } from '../data/batches';
import { type Dataset, sampleSize } from '../data/dataset';
import { trainedDepth } from '../model/softmaxFold';
import type { ModelParams, ModelSpec } from '../model/spec';
import { schedulerAt } from '../train/schedule';
import { type MatrixPreview, preview, SHOWN_COLS, varyingColumns } from './matrixPreview';

export type { MatrixPreview } from './matrixPreview';

/**
 * One Linear layer's part of an optimizer step, as the first lesson prints it: what it received,
 * W and b before the step, its output `z = input @ W.T + b`, the gradients, the change the
 * optimizer made and W and b after it. Columns of the input are the ones W's shown columns
 * multiply (`x.colIndex`, the same for W, dL/dW and the update); W's shown rows are the output
 * units whose columns z, b and dL/db show.
 */
export interface LinearStep {
  readonly nodeId: string;
  /** 0-based position among the model's Linear layers. */
  readonly position: number;
  /** The node whose output this layer received; undefined when it received the batch itself. */
  readonly inputFrom: string | undefined;
  readonly x: MatrixPreview;
  readonly w: MatrixPreview;
  readonly b: MatrixPreview;
  readonly z: MatrixPreview;
  /** z is what the loss saw: the layer is the last one trained (a folded Softmax aside). */
  readonly isOutput: boolean;
  readonly dW: MatrixPreview;
  readonly db: MatrixPreview;
  /** W_after - W_before: exactly `-lr * dL/dW` for plain SGD. */
  readonly updateW: MatrixPreview;
  readonly updateB: MatrixPreview;
  readonly wAfter: MatrixPreview;
  readonly bAfter: MatrixPreview;
}

/** One optimizer step, every Linear layer of it, and what the whole model made of the batch. */
export interface StepDetails {
  /** 1-based epoch and step within it of the batch. */
  readonly epoch: number;
  readonly step: number;
  readonly stepsPerEpoch: number;
  readonly batchSize: number;
  /** One sample's shape: `[rows, cols]` of an image names the first layer's input pixels. */
  readonly inputShape: readonly number[];
  /** In model order. */
  readonly layers: readonly LinearStep[];
  /** The network's outputs as the loss sees them (logits when a final Softmax is folded). */
  readonly predictions: MatrixPreview;
  /** Targets (regression) or class labels as one column (classification). */
  readonly targets: MatrixPreview;
  /** The whole model's loss on the batch. */
  readonly loss: number;
  readonly lr: number;
  /** Plain SGD, whose update is `-lr * grad`; momentum and Adam scale it differently. */
  readonly rule: 'sgd' | 'sgd-momentum' | 'adam';
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

const change = (a: Float32Array, b: Float32Array) => a.map((v, i) => v - b[i]!);

/**
 * Recomputes one training step on the CPU reference from the parameters before it: forward
 * (keeping each Linear layer's input and output), loss, backward (per layer dL/dW = dL/dz^T x,
 * dL/db = sum over the batch of dL/dz), and reads the optimizer's change from the parameters
 * after it. Only previews leave: a few rows and columns of each matrix.
 *
 * @example
 * const details = stepDetails({ model, before, after, data, options, batch, ...at });
 * details.layers[1].z; // fc2's output, z = h1 @ W.T + b
 */
export function stepDetails(input: StepInput): StepDetails {
  const { model, before, after, data, options, batch } = input;
  const { indices, start, size } = batch;
  const network = new Network(model, before, options.seed);
  const depth = trainedDepth(options.loss, model.layers);
  const ctx = { training: true, step: input.globalStep };
  // Each Linear layer's place, what it received and what it gave, kept as the forward runs.
  const seen: { index: number; layer: Linear; x: Float32Array; z: Float32Array }[] = [];
  let y = gatherRows(data.x, sampleSize(data), indices, start, size);
  for (let i = 0; i < depth; i++) {
    const layer = network.layers[i]!;
    const x = y;
    y = layer.forward(x, size, ctx);
    if (layer instanceof Linear) seen.push({ index: i, layer, x, z: y });
  }
  const target = gatherTargets(data.targets, indices, start, size);
  const { loss, grad } = createLoss(options.loss).forwardBackward(y, target, size);
  network.backward(grad, depth);

  const layers = seen.map(({ index, layer, x, z }, position): LinearStep => {
    const { inFeatures: n, outFeatures: m } = layer;
    const w0 = before[position]!;
    const w1 = after[position]!;
    const colIndex = varyingColumns(x, size, n);
    // W's rows are output units: as many as z and b show, so that row j of W is column j of z.
    const ofW = { rows: SHOWN_COLS, colIndex };
    return {
      nodeId: model.layers[index]!.nodeId,
      position,
      inputFrom: position === 0 ? undefined : model.layers[index - 1]!.nodeId,
      x: preview(x, size, n, { colIndex }),
      w: preview(w0.weight, m, n, ofW),
      b: preview(w0.bias, 1, m),
      z: preview(z, size, m),
      isOutput: index === depth - 1,
      dW: preview(layer.weight.grad, m, n, ofW),
      db: preview(layer.bias.grad, 1, m),
      updateW: preview(change(w1.weight, w0.weight), m, n, ofW),
      updateB: preview(change(w1.bias, w0.bias), 1, m),
      wAfter: preview(w1.weight, m, n, ofW),
      bAfter: preview(w1.bias, 1, m),
    };
  });

  const targets =
    target.task === 'regression'
      ? preview(target.values, size, target.size)
      : preview(target.labels, size, 1);
  const { optimizer } = options;
  return {
    epoch: input.epoch + 1,
    step: input.step + 1,
    stepsPerEpoch: input.stepsPerEpoch,
    batchSize: size,
    inputShape: model.inputShape,
    layers,
    predictions: preview(y, size, y.length / size),
    targets,
    loss,
    // The rate this step trained with: its epoch's, under a schedule.
    lr: schedulerAt(optimizer.lr, options.schedule, input.epoch).lr,
    rule:
      optimizer.type === 'adam'
        ? 'adam'
        : optimizer.momentum > 0 || optimizer.weightDecay > 0
          ? 'sgd-momentum'
          : 'sgd',
  };
}

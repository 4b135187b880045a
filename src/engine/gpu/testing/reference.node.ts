import type { TrainOptions } from '../../backend';
import { BatchOrder } from '../../data/batches';
import type { Dataset } from '../../data/dataset';
import { dropoutUniform } from '../../model/dropoutHash';
import type { ModelParams, ModelSpec } from '../../model/spec';

/**
 * A float64 reference of training, written from PyTorch's definitions layer by layer with no
 * fusion, to check the GPU's fused kernels against: nn.Linear, the activations, nn.Softmax,
 * F.dropout (mask from model/dropoutHash.ts), nn.MSELoss, nn.CrossEntropyLoss (a final Softmax
 * folded into it), torch.optim.SGD and torch.optim.Adam, DataLoader batching.
 */
export interface Params64 {
  weight: Float64Array;
  bias: Float64Array;
}

export function toParams64(params: ModelParams): Params64[] {
  return params.map((p) => ({
    weight: Float64Array.from(p.weight),
    bias: Float64Array.from(p.bias),
  }));
}

interface Trace {
  /** Input of each layer; the model's output last. */
  acts: Float64Array[];
}

function forward(
  model: ModelSpec,
  params: Params64[],
  x: Float64Array,
  rows: number,
  layers: number,
  mode: { training: boolean; seed: number; step: number },
): Trace {
  const acts = [x];
  let linear = 0;
  for (let L = 0; L < layers; L++) {
    const layer = model.layers[L]!;
    const a = acts[L]!;
    let y: Float64Array;
    if (layer.kind === 'linear') {
      const { weight, bias } = params[linear++]!;
      const I = layer.inFeatures;
      const O = layer.outFeatures;
      y = new Float64Array(rows * O);
      for (let r = 0; r < rows; r++) {
        for (let o = 0; o < O; o++) {
          let s = bias[o]!;
          for (let i = 0; i < I; i++) s += a[r * I + i]! * weight[o * I + i]!;
          y[r * O + o] = s;
        }
      }
    } else if (layer.kind === 'softmax') {
      const W = a.length / rows;
      y = new Float64Array(a.length);
      for (let r = 0; r < rows; r++) {
        const row = a.subarray(r * W, (r + 1) * W);
        const m = Math.max(...row);
        const s = row.reduce((sum, v) => sum + Math.exp(v - m), 0);
        for (let c = 0; c < W; c++) y[r * W + c] = Math.exp(row[c]! - m) / s;
      }
    } else {
      y = a.map((v, i) => elementwise(layer, L, v, i, mode));
    }
    acts.push(y);
  }
  return { acts };
}

type Layer = ModelSpec['layers'][number];

function elementwise(
  layer: Layer,
  L: number,
  v: number,
  i: number,
  mode: { training: boolean; seed: number; step: number },
): number {
  switch (layer.kind) {
    case 'relu':
      return Math.max(v, 0);
    case 'sigmoid':
      return 1 / (1 + Math.exp(-v));
    case 'tanh':
      return Math.tanh(v);
    case 'leakyRelu':
      return v > 0 ? v : v * layer.negativeSlope;
    case 'dropout':
      if (!mode.training) return v;
      return dropoutUniform(mode.seed, L, mode.step, i) < layer.p ? 0 : v / (1 - layer.p);
    default:
      return v;
  }
}

/** The gradient at the input of layer L, from the gradient `dy` at its output. */
function backwardLayer(
  layer: Layer,
  L: number,
  x: Float64Array,
  y: Float64Array,
  dy: Float64Array,
  rows: number,
  param: Params64 | undefined,
  grad: Params64 | undefined,
  step: { seed: number; step: number },
): Float64Array {
  switch (layer.kind) {
    case 'linear': {
      const I = layer.inFeatures;
      const O = layer.outFeatures;
      const dx = new Float64Array(rows * I);
      for (let r = 0; r < rows; r++) {
        for (let o = 0; o < O; o++) {
          const g = dy[r * O + o]!;
          grad!.bias[o]! += g;
          for (let i = 0; i < I; i++) {
            grad!.weight[o * I + i]! += g * x[r * I + i]!;
            dx[r * I + i]! += g * param!.weight[o * I + i]!;
          }
        }
      }
      return dx;
    }
    case 'softmax': {
      const W = y.length / rows;
      const dx = new Float64Array(y.length);
      for (let r = 0; r < rows; r++) {
        let dot = 0;
        for (let c = 0; c < W; c++) dot += dy[r * W + c]! * y[r * W + c]!;
        for (let c = 0; c < W; c++) dx[r * W + c] = y[r * W + c]! * (dy[r * W + c]! - dot);
      }
      return dx;
    }
    case 'relu':
      return dy.map((g, i) => (x[i]! > 0 ? g : 0));
    case 'sigmoid':
      return dy.map((g, i) => g * y[i]! * (1 - y[i]!));
    case 'tanh':
      return dy.map((g, i) => g * (1 - y[i]! * y[i]!));
    case 'leakyRelu':
      return dy.map((g, i) => (x[i]! > 0 ? g : g * layer.negativeSlope));
    case 'dropout':
      return dy.map((g, i) =>
        dropoutUniform(step.seed, L, step.step, i) < layer.p ? 0 : g / (1 - layer.p),
      );
    case 'flatten':
      return dy;
    default:
      // Convolutional layers are checked against the CPU backend (cpuParity.test.ts) instead.
      throw new Error(`${layer.kind} is not in the float64 reference`);
  }
}

/** Loss and its gradient at `out` for a batch: nn.MSELoss or nn.CrossEntropyLoss (mean). */
function lossAndGrad(
  loss: TrainOptions['loss'],
  out: Float64Array,
  rows: number,
  targets: Float64Array,
): { loss: number; grad: Float64Array } {
  const C = out.length / rows;
  const grad = new Float64Array(out.length);
  let total = 0;
  if (loss === 'mse') {
    for (let i = 0; i < out.length; i++) {
      const d = out[i]! - targets[i]!;
      total += d * d;
      grad[i] = (2 * d) / out.length;
    }
    return { loss: total / out.length, grad };
  }
  for (let r = 0; r < rows; r++) {
    const row = out.subarray(r * C, (r + 1) * C);
    const m = Math.max(...row);
    const lse = m + Math.log(row.reduce((s, v) => s + Math.exp(v - m), 0));
    const label = targets[r]!;
    total += lse - row[label]!;
    for (let c = 0; c < C; c++)
      grad[r * C + c] = (Math.exp(row[c]! - lse) - (c === label ? 1 : 0)) / rows;
  }
  return { loss: total / rows, grad };
}

export interface ReferenceRun {
  params: Params64[];
  losses: number[];
}

/** Trains `steps` optimizer steps as PyTorch would, in float64. */
export function referenceTrain(
  model: ModelSpec,
  initial: ModelParams,
  data: Dataset,
  options: TrainOptions,
  steps: number,
): ReferenceRun {
  const params = toParams64(initial);
  const state1 = params.map((p) => ({
    weight: new Float64Array(p.weight.length),
    bias: new Float64Array(p.bias.length),
  }));
  const state2 = params.map((p) => ({
    weight: new Float64Array(p.weight.length),
    bias: new Float64Array(p.bias.length),
  }));
  const F = data.x.length / data.count;
  const fold = options.loss === 'cross-entropy' && model.layers.at(-1)?.kind === 'softmax';
  const layers = model.layers.length - (fold ? 1 : 0);
  // The batches' order is the engine's (BatchOrder, checked against PyTorch itself); the
  // arithmetic is what this reference checks.
  const batches = new BatchOrder(data.count, options.batchSize, options.shuffle, options.seed);
  const losses: number[] = [];
  let order: Uint32Array = new Uint32Array(0);
  for (let t = 0; t < steps; t++) {
    const perEpoch = Math.ceil(data.count / options.batchSize);
    const j = t % perEpoch;
    if (j === 0) order = batches.nextEpoch();
    const idx = order.subarray(
      j * options.batchSize,
      Math.min(data.count, (j + 1) * options.batchSize),
    );
    const rows = idx.length;
    const x = new Float64Array(rows * F);
    idx.forEach((src, r) => {
      x.set(data.x.subarray(src * F, (src + 1) * F), r * F);
    });
    const tg = data.targets;
    const T = tg.task === 'regression' ? tg.size : 1;
    const targets = new Float64Array(rows * T);
    idx.forEach((src, r) => {
      if (tg.task === 'regression') targets.set(tg.values.subarray(src * T, (src + 1) * T), r * T);
      else targets[r] = tg.labels[src]!;
    });
    const mode = { training: true, seed: options.seed, step: t };
    const { acts } = forward(model, params, x, rows, layers, mode);
    const { loss, grad } = lossAndGrad(options.loss, acts[layers]!, rows, targets);
    losses.push(loss);
    const grads = params.map((p) => ({
      weight: new Float64Array(p.weight.length),
      bias: new Float64Array(p.bias.length),
    }));
    let dy = grad;
    let linear = params.length;
    for (let L = layers - 1; L >= 0; L--) {
      const layer = model.layers[L]!;
      if (layer.kind === 'linear') linear--;
      const p = layer.kind === 'linear' ? params[linear] : undefined;
      const g = layer.kind === 'linear' ? grads[linear] : undefined;
      dy = backwardLayer(layer, L, acts[L]!, acts[L + 1]!, dy, rows, p, g, mode);
    }
    params.forEach((p, l) => {
      for (const key of ['weight', 'bias'] as const) {
        optimizerStep(
          options.optimizer,
          t + 1,
          p[key],
          grads[l]![key],
          state1[l]![key],
          state2[l]![key],
        );
      }
    });
  }
  return { params, losses };
}

function optimizerStep(
  opt: TrainOptions['optimizer'],
  t: number,
  p: Float64Array,
  grad: Float64Array,
  m: Float64Array,
  v: Float64Array,
): void {
  for (let i = 0; i < p.length; i++) {
    const g = grad[i]! + opt.weightDecay * p[i]!;
    if (opt.type === 'sgd') {
      m[i] = opt.momentum * m[i]! + g;
      p[i]! -= opt.lr * (opt.momentum !== 0 ? m[i]! : g);
    } else {
      m[i] = opt.beta1 * m[i]! + (1 - opt.beta1) * g;
      v[i] = opt.beta2 * v[i]! + (1 - opt.beta2) * g * g;
      const denom = Math.sqrt(v[i]!) / Math.sqrt(1 - opt.beta2 ** t) + opt.eps;
      p[i]! -= (opt.lr / (1 - opt.beta1 ** t)) * (m[i]! / denom);
    }
  }
}

/** Float64 outputs of the model in evaluation mode (dropout off, every layer applied). */
export function referencePredict(
  model: ModelSpec,
  params: Params64[],
  x: Float32Array,
  count: number,
): Float64Array {
  const { acts } = forward(model, params, Float64Array.from(x), count, model.layers.length, {
    training: false,
    seed: 0,
    step: 0,
  });
  return acts[model.layers.length]!;
}

/**
 * TensorFlow.js 4.22 contenders: the benchmark's model (data.ts, PyTorch's layers) as a
 * `tf.sequential` of tf.layers in TF.js's natural layout (channels last), from the same initial
 * parameters, trained by `optimizer.minimize` over batches sliced once up front, so the data stays
 * resident as tensors on the backend. `model.fit` was slower here (per-batch callbacks and loss
 * reads): about 2,300 against 4,200 samples/s on webgl, 1,500 against 2,100 on cpu for the MLP.
 */
import * as tf from '@tensorflow/tfjs';
import type { LayerOf, LayerParams, ModelParams, ModelSpec } from '../src/engine/model/spec';
import { CLASSES, initialParams, MODELS, makeData } from './data';
import { type BenchOptions, type KernelRow, progress, type Trainer } from './harness';

export type TfjsBackend = 'webgpu' | 'webgl' | 'cpu';

async function startBackend(name: TfjsBackend): Promise<void> {
  // The webgpu backend is a separate package that registers itself when imported.
  if (name === 'webgpu') await import('@tensorflow/tfjs-backend-webgpu');
  if (!(await tf.setBackend(name))) throw new Error(`TF.js could not start its ${name} backend`);
  await tf.ready();
}

/** A PyTorch shape without the batch, `[C, H, W]` for images, in TF.js's layout `[H, W, C]`. */
function channelsLast(shape: readonly number[]): number[] {
  return shape.length === 3 ? [shape[1]!, shape[2]!, shape[0]!] : [...shape];
}

/** TF.js's layout `[H, W, C]` back to PyTorch's `[C, H, W]`. */
function channelsFirst(shape: readonly number[]): number[] {
  return shape.length === 3 ? [shape[2]!, shape[0]!, shape[1]!] : [...shape];
}

/** nn.Conv2d's padding as TF.js's: none is 'valid'; (k - 1) / 2 at stride 1 keeps the size, 'same'. */
function tfPadding({ padding, kernelSize, stride, nodeId }: LayerOf<'conv2d'>): 'valid' | 'same' {
  if (padding === 0) return 'valid';
  if (stride === 1 && 2 * padding === kernelSize - 1) return 'same';
  throw new Error(
    `${nodeId}: TF.js has no padding ${padding} for a ${kernelSize} x ${kernelSize} kernel`,
  );
}

/**
 * A Linear's weight `[out][in]` as TF.js's dense kernel `[in][out]`, where `in` flattens `source`
 * (PyTorch's shape before the Flatten): PyTorch flattens `[C, H, W]` in (c, h, w) order, TF.js
 * its `[H, W, C]` in (h, w, c) order, so the rows are permuted along with the transpose.
 */
function denseKernel(p: LayerParams, out: number, source: readonly number[]): tf.Tensor {
  return tf.tidy(() => {
    const weight = tf.tensor(p.weight, [out, ...source]);
    const perm =
      source.length === 3 ? [2, 3, 1, 0] : [...source.keys()].map((i) => i + 1).concat(0);
    return weight.transpose(perm).reshape([p.weight.length / out, out]);
  });
}

/**
 * `spec` with `params` (PyTorch's layout) as tf.layers: conv2d with the matching padding,
 * batchNormalization with TF.js's momentum 1 - PyTorch's (its moving averages keep that fraction)
 * and the same epsilon (its moving variance follows the biased batch variance, PyTorch's the
 * unbiased one: only evaluation would tell), maxPooling2d, flatten, dense; a ReLU right after a
 * Linear or a Conv2d becomes that layer's activation, as a TF.js user writes it (and TF.js fuses).
 */
function buildModel(spec: ModelSpec, params: ModelParams): tf.Sequential {
  const model = tf.sequential();
  const tensors = [...params];
  const nextParams = (nodeId: string) => {
    const p = tensors.shift();
    if (!p) throw new Error(`${nodeId}: no parameters`);
    return p;
  };
  const add = (layer: tf.layers.Layer, weights: tf.Tensor[] = []) => {
    model.add(layer);
    if (weights.length > 0) layer.setWeights(weights);
    tf.dispose(weights);
  };
  /** PyTorch's shape that the last Flatten took, until a Linear consumes it. */
  let unflattened: number[] | undefined;
  const { layers } = spec;
  for (let i = 0; i < layers.length; i++) {
    const layer = layers[i]!;
    const first = i === 0 ? { inputShape: channelsLast(spec.inputShape) } : {};
    const activation =
      layers[i + 1]?.kind === 'relu' && (layer.kind === 'linear' || layer.kind === 'conv2d')
        ? ('relu' as const)
        : undefined;
    if (activation) i++;
    switch (layer.kind) {
      case 'conv2d': {
        const { weight, bias } = nextParams(layer.nodeId);
        const [o, c, k] = [layer.outChannels, layer.inChannels, layer.kernelSize];
        const options = { filters: o, kernelSize: k, strides: layer.stride, activation };
        add(tf.layers.conv2d({ ...first, ...options, padding: tfPadding(layer) }), [
          // PyTorch's [out][in][kh][kw] as TF.js's [kh][kw][in][out].
          tf.tidy(() => tf.tensor4d(weight, [o, c, k, k]).transpose([2, 3, 1, 0])),
          tf.tensor1d(bias),
        ]);
        break;
      }
      case 'batchNorm2d': {
        const { weight, bias, runningMean, runningVar } = nextParams(layer.nodeId);
        if (!runningMean || !runningVar) throw new Error(`${layer.nodeId}: no running statistics`);
        const options = { axis: -1, momentum: 1 - layer.momentum, epsilon: layer.eps };
        add(tf.layers.batchNormalization({ ...first, ...options }), [
          tf.tensor1d(weight),
          tf.tensor1d(bias),
          tf.tensor1d(runningMean),
          tf.tensor1d(runningVar),
        ]);
        break;
      }
      case 'relu':
        add(tf.layers.reLU(first));
        break;
      case 'maxPool2d':
        add(
          tf.layers.maxPooling2d({ ...first, poolSize: layer.kernelSize, strides: layer.stride }),
        );
        break;
      case 'flatten':
        unflattened =
          i === 0 ? [...spec.inputShape] : channelsFirst((model.outputShape as number[]).slice(1));
        add(tf.layers.flatten(first));
        break;
      case 'linear': {
        const p = nextParams(layer.nodeId);
        const source = unflattened ?? [layer.inFeatures];
        unflattened = undefined;
        add(tf.layers.dense({ ...first, units: layer.outFeatures, activation }), [
          denseKernel(p, layer.outFeatures, source),
          tf.tensor1d(p.bias),
        ]);
        break;
      }
      default:
        throw new Error(`the TF.js contenders have no ${layer.kind} layer`);
    }
  }
  return model;
}

/** Steps profiled with `--profile`; each kernel counts its least time of them (load only adds). */
const PROFILE_STEPS = 3;

/**
 * How `tf.profile` times each kernel on `backend` (tfjs-core's profiler.ts), or undefined when it
 * cannot: TF.js's webgpu backend reports 0 without the `timestamp-query` feature.
 */
function profileMethod(backend: TfjsBackend): string | undefined {
  if (backend === 'cpu') return 'tf.profile, wall clock';
  if (backend === 'webgl') {
    return tf.env().getNumber('WEBGL_DISJOINT_QUERY_TIMER_EXTENSION_RELIABLE') > 0
      ? 'tf.profile, WebGL query timers'
      : 'tf.profile, wall clock with a readback after each kernel';
  }
  const timestamps = (tf.backend() as unknown as { supportTimestampQuery?: boolean })
    .supportTimestampQuery;
  return timestamps ? 'tf.profile, GPU timestamps around each program' : undefined;
}

/** A TF.js trainer on `backend`, with the batches already on the device. */
export async function createTfjsTrainer(
  backend: TfjsBackend,
  options: BenchOptions,
): Promise<Trainer> {
  await startBackend(backend);
  const spec = MODELS[options.model];
  const model = buildModel(spec, initialParams(options.model, options.seed));
  const data = makeData(options.samples, options.seed);
  // One channel: PyTorch's [1, 28, 28] and TF.js's [28, 28, 1] hold a sample's pixels in the
  // same order, so the rows go in as they are.
  const sampleShape = channelsLast(spec.inputShape);
  const inputs = data.x.length / data.count;
  const batches: { x: tf.Tensor; y: tf.Tensor2D }[] = [];
  for (let start = 0; start < data.count; start += options.batchSize) {
    const end = Math.min(start + options.batchSize, data.count);
    const x = tf.tensor(data.x.subarray(start * inputs, end * inputs), [
      end - start,
      ...sampleShape,
    ]);
    const y = tf.tidy(() =>
      tf.oneHot(tf.tensor1d(data.labels.subarray(start, end), 'int32'), CLASSES),
    );
    batches.push({ x, y: y as tf.Tensor2D });
  }
  // SGD without momentum: p -= lr * grad, as torch.optim.SGD(lr=...); Adam with PyTorch's
  // defaults (TF.js's own epsilon is 1e-7).
  const optimizer =
    options.optimizer === 'adam'
      ? tf.train.adam(options.lr, 0.9, 0.999, 1e-8)
      : tf.train.sgd(options.lr);
  let next = 0;
  let lastLoss: tf.Scalar | null = null;
  const step = () => {
    const batch = batches[next]!;
    next = (next + 1) % batches.length;
    // Training mode: batch norm normalises by the batch and updates its moving averages.
    // softmaxCrossEntropy takes logits and averages over the batch, as F.cross_entropy.
    const loss = optimizer.minimize(() => {
      const logits = model.apply(batch.x, { training: true }) as tf.Tensor2D;
      return tf.losses.softmaxCrossEntropy(batch.y, logits);
    }, true);
    lastLoss?.dispose();
    lastLoss = loss;
  };
  const notes = [`TF.js ${tf.version.tfjs}, backend ${tf.getBackend()}, optimizer.minimize`];
  if (options.model === 'cnn') notes.push('channels last (NHWC)');
  return {
    notes,
    async run(steps) {
      for (let i = 0; i < steps; i++) step();
    },
    async sync() {
      return lastLoss ? ((await lastLoss.data())[0] ?? Number.NaN) : Number.NaN;
    },
    async profile() {
      const method = profileMethod(backend);
      if (!method) {
        notes.push('no time per kernel: TF.js needs timestamp-query on this adapter');
        return undefined;
      }
      // Each kernel's calls in one step, summed; the least sum of PROFILE_STEPS steps.
      const rows = new Map<string, { calls: number; ms: number }>();
      for (let s = 0; s < PROFILE_STEPS; s++) {
        const { kernels } = await tf.profile(() => step());
        progress();
        const sums = new Map<string, { calls: number; ms: number }>();
        for (const { name, kernelTimeMs } of kernels) {
          // A custom gradient's scope (`fusedConv2d__op`) is listed too, around its kernels.
          if (!tf.getKernel(name, tf.getBackend())) continue;
          if (typeof kernelTimeMs !== 'number') {
            notes.push(`no time per kernel: ${JSON.stringify(kernelTimeMs)}`);
            return undefined;
          }
          const sum = sums.get(name) ?? { calls: 0, ms: 0 };
          sums.set(name, { calls: sum.calls + 1, ms: sum.ms + kernelTimeMs });
        }
        for (const [name, sum] of sums) {
          const best = rows.get(name);
          rows.set(name, best && best.ms <= sum.ms ? best : sum);
        }
      }
      const kernels: KernelRow[] = [...rows].map(([name, { calls, ms }]) => ({
        name: calls > 1 ? `${name} x${calls}` : name,
        ms,
      }));
      return { method: `${method}; each kernel's calls in a step summed`, kernels };
    },
    dispose() {
      lastLoss?.dispose();
      for (const b of batches) tf.dispose([b.x, b.y]);
      optimizer.dispose();
      model.dispose();
    },
  };
}

/**
 * The benchmark's workloads, shared by every contender so that they train the same model from the
 * same initial parameters on the same numbers: the 784-128-10 MLP or the CNN lesson's network, on
 * Fashion-MNIST-shaped random data. The models are written as the engine's ModelSpec (PyTorch's
 * layers and layout); the TF.js contenders translate them (tfjs.ts).
 */
import { initParams } from '../src/engine/model/init';
import type { ModelParams, ModelSpec } from '../src/engine/model/spec';
import { MT19937 } from '../src/engine/random';
import type { BenchModel } from './harness';

export const IMAGE_SHAPE = [28, 28] as const;
export const INPUTS = 784;
export const CLASSES = 10;

/** nn.Sequential(nn.Flatten(), nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10)). */
const MLP: ModelSpec = {
  inputShape: [...IMAGE_SHAPE],
  layers: [
    { kind: 'flatten', nodeId: 'flatten' },
    { kind: 'linear', inFeatures: INPUTS, outFeatures: 128, nodeId: 'fc1' },
    { kind: 'relu', nodeId: 'relu' },
    { kind: 'linear', inFeatures: 128, outFeatures: CLASSES, nodeId: 'fc2' },
  ],
};

/** nn.Conv2d(inChannels, outChannels, 3, padding=1), nn.BatchNorm2d(outChannels), nn.ReLU(), nn.MaxPool2d(2). */
function convBlock(n: number, inChannels: number, outChannels: number): ModelSpec['layers'] {
  return [
    {
      kind: 'conv2d',
      inChannels,
      outChannels,
      kernelSize: 3,
      stride: 1,
      padding: 1,
      nodeId: `conv${n}`,
    },
    { kind: 'batchNorm2d', numFeatures: outChannels, momentum: 0.1, eps: 1e-5, nodeId: `bn${n}` },
    { kind: 'relu', nodeId: `relu${n}` },
    { kind: 'maxPool2d', kernelSize: 2, stride: 2, nodeId: `pool${n}` },
  ];
}

/**
 * The CNN lesson's network (resources/examples/cnn.layerboard.json), channels first as PyTorch:
 * [1, 28, 28] -> two conv blocks -> [32, 7, 7] -> Flatten -> Linear(1568, 128) -> ReLU ->
 * Linear(128, 10).
 */
const CNN: ModelSpec = {
  inputShape: [1, ...IMAGE_SHAPE],
  layers: [
    ...convBlock(1, 1, 16),
    ...convBlock(2, 16, 32),
    { kind: 'flatten', nodeId: 'flatten' },
    { kind: 'linear', inFeatures: 32 * 7 * 7, outFeatures: 128, nodeId: 'fc1' },
    { kind: 'relu', nodeId: 'relu3' },
    { kind: 'linear', inFeatures: 128, outFeatures: CLASSES, nodeId: 'fc2' },
  ],
};

export const MODELS: Record<BenchModel, ModelSpec> = { mlp: MLP, cnn: CNN };

/**
 * PyTorch's default initialisation of `model` after `torch.manual_seed(seed)` (the engine's
 * initParams): every contender starts from these tensors.
 */
export function initialParams(model: BenchModel, seed: number): ModelParams {
  return initParams(MODELS[model], seed);
}

/** The same seeded samples for every contender: pixels in [0, 1), labels in [0, 10). */
export interface BenchData {
  readonly count: number;
  /** `[count][784]` row-major: one 28 x 28 image a row (one channel, so also `[count][1][28][28]`). */
  readonly x: Float32Array;
  readonly labels: Int32Array;
}

export function makeData(count: number, seed: number): BenchData {
  const rng = new MT19937(seed);
  const x = new Float32Array(count * INPUTS);
  for (let i = 0; i < x.length; i++) x[i] = rng.nextFloat24();
  const labels = new Int32Array(count);
  for (let i = 0; i < count; i++) labels[i] = rng.nextInt(CLASSES);
  return { count, x, labels };
}

import type { OptimizerSettings } from '../../shared/project';
import { layerShapes, trainableCount } from './layers';
import { shapeSize } from './shapeText';
import type { ModelSpec } from './spec';

/**
 * The memory one training run may take: 2 GiB, about what a browser tab can hold for it (and the
 * command line keeps to the same, so that a project trains alike everywhere).
 */
export const TRAINING_MEMORY_LIMIT = 2 * 1024 ** 3;

const MB = 1024 ** 2;

/** `1.2 GB`, `230 MB`, `4.5 MB`, `940 KB`: bytes as people read them (binary units, as the OS). */
export function bytesText(bytes: number): string {
  if (bytes >= 1024 * MB) return `${(bytes / (1024 * MB)).toFixed(1)} GB`;
  if (bytes >= MB) return `${(bytes / MB).toFixed(bytes < 10 * MB ? 1 : 0)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

const count = (n: number) => n.toLocaleString('en-US');

/** What training a model holds in memory at once, each part in float32 values. */
export interface TrainingMemory {
  /** Trainable values: every weight and bias. */
  readonly parameters: number;
  /** Copies of the parameters training keeps: the weights, their gradients, optimizer state. */
  readonly copies: number;
  /** "weights, gradients and Adam's two moments". */
  readonly copiesText: string;
  /** Values of every layer's output at one sample (a batch holds `batchSize` of them). */
  readonly valuesPerSample: number;
  readonly batchSize: number;
  /** Bytes of the parameters and their copies, and of the batch's activations. */
  readonly parameterBytes: number;
  readonly activationBytes: number;
  readonly totalBytes: number;
}

/**
 * The memory a training step needs, by PyTorch's accounting: the parameters, their gradients and
 * the optimizer's state (SGD with momentum keeps one buffer, Adam two moments), plus each layer's
 * output, its gradient and (for a Linear followed by an activation) its pre-activation at every
 * sample of a batch. The dataset is apart: it is checked against the device when it is loaded.
 *
 * @example
 * trainingMemory(mlp, { batchSize: 128, optimizer: adam }).totalBytes; // 2.9 MB for 784-256-128-10
 */
export function trainingMemory(
  model: ModelSpec,
  training: { readonly batchSize: number; readonly optimizer: OptimizerSettings },
  rows?: number,
): TrainingMemory {
  const shapes = layerShapes(model);
  let parameters = 0;
  let valuesPerSample = 0;
  model.layers.forEach((layer, i) => {
    parameters += trainableCount(layer);
    valuesPerSample += shapeSize(shapes[i + 1]!);
  });
  const { optimizer } = training;
  // A batch is never larger than the data: 60,000 rows take 60,000 at a batch size of 1,000,000.
  const batchSize = Math.min(training.batchSize, rows ?? training.batchSize);
  const state = optimizer.type === 'adam' ? 2 : optimizer.momentum !== 0 ? 1 : 0;
  const copies = 2 + state;
  const copiesText =
    optimizer.type === 'adam'
      ? "weights, gradients and Adam's two moments"
      : state === 1
        ? 'weights, gradients and momentum'
        : 'weights and gradients';
  const parameterBytes = parameters * copies * 4;
  // Output, gradient and pre-activation of each layer: three values per output value at most.
  const activationBytes = batchSize * valuesPerSample * 3 * 4;
  return {
    parameters,
    copies,
    copiesText,
    valuesPerSample,
    batchSize,
    parameterBytes,
    activationBytes,
    totalBytes: parameterBytes + activationBytes,
  };
}

/**
 * Why the model cannot be trained here, with the arithmetic, or undefined when it fits the
 * TRAINING_MEMORY_LIMIT. Checked at compile, before anything is allocated.
 */
export function memoryProblem(memory: TrainingMemory): string | undefined {
  if (memory.totalBytes <= TRAINING_MEMORY_LIMIT) return undefined;
  const m = memory;
  const fix =
    m.parameterBytes >= m.activationBytes
      ? 'make the widest layers narrower'
      : 'use a smaller batch size or narrower layers';
  return `this model needs ${bytesText(m.totalBytes)} to train, more than the ${bytesText(TRAINING_MEMORY_LIMIT)} Layerboard trains in: ${count(m.parameters)} parameters x 4 bytes x ${m.copies} (${m.copiesText}) = ${bytesText(m.parameterBytes)}, plus the activations of a batch, ${count(m.batchSize)} x ${count(m.valuesPerSample)} values x 3 (outputs, gradients, pre-activations) x 4 bytes = ${bytesText(m.activationBytes)}: ${fix}`;
}

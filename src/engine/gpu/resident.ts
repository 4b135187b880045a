import type { LossName } from '../../shared/project';
import { type Dataset, sampleSize } from '../data/dataset';
import { InputError } from '../errors';
import type { BufferPool } from './bufferPool';

/** A dataset uploaded once: its samples and targets stay on the GPU for the whole run. */
export interface ResidentData {
  readonly count: number;
  readonly x: GPUBuffer;
  /** Class indices as u32 (cross-entropy) or target values as f32 (MSE). */
  readonly targets: GPUBuffer;
  /** Classes, for a classification dataset. */
  readonly classes?: number;
}

/** Usage of every storage buffer (a function: GPUBufferUsage exists only once WebGPU is set up). */
export function storageUsage(): GPUBufferUsageFlags {
  return GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC;
}

/** A pooled storage buffer holding `data`. */
export function uploadArray(
  device: GPUDevice,
  pool: BufferPool,
  data: Float32Array | Uint32Array,
  label: string,
): GPUBuffer {
  const buffer = pool.acquire(data.byteLength, storageUsage(), label);
  device.queue.writeBuffer(buffer, 0, data.buffer, data.byteOffset, data.byteLength);
  return buffer;
}

/**
 * Checks that `data` fits the model and the loss (the same checks the CPU backend makes, in
 * words for the user) and uploads it.
 */
export function uploadDataset(
  device: GPUDevice,
  pool: BufferPool,
  data: Dataset,
  inputs: number,
  outputs: number,
  loss: LossName,
): ResidentData {
  if (data.count < 1) throw new InputError(`dataset ${data.name} has no samples`);
  if (sampleSize(data) !== inputs) {
    throw new InputError(
      `dataset ${data.name} has ${sampleSize(data)} values a sample, the model takes ${inputs}`,
    );
  }
  const limit = device.limits.maxStorageBufferBindingSize;
  if (data.x.byteLength > limit) {
    throw new InputError(
      `dataset ${data.name} needs ${data.x.byteLength} bytes on the GPU, this one binds at most ${limit}: use the CPU backend`,
    );
  }
  const t = data.targets;
  let targets: Float32Array | Uint32Array;
  if (loss === 'cross-entropy') {
    if (t.task !== 'classification') {
      throw new InputError(
        'cross-entropy needs class labels: this dataset has numeric targets, use MSE',
      );
    }
    if (t.classes.length > outputs) {
      throw new InputError(
        `the model has ${outputs} outputs for ${t.classes.length} classes: give the last Linear ${t.classes.length} outputs`,
      );
    }
    targets = new Uint32Array(t.labels.buffer, t.labels.byteOffset, t.labels.length);
  } else {
    if (t.task !== 'regression') {
      throw new InputError(
        'MSE needs numeric targets: this dataset has class labels, use cross-entropy',
      );
    }
    if (t.size !== outputs) {
      throw new InputError(`the model has ${outputs} outputs for ${t.size} target columns`);
    }
    targets = t.values;
  }
  return {
    count: data.count,
    x: uploadArray(device, pool, data.x, `${data.name} x`),
    targets: uploadArray(device, pool, targets, `${data.name} targets`),
    ...(t.task === 'classification' ? { classes: t.classes.length } : {}),
  };
}

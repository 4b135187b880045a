import type { LossName } from '../../shared/project';
import type { TargetBatch } from './targets';

export interface LossResult {
  /** The batch's mean loss (PyTorch's reduction='mean'), rounded to float32 as torch reports it. */
  readonly loss: number;
  /** dL/doutput for that mean. */
  readonly grad: Float32Array;
}

/**
 * A loss on a batch of model outputs. `sampleSum` adds up per-sample losses so that means over
 * several chunks combine exactly: the mean over a dataset is sampleSum / count.
 */
export interface Loss {
  forwardBackward(output: Float32Array, target: TargetBatch, batch: number): LossResult;
  sampleSum(output: Float32Array, target: TargetBatch, batch: number): number;
}

function regression(target: TargetBatch) {
  if (target.task !== 'regression') throw new Error('MSE needs regression targets');
  return target;
}

function classification(target: TargetBatch) {
  if (target.task !== 'classification') throw new Error('cross-entropy needs class labels');
  return target;
}

/**
 * nn.MSELoss(): L = sum (y - t)^2 / N over all N = batch x outputs elements, so
 * dL/dy = 2 (y - t) / N. A sample's loss is its mean over its outputs.
 */
export const mseLoss: Loss = {
  forwardBackward(output, target, batch) {
    const t = regression(target).values;
    const n = batch * regression(target).size;
    const grad = new Float32Array(n);
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const d = output[i]! - t[i]!;
      sum += d * d;
      grad[i] = (2 * d) / n;
    }
    return { loss: Math.fround(sum / n), grad };
  },
  sampleSum(output, target) {
    const { values: t, size } = regression(target);
    let sum = 0;
    for (let i = 0; i < t.length; i++) {
      const d = output[i]! - t[i]!;
      sum += d * d;
    }
    return sum / size;
  },
};

/** log sum_j e^(z_j), stably: max + log sum_j e^(z_j - max). */
function logSumExp(z: Float32Array, offset: number, k: number): number {
  let max = -Infinity;
  for (let i = 0; i < k; i++) max = Math.max(max, z[offset + i]!);
  let sum = 0;
  for (let i = 0; i < k; i++) sum += Math.exp(z[offset + i]! - max);
  return max + Math.log(sum);
}

/**
 * nn.CrossEntropyLoss() on logits z: a sample's loss is -log_softmax(z)[label]
 * = logsumexp(z) - z[label], averaged over the batch; dL/dz = (softmax(z) - onehot(label)) / batch.
 */
export const crossEntropyLoss: Loss = {
  forwardBackward(output, target, batch) {
    const { labels, classes: k } = classification(target);
    const grad = new Float32Array(batch * k);
    let sum = 0;
    for (let s = 0; s < batch; s++) {
      const o = s * k;
      const lse = logSumExp(output, o, k);
      const label = labels[s]!;
      sum += lse - output[o + label]!;
      for (let i = 0; i < k; i++) {
        grad[o + i] = (Math.exp(output[o + i]! - lse) - (i === label ? 1 : 0)) / batch;
      }
    }
    return { loss: Math.fround(sum / batch), grad };
  },
  sampleSum(output, target, batch) {
    const { labels, classes: k } = classification(target);
    let sum = 0;
    for (let s = 0; s < batch; s++)
      sum += logSumExp(output, s * k, k) - output[s * k + labels[s]!]!;
    return sum;
  },
};

export function createLoss(name: LossName): Loss {
  return name === 'mse' ? mseLoss : crossEntropyLoss;
}

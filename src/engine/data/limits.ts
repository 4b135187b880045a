import { bytesText } from '../model/budget';
import { type Dataset, sampleSize } from './dataset';

/**
 * Whether a dataset fits the GPU: its inputs and its targets each go into one storage buffer, which
 * may be at most `maxStorageBufferBindingSize` bytes (a `GPUDevice`'s limit: 128 MiB by default,
 * often 2-4 GiB when requested from the adapter). Returns the message to show when it does not fit,
 * or undefined when it does.
 *
 * @example
 * const problem = checkDeviceLimits(train, device.limits.maxStorageBufferBindingSize);
 * if (problem) throw new InputError(problem);
 */
export function checkDeviceLimits(
  dataset: Dataset,
  maxStorageBufferBindingSize: number,
): string | undefined {
  const inputs = dataset.count * sampleSize(dataset) * 4;
  const targetBytes =
    dataset.targets.task === 'classification'
      ? dataset.count * 4
      : dataset.count * dataset.targets.size * 4;
  const largest = Math.max(inputs, targetBytes);
  if (largest <= maxStorageBufferBindingSize) return undefined;
  const what = inputs >= targetBytes ? 'inputs' : 'targets';
  const rows = Math.floor(maxStorageBufferBindingSize / (largest / dataset.count));
  return `"${dataset.name}" is too large for this GPU: its ${what} take ${bytesText(largest)} (${dataset.count.toLocaleString('en-US')} rows), but the GPU takes at most ${bytesText(maxStorageBufferBindingSize)} in one buffer. Use at most ${rows.toLocaleString('en-US')} rows (or fewer columns), or train on the CPU`;
}

import type { TrainOptions } from '../backend';
import type { ModelParams } from '../model/spec';
import type { BufferPool } from './bufferPool';
import { type ParamLayout, packParams } from './paramLayout';
import { type Stage, stageWidth } from './plan';
import { STEP_RECORD_BYTES } from './programs/step';
import { storageUsage, uploadArray } from './resident';

/** Steps encoded into one command buffer, one submit: each has a 256-byte step record. */
export const STEPS_PER_SUBMIT = 64;
/** Mean losses kept on the GPU between reads (one float a step). */
export const LOSS_SLOTS = 4096;

/** Every buffer a step uses, allocated once: parameters, optimizer state, activations. */
export function allocate(
  device: GPUDevice,
  pool: BufferPool,
  layout: ParamLayout,
  params: ModelParams,
  options: TrainOptions,
  stages: readonly Stage[],
  rows: number,
  count: number,
): Record<string, GPUBuffer> {
  const usage = storageUsage();
  const zeroed = (floats: number, label: string) => {
    const buffer = pool.acquire(floats * 4, usage, label);
    device.queue.writeBuffer(buffer, 0, new Float32Array(buffer.size / 4));
    return buffer;
  };
  const buffers: Record<string, GPUBuffer> = {
    params: uploadArray(device, pool, packParams(layout, params), 'params'),
    grads: zeroed(layout.size, 'grads'),
    losses: pool.acquire(LOSS_SLOTS * 4, usage, 'losses'),
    stepRec: pool.acquire(
      STEPS_PER_SUBMIT * STEP_RECORD_BYTES,
      GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST,
      'step records',
    ),
  };
  const opt = options.optimizer;
  if (opt.type === 'adam' || opt.momentum !== 0) buffers.state1 = zeroed(layout.size, 'state1');
  if (opt.type === 'adam') buffers.state2 = zeroed(layout.size, 'state2');
  if (options.shuffle) buffers.perm = pool.acquire(count * 4, usage, 'permutation');
  stages.forEach((stage, s) => {
    const floats = rows * stageWidth(stage);
    buffers[`out${s}`] = pool.acquire(floats * 4, usage, `stage ${s} output`);
    buffers[`grad${s}`] = pool.acquire(floats * 4, usage, `stage ${s} gradient`);
    if (stage.kind === 'linear' && stage.ops.length > 0) {
      buffers[`pre${s}`] = pool.acquire(floats * 4, usage, `stage ${s} pre-activation`);
    }
  });
  return buffers;
}

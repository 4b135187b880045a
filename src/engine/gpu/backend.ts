import type { Backend } from '../backend';
import { BufferPool } from './bufferPool';
import type { GpuContext } from './device';
import { GpuRunner } from './runner';
import { WebGpuSession } from './session';

/** The WebGPU backend with the pool and pipeline cache it keeps across sessions. */
export interface WebGpuBackend extends Backend {
  readonly name: 'webgpu';
  readonly runner: GpuRunner;
  readonly pool: BufferPool;
}

/**
 * The WebGPU backend on `gpu` (from acquireDevice). Sessions share one pipeline cache, so a
 * second run of the same model compiles nothing.
 *
 * @example
 * const result = await acquireDevice(navigator.gpu);
 * if (result.ok) {
 *   const session = await createWebGpuBackend(result.gpu).createSession(model, params, data, options);
 *   await session.train(100);
 *   const { sum, samples } = await session.readLoss();
 * }
 */
export function createWebGpuBackend(gpu: GpuContext): WebGpuBackend {
  const pool = new BufferPool(gpu.device);
  const runner = new GpuRunner(gpu.device, pool);
  return {
    name: 'webgpu',
    label: gpu.label,
    runner,
    pool,
    createSession: (model, params, data, options) =>
      WebGpuSession.create(runner, pool, model, params, data, options),
  };
}

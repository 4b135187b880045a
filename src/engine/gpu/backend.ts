import type { Backend } from '../backend';
import { BufferPool } from './bufferPool';
import { adapterLabel, type GpuContext, hasQuadSubgroups } from './device';
import { GpuRunner } from './runner';
import { GpuTrainingSession } from './session';
import type { Tuning } from './trainKernels';
import { KernelTuner } from './tuner';

/** The WebGPU backend with the pool and pipeline cache it keeps across sessions. */
export interface WebGpuBackend extends Backend {
  readonly name: 'webgpu';
  readonly runner: GpuRunner;
  readonly pool: BufferPool;
  /** Chooses and remembers the fastest kernel variants on this adapter. */
  readonly tuning: Tuning;
}

/**
 * The WebGPU backend on `gpu` (from acquireDevice). Sessions share one pipeline cache and the
 * tuner's choices, so a second run of the same model compiles and times nothing.
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
  const info = gpu.adapter.info;
  const adapterKey = `${adapterLabel(info)}|${info.vendor}|${info.architecture}|${info.device}`;
  const tuning: Tuning = {
    tuner: new KernelTuner(runner, adapterKey),
    caps: { quadSubgroups: hasQuadSubgroups(gpu) },
  };
  return {
    name: 'webgpu',
    label: gpu.label,
    runner,
    pool,
    tuning,
    createSession: (model, params, data, options) =>
      GpuTrainingSession.create(runner, pool, model, params, data, options, tuning),
  };
}

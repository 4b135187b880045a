import type { Backend } from '../backend';
import { CpuTrainingSession } from './session';

/**
 * The CPU reference backend: the same semantics as the WebGPU one, in plain TypeScript. It is
 * what the tests compare against PyTorch, and the fallback where WebGPU is missing.
 *
 * @example
 * const session = await createCpuBackend().createSession(model, params, data, options);
 * await session.train(10);
 */
export function createCpuBackend(): Backend {
  return {
    name: 'cpu',
    label: 'CPU',
    createSession: async (model, params, data, options) =>
      new CpuTrainingSession(model, params, data, options),
  };
}

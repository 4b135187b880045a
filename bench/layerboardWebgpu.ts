/** Entry of the separately built `layerboard-webgpu` contender (see vite.config.ts). */
import { createWebGpuBackend } from '../src/engine/gpu/backend';
import { acquireDevice } from '../src/engine/gpu/device';
import type { BenchOptions, Trainer } from './harness';
import { createLayerboardTrainer } from './layerboard';

export async function createTrainer(options: BenchOptions): Promise<Trainer> {
  const result = await acquireDevice(navigator.gpu);
  if (!result.ok) throw new Error(result.reason);
  const { device } = result.gpu;
  const backend = createWebGpuBackend(result.gpu);
  // The tuner's pick for each big matmul on this adapter (its log lists the fastest first).
  const tuned = () => {
    const winners = new Map<string, string>();
    for (const { key, id, ms } of backend.tuning.tuner.log) {
      if (!winners.has(key)) winners.set(key, `tuned ${key}: ${id} (${ms.toFixed(2)} ms)`);
    }
    return [...winners.values()];
  };
  const trainer = await createLayerboardTrainer(backend, options, tuned);
  return {
    ...trainer,
    dispose() {
      trainer.dispose();
      device.destroy();
    },
  };
}

/** Entry of the separately built `layerboard-webgpu` contender (see vite.config.ts). */
import { createWebGpuBackend } from '../src/engine/gpu/backend';
import { acquireDevice } from '../src/engine/gpu/device';
import type { BenchOptions, Trainer } from './harness';
import { createLayerboardTrainer } from './layerboard';

export async function createTrainer(options: BenchOptions): Promise<Trainer> {
  const result = await acquireDevice(navigator.gpu);
  if (!result.ok) throw new Error(result.reason);
  const { device } = result.gpu;
  const trainer = await createLayerboardTrainer(createWebGpuBackend(result.gpu), options);
  return {
    ...trainer,
    dispose() {
      trainer.dispose();
      device.destroy();
    },
  };
}

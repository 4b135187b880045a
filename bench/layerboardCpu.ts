/** Entry of the separately built `layerboard-cpu` contender (see vite.config.ts). */
import { createCpuBackend } from '../src/engine/cpu/backend';
import type { BenchOptions, Trainer } from './harness';
import { createLayerboardTrainer } from './layerboard';

export function createTrainer(options: BenchOptions): Promise<Trainer> {
  return createLayerboardTrainer(createCpuBackend(), options);
}

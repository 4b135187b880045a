import type { OptimizerSettings } from '../../../shared/project';
import type { Parameter } from '../layers';
import { Adam } from './adam';
import type { Optimizer } from './optimizer';
import { SGD } from './sgd';

export type { Optimizer } from './optimizer';

/** The optimizer a project's settings ask for, over the given parameters. */
export function createOptimizer(
  settings: OptimizerSettings,
  params: readonly Parameter[],
): Optimizer {
  return settings.type === 'sgd' ? new SGD(params, settings) : new Adam(params, settings);
}

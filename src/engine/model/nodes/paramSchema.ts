import { z } from 'zod';
import { limitsSchema } from '../../../shared/numberLimits';
import type { ParamDescriptor } from './types';

/**
 * The schema of a node kind's parameters, built from its descriptors so the inspector and the
 * compiler cannot disagree. Missing values take the defaults; unknown keys are dropped.
 */
export function paramsSchema<P extends Readonly<Record<string, number>>>(
  descriptors: readonly ParamDescriptor[],
): z.ZodType<P> {
  const shape: Record<string, z.ZodType<number>> = {};
  for (const d of descriptors) shape[d.key] = limitsSchema(d).default(d.default);
  return z.object(shape) as unknown as z.ZodType<P>;
}

/** The default value of every parameter. */
export function defaultsOf<P extends Readonly<Record<string, number>>>(
  descriptors: readonly ParamDescriptor[],
): P {
  return Object.fromEntries(descriptors.map((d) => [d.key, d.default])) as P;
}

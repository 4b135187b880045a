import { z } from 'zod';
import { limitsSchema } from '../../../shared/numberLimits';
import type { ParamDescriptor } from './types';

/**
 * The schema of a node kind's parameters, built from its descriptors so the inspector and the
 * compiler cannot disagree. Missing values take the defaults (or, with `defaultFrom`, another
 * parameter's value, as a pool's stride takes its kernel size); unknown keys are dropped.
 */
export function paramsSchema<P extends Readonly<Record<string, number>>>(
  descriptors: readonly ParamDescriptor[],
): z.ZodType<P> {
  const shape: Record<string, z.ZodType<number | undefined>> = {};
  for (const d of descriptors) {
    shape[d.key] = d.defaultFrom ? limitsSchema(d).optional() : limitsSchema(d).default(d.default);
  }
  const linked = descriptors.filter((d) => d.defaultFrom !== undefined);
  return z.object(shape).transform((values) => {
    const filled: Record<string, number | undefined> = { ...values };
    for (const d of linked) filled[d.key] ??= filled[d.defaultFrom!];
    return filled;
  }) as unknown as z.ZodType<P>;
}

/**
 * The parameters a new node starts with: every parameter's default, except one that follows
 * another (`defaultFrom`), which stays unset so that it keeps following: a new MaxPool2d's stride
 * moves with its kernel size until the student sets it, as `nn.MaxPool2d(3)` has stride 3. The
 * schema fills it in, so a parsed `P` always holds it.
 */
export function defaultsOf<P extends Readonly<Record<string, number>>>(
  descriptors: readonly ParamDescriptor[],
): Partial<P> {
  return Object.fromEntries(
    descriptors.filter((d) => d.defaultFrom === undefined).map((d) => [d.key, d.default]),
  ) as Partial<P>;
}

/** The value a node shows for a parameter: its own, or the one it defaults to. */
export function paramValue(
  descriptors: readonly ParamDescriptor[],
  params: Readonly<Record<string, number>>,
  d: ParamDescriptor,
): number {
  const from = d.defaultFrom && descriptors.find((other) => other.key === d.defaultFrom);
  return params[d.key] ?? (from ? paramValue(descriptors, params, from) : d.default);
}

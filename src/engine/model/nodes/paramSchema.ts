import { z } from 'zod';
import type { ParamDescriptor } from './types';

function rangeText(d: ParamDescriptor): string {
  const kind = d.type === 'int' ? 'a whole number' : 'a number';
  return `${kind} from ${d.min} to ${d.max}${d.maxExclusive ? ' (not included)' : ''}`;
}

/** The zod schema of one parameter, with messages a student can act on. */
function paramSchema(d: ParamDescriptor): z.ZodNumber {
  const expected = `${d.label} must be ${rangeText(d)}`;
  let schema = z.number({ error: expected });
  if (d.type === 'int') schema = schema.int({ error: expected });
  schema = schema.min(d.min, { error: expected });
  return d.maxExclusive
    ? schema.lt(d.max, { error: expected })
    : schema.max(d.max, { error: expected });
}

/**
 * The schema of a node kind's parameters, built from its descriptors so the inspector and the
 * compiler cannot disagree. Missing values take the defaults; unknown keys are dropped.
 */
export function paramsSchema<P extends Readonly<Record<string, number>>>(
  descriptors: readonly ParamDescriptor[],
): z.ZodType<P> {
  const shape: Record<string, z.ZodType<number>> = {};
  for (const d of descriptors) shape[d.key] = paramSchema(d).default(d.default);
  return z.object(shape) as unknown as z.ZodType<P>;
}

/** The default value of every parameter. */
export function defaultsOf<P extends Readonly<Record<string, number>>>(
  descriptors: readonly ParamDescriptor[],
): P {
  return Object.fromEntries(descriptors.map((d) => [d.key, d.default])) as P;
}

import { z } from 'zod';

/**
 * The largest finite float32, (2 - 2^-23) * 2^127. The engine stores every parameter, setting and
 * weight as a float32 (on the GPU as in PyTorch's default dtype), so a larger number would become
 * Infinity there.
 */
export const FLOAT32_MAX = 3.4028234663852886e38;
/** The smallest normal float32, 2^-126: a positive rate or epsilon below it flushes towards 0. */
export const FLOAT32_MIN_NORMAL = 1.1754943508222875e-38;

/**
 * The range a number field accepts. The one home of such limits: the project file's schema, the
 * node parameters' schemas, the app's fields and the command line's messages are all made from
 * these, so they cannot disagree.
 */
export interface NumberLimits {
  /** The field's name as the app shows it: "Learning rate". */
  readonly label: string;
  /** `int`: a whole number. */
  readonly type: 'int' | 'number';
  readonly min: number;
  readonly max: number;
  /** True when `min` itself is not allowed (a learning rate > 0). */
  readonly minExclusive?: boolean;
  /** True when `max` itself is not allowed (Dropout's p < 1). */
  readonly maxExclusive?: boolean;
}

/** `65536`, `65,536`, `3.4e+38`: bounds as people read them. */
function boundText(value: number): string {
  if (Math.abs(value) >= 1e9 || (value !== 0 && Math.abs(value) < 1e-4)) {
    return value.toExponential(1);
  }
  return value.toLocaleString('en-US', { maximumFractionDigits: 6 });
}

/**
 * "a whole number from 1 to 65,536", "a number from 0 to below 1", "a number above 0 and at most
 * 3.4e+38".
 */
export function rangeText(limits: NumberLimits): string {
  const kind = limits.type === 'int' ? 'a whole number' : 'a number';
  const min = boundText(limits.min);
  const max = boundText(limits.max);
  if (limits.minExclusive) {
    return `${kind} above ${min} and ${limits.maxExclusive ? 'below' : 'at most'} ${max}`;
  }
  return `${kind} from ${min} to ${limits.maxExclusive ? 'below ' : ''}${max}`;
}

/** What is wrong with `value` for `limits`, in words a student can act on; undefined when fine. */
export function limitsProblem(limits: NumberLimits, value: number): string | undefined {
  const fits =
    Number.isFinite(value) &&
    (limits.type === 'number' || Number.isInteger(value)) &&
    (limits.minExclusive ? value > limits.min : value >= limits.min) &&
    (limits.maxExclusive ? value < limits.max : value <= limits.max);
  return fits ? undefined : `must be ${rangeText(limits)}`;
}

/** The zod schema of a number within `limits`, its message naming the field and its range. */
export function limitsSchema(limits: NumberLimits): z.ZodType<number> {
  const message = `${limits.label} must be ${rangeText(limits)}`;
  return z.number({ error: message }).refine((v) => limitsProblem(limits, v) === undefined, {
    error: message,
  });
}

/**
 * Why `v` cannot be stored as a float32, or undefined when it can: "1e+39 is not a number a
 * float32 can hold (at most 3.4e+38 in size)". For weights read in bulk, where zod is too slow.
 */
export function float32Problem(v: number): string | undefined {
  if (Math.abs(v) <= FLOAT32_MAX) return undefined;
  return `${v} is not a number a float32 can hold (at most ${FLOAT32_MAX.toExponential(1)} in size)`;
}

/** Any number a float32 holds: the weights of a project, positions on the canvas. */
export const float32Schema = z
  .number({ error: 'expected a number' })
  .refine((v) => Number.isFinite(v) && Math.abs(v) <= FLOAT32_MAX, {
    error: `expected a number a float32 can hold (at most ${FLOAT32_MAX.toExponential(1)} in size)`,
  });

import { float32Problem } from '../../shared/numberLimits';
import { valueText } from '../../shared/parseProject';

import type { NestedNumbers } from '../../shared/project';

export type { NestedNumbers };

/** The names of a layer's tensors, in state_dict order, as project weights and model files hold them. */
export const TENSOR_NAMES = ['weight', 'bias', 'runningMean', 'runningVar'] as const;

/** What does not fit in a nested tensor: the path of the first bad entry and what is wrong. */
export class TensorProblem extends Error {
  override readonly name = 'TensorProblem';
  constructor(
    /** The path below the tensor: `[2][0]`, or `` for the tensor itself. */
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${path}: ${problem}`);
  }
}

/** `[8][1][3][3]`: a shape as the model file's dimension names read. */
export function shapeBrackets(shape: readonly number[]): string {
  return shape.map((n) => `[${n}]`).join('');
}

/**
 * A nested tensor of `shape`, row-major and as float32: each level must have its dimension's
 * length, each value be a number a float32 holds. Throws a TensorProblem at the first misfit,
 * so a message can name the exact entry (`weight[3][0]: expected 3 values but found 2`).
 */
export function flatTensor(values: unknown, shape: readonly number[]): Float32Array {
  const out = new Float32Array(shape.reduce((a, b) => a * b, 1));
  let at = 0;
  const walk = (value: unknown, depth: number, path: string): void => {
    const size = shape[depth]!;
    if (!Array.isArray(value) || value.length !== size) {
      const found = Array.isArray(value) ? `${value.length}` : valueText(value);
      const rest = shape.slice(depth + 1);
      const what =
        rest.length === 0
          ? 'values'
          : rest.length === 1
            ? `rows of ${rest[0]} values`
            : `lists of ${shapeBrackets(rest)}`;
      throw new TensorProblem(path, `expected ${size} ${what} but found ${found}`);
    }
    if (depth === shape.length - 1) {
      for (let i = 0; i < size; i++) {
        const v: unknown = value[i];
        const problem =
          typeof v === 'number' ? float32Problem(v) : `expected a number but found ${valueText(v)}`;
        if (problem) throw new TensorProblem(`${path}[${i}]`, problem);
        out[at++] = v as number;
      }
      return;
    }
    for (let i = 0; i < size; i++) walk(value[i], depth + 1, `${path}[${i}]`);
  };
  walk(values, 0, '');
  return out;
}

/** A flat row-major tensor as nested lists of `shape`, each value through `map`. */
export function nestedTensor(
  flat: Float32Array,
  shape: readonly number[],
  map: (value: number) => number = (v) => v,
): NestedNumbers[] {
  let at = 0;
  const build = (depth: number): NestedNumbers[] => {
    const size = shape[depth]!;
    if (depth === shape.length - 1) {
      const row = Array.from(flat.subarray(at, at + size), map);
      at += size;
      return row;
    }
    return Array.from({ length: size }, () => build(depth + 1));
  };
  return build(0);
}

import { DROPOUT_HASH_WGSL } from '../../model/dropoutHash';
import { f32Literal } from '../program';

/**
 * The elementwise layers, as WGSL snippets (TensorFlow.js's `unary_op_util.ts`): each has a
 * forward expression of `x` and a derivative expression of `x` (its input) and `y` (its output),
 * which is what PyTorch's backward functions use.
 */
export type ElementwiseOp =
  | { readonly kind: 'relu' }
  | { readonly kind: 'sigmoid' }
  | { readonly kind: 'tanh' }
  | { readonly kind: 'leakyRelu'; readonly negativeSlope: number }
  /** `layer` is the Dropout's index in ModelSpec.layers: part of its mask's hash. */
  | { readonly kind: 'dropout'; readonly p: number; readonly layer: number };

interface Snippet {
  /** f32 expression of `x`. */
  readonly forward: string;
  /** d output / d input as an f32 expression of `x` and `y`. */
  readonly derivative: string;
}

/**
 * The table. `i` is the element's flat index in the batch output and `step` the global step:
 * the dropout mask is `dropoutUniform(seed, layer, step, i) >= p` (model/dropoutHash.ts), so the
 * backward pass recomputes it instead of storing it.
 */
function snippet(op: ElementwiseOp): Snippet {
  switch (op.kind) {
    // torch.relu; threshold_backward passes the gradient where the input is > 0.
    case 'relu':
      return { forward: 'max(x, 0.0)', derivative: 'select(0.0, 1.0, x > 0.0)' };
    // torch.sigmoid; sigmoid_backward is grad * y * (1 - y).
    case 'sigmoid':
      return { forward: '1.0 / (1.0 + exp(-x))', derivative: 'y * (1.0 - y)' };
    // tanh through exp(-2|x|), which cannot overflow (WGSL's tanh may give NaN for large |x|
    // on some drivers); tanh_backward is grad * (1 - y^2).
    case 'tanh':
      return {
        forward: 'sign(x) * (1.0 - exp(-2.0 * abs(x))) / (1.0 + exp(-2.0 * abs(x)))',
        derivative: '1.0 - y * y',
      };
    // F.leaky_relu; leaky_relu_backward is grad where x > 0, else grad * negative_slope.
    case 'leakyRelu': {
      const slope = f32Literal(op.negativeSlope);
      return {
        forward: `select(x * ${slope}, x, x > 0.0)`,
        derivative: `select(${slope}, 1.0, x > 0.0)`,
      };
    }
    // F.dropout in training mode: survivors scaled by 1 / (1 - p); p = 1 drops everything.
    case 'dropout': {
      const keep =
        op.p >= 1
          ? '0.0'
          : `select(0.0, ${f32Literal(1 / (1 - op.p))}, dropoutUniform(DROPOUT_SEED, ${op.layer}u, step, i) >= ${f32Literal(op.p)})`;
      return { forward: `x * ${keep}`, derivative: keep };
    }
  }
}

/** Whether `ops` need the step and the dropout hash (so the program binds the step record). */
export function usesStep(ops: readonly ElementwiseOp[]): boolean {
  return ops.some((op) => op.kind === 'dropout');
}

/** A short stable name for `ops`, for shader keys. */
function opsKey(ops: readonly ElementwiseOp[]): string {
  return ops
    .map((op) =>
      op.kind === 'leakyRelu'
        ? `lrelu${op.negativeSlope}`
        : op.kind === 'dropout'
          ? `drop${op.p}@${op.layer}`
          : op.kind,
    )
    .join('-');
}

/** The part of a shader key that `ops` decide: the seed matters only when they drop units. */
export function chainKey(ops: readonly ElementwiseOp[], seed: number): string {
  return usesStep(ops) ? `${opsKey(ops)}@${seed >>> 0}` : opsKey(ops);
}

/**
 * WGSL functions for a chain of elementwise layers applied in order:
 * `${name}(x, i, step)` gives the chain's output, `${name}Grad(x, i, step)` its derivative with
 * respect to `x` (the chain rule: the product of each layer's derivative at its own input).
 * With dropout, the program must also include `dropoutHeaderWgsl`.
 */
export function chainWgsl(name: string, ops: readonly ElementwiseOp[]): string {
  const forward = ops.map((op) => `  x = ${snippet(op).forward};`);
  const backward = ops.map((op) => {
    const s = snippet(op);
    return `  { let y = ${s.forward}; d = d * (${s.derivative}); x = y; }`;
  });
  return `
fn ${name}(x0: f32, i: u32, step: u32) -> f32 {
  var x = x0;
${forward.join('\n')}
  return x;
}
fn ${name}Grad(x0: f32, i: u32, step: u32) -> f32 {
  var x = x0;
  var d = 1.0;
${backward.join('\n')}
  return d;
}
`;
}

/** The dropout hash and the run's seed, once per program, when any of its chains drops units. */
export function dropoutHeaderWgsl(
  seed: number,
  chains: readonly (readonly ElementwiseOp[])[],
): string {
  if (!chains.some(usesStep)) return '';
  return `const DROPOUT_SEED: u32 = ${seed >>> 0}u;\n${DROPOUT_HASH_WGSL}`;
}

/**
 * WGSL for the one chain of a program that has one: chainWgsl(name, ops), preceded by the dropout
 * header when the chain drops units.
 */
export function singleChainWgsl(name: string, ops: readonly ElementwiseOp[], seed: number): string {
  return `${dropoutHeaderWgsl(seed, [ops])}\n${chainWgsl(name, ops)}`;
}

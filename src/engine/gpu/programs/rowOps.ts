import type { Binding, Program } from '../program';
import { chainKey, type ElementwiseOp, singleChainWgsl, usesStep } from './elementwise';
import { itemLaunch, itemMainWgsl } from './itemKernel';
import { prevChainBindings, prevChainFactorWgsl, prevChainWgsl } from './prevChain';
import { preambleWgsl, type RowSource, rowOfWgsl, rowsBindings, STEP_BINDING } from './step';

/**
 * The layers that do not follow a Linear and so cannot ride in its kernel: elementwise layers on
 * the input or after a Softmax, and a Softmax that is not folded into the loss. One invocation
 * per element (elementwise) or per row (softmax).
 */
export interface RowOpSpec {
  readonly name: string;
  readonly rows: number;
  readonly width: number;
  readonly seed: number;
}

/** Elementwise layers applied to `x` (an activation buffer, or the dataset's rows). */
export function elementwiseForward(
  spec: RowOpSpec & { ops: readonly ElementwiseOp[]; input: RowSource },
): Program {
  const stepBound = spec.input !== 'buffer' || usesStep(spec.ops);
  const bindings: Binding[] = [
    ...(stepBound ? [STEP_BINDING] : []),
    ...rowsBindings('x', 'array<f32>', spec.input),
    { name: 'out', kind: 'storage', type: 'array<f32>' },
  ];
  const n = spec.rows * spec.width;
  return {
    name: spec.name,
    shaderKey: `elementwiseForward:${spec.rows}x${spec.width}:${chainKey(spec.ops, spec.seed)}:${spec.input}`,
    ...itemLaunch(n),
    bindings,
    wgsl: () => `${preambleWgsl(bindings)}
${rowOfWgsl(spec.input)}
${singleChainWgsl('act', spec.ops, spec.seed)}
${itemMainWgsl('i', n)}
  let r = i / ${spec.width}u;
  let c = i % ${spec.width}u;
  out[i] = act(x[rowOf(r) * ${spec.width}u + c], i, ${usesStep(spec.ops) ? 'stepRec.t' : '0u'});
}
`,
  };
}

/** dx = dy times the derivative of the elementwise layers at their input x (chain rule). */
export function elementwiseBackward(spec: RowOpSpec & { ops: readonly ElementwiseOp[] }): Program {
  const stepBound = usesStep(spec.ops);
  const bindings: Binding[] = [
    ...(stepBound ? [STEP_BINDING] : []),
    { name: 'x', kind: 'read-only-storage', type: 'array<f32>' },
    { name: 'dy', kind: 'read-only-storage', type: 'array<f32>' },
    { name: 'dx', kind: 'storage', type: 'array<f32>' },
  ];
  const n = spec.rows * spec.width;
  return {
    name: spec.name,
    shaderKey: `elementwiseBackward:${n}:${chainKey(spec.ops, spec.seed)}`,
    ...itemLaunch(n),
    bindings,
    wgsl: () => `${preambleWgsl(bindings)}
${singleChainWgsl('act', spec.ops, spec.seed)}
${itemMainWgsl('i', n)}
  dx[i] = dy[i] * actGrad(x[i], i, ${stepBound ? 'stepRec.t' : '0u'});
}
`,
  };
}

/** nn.Softmax(dim=1): exp(x - max) / sum, one row per invocation. */
export function softmaxForward(spec: RowOpSpec & { input: RowSource }): Program {
  const stepBound = spec.input !== 'buffer';
  const bindings: Binding[] = [
    ...(stepBound ? [STEP_BINDING] : []),
    ...rowsBindings('x', 'array<f32>', spec.input),
    { name: 'out', kind: 'storage', type: 'array<f32>' },
  ];
  const W = spec.width;
  return {
    name: spec.name,
    shaderKey: `softmaxForward:${spec.rows}x${W}:${spec.input}`,
    ...itemLaunch(spec.rows),
    bindings,
    wgsl: () => `${preambleWgsl(bindings)}
${rowOfWgsl(spec.input)}
${itemMainWgsl('r', spec.rows)}
  let src = rowOf(r) * ${W}u;
  var m = x[src];
  for (var c = 1u; c < ${W}u; c++) { m = max(m, x[src + c]); }
  var s = 0.0;
  for (var c = 0u; c < ${W}u; c++) { s += exp(x[src + c] - m); }
  for (var c = 0u; c < ${W}u; c++) { out[r * ${W}u + c] = exp(x[src + c] - m) / s; }
}
`,
  };
}

/**
 * Softmax's backward (PyTorch's softmax_backward_data): dx = y (dy - sum(dy y)), then times the
 * derivative of the elementwise layers fused after the Linear before it, if any (`prevOps`).
 */
export function softmaxBackward(spec: RowOpSpec & { prevOps: readonly ElementwiseOp[] }): Program {
  const bindings: Binding[] = [
    ...(usesStep(spec.prevOps) ? [STEP_BINDING] : []),
    { name: 'y', kind: 'read-only-storage', type: 'array<f32>' },
    { name: 'dy', kind: 'read-only-storage', type: 'array<f32>' },
    ...prevChainBindings(spec.prevOps),
    { name: 'dx', kind: 'storage', type: 'array<f32>' },
  ];
  const W = spec.width;
  return {
    name: spec.name,
    shaderKey: `softmaxBackward:${spec.rows}x${W}:${chainKey(spec.prevOps, spec.seed)}`,
    ...itemLaunch(spec.rows),
    bindings,
    wgsl: () => `${preambleWgsl(bindings)}
${prevChainWgsl(spec.prevOps, spec.seed)}
${itemMainWgsl('r', spec.rows)}
  let base = r * ${W}u;
  var inner = 0.0;
  for (var c = 0u; c < ${W}u; c++) { inner += dy[base + c] * y[base + c]; }
  for (var c = 0u; c < ${W}u; c++) {
    let i = base + c;
    dx[i] = y[i] * (dy[i] - inner)${prevChainFactorWgsl(spec.prevOps)};
  }
}
`,
  };
}

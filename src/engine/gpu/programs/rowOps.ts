import { type Binding, bindingsWgsl, groupsFor, type Program } from '../program';
import {
  chainKey,
  chainWgsl,
  dropoutHeaderWgsl,
  type ElementwiseOp,
  usesStep,
} from './elementwise';
import { PERM_BINDING, type RowSource, rowOfWgsl, STEP_BINDING, STEP_STRUCT_WGSL } from './step';

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

const WORKGROUP = 64;

function inputBindings(source: RowSource): Binding[] {
  const vecless = 'array<f32>';
  return [
    { name: 'x', kind: 'read-only-storage', type: vecless },
    ...(source === 'perm' ? [PERM_BINDING] : []),
  ];
}

/** Elementwise layers applied to `x` (an activation buffer, or the dataset's rows). */
export function elementwiseForward(
  spec: RowOpSpec & { ops: readonly ElementwiseOp[]; input: RowSource },
): Program {
  const stepBound = spec.input !== 'buffer' || usesStep(spec.ops);
  const bindings: Binding[] = [
    ...(stepBound ? [STEP_BINDING] : []),
    ...inputBindings(spec.input),
    { name: 'out', kind: 'storage', type: 'array<f32>' },
  ];
  const n = spec.rows * spec.width;
  return {
    name: spec.name,
    shaderKey: `elementwiseForward:${spec.rows}x${spec.width}:${chainKey(spec.ops, spec.seed)}:${spec.input}`,
    workgroupSize: [WORKGROUP, 1, 1],
    dispatch: [groupsFor(n, WORKGROUP), 1, 1],
    bindings,
    wgsl: () => `${stepBound ? STEP_STRUCT_WGSL : ''}
${bindingsWgsl(bindings)}
${rowOfWgsl(spec.input)}
${dropoutHeaderWgsl(spec.seed, [spec.ops])}
${chainWgsl('act', spec.ops)}
@compute @workgroup_size(${WORKGROUP}, 1, 1)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.x;
  if (i >= ${n}u) { return; }
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
    workgroupSize: [WORKGROUP, 1, 1],
    dispatch: [groupsFor(n, WORKGROUP), 1, 1],
    bindings,
    wgsl: () => `${stepBound ? STEP_STRUCT_WGSL : ''}
${bindingsWgsl(bindings)}
${dropoutHeaderWgsl(spec.seed, [spec.ops])}
${chainWgsl('act', spec.ops)}
@compute @workgroup_size(${WORKGROUP}, 1, 1)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.x;
  if (i >= ${n}u) { return; }
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
    ...inputBindings(spec.input),
    { name: 'out', kind: 'storage', type: 'array<f32>' },
  ];
  const W = spec.width;
  return {
    name: spec.name,
    shaderKey: `softmaxForward:${spec.rows}x${W}:${spec.input}`,
    workgroupSize: [WORKGROUP, 1, 1],
    dispatch: [groupsFor(spec.rows, WORKGROUP), 1, 1],
    bindings,
    wgsl: () => `${stepBound ? STEP_STRUCT_WGSL : ''}
${bindingsWgsl(bindings)}
${rowOfWgsl(spec.input)}
@compute @workgroup_size(${WORKGROUP}, 1, 1)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let r = gid.x;
  if (r >= ${spec.rows}u) { return; }
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
  const chained = spec.prevOps.length > 0;
  const stepBound = usesStep(spec.prevOps);
  const bindings: Binding[] = [
    ...(stepBound ? [STEP_BINDING] : []),
    { name: 'y', kind: 'read-only-storage', type: 'array<f32>' },
    { name: 'dy', kind: 'read-only-storage', type: 'array<f32>' },
    ...(chained ? [{ name: 'pre', kind: 'read-only-storage', type: 'array<f32>' } as const] : []),
    { name: 'dx', kind: 'storage', type: 'array<f32>' },
  ];
  const W = spec.width;
  const chain = chained ? ` * prevActGrad(pre[i], i, ${stepBound ? 'stepRec.t' : '0u'})` : '';
  return {
    name: spec.name,
    shaderKey: `softmaxBackward:${spec.rows}x${W}:${chainKey(spec.prevOps, spec.seed)}`,
    workgroupSize: [WORKGROUP, 1, 1],
    dispatch: [groupsFor(spec.rows, WORKGROUP), 1, 1],
    bindings,
    wgsl: () => `${stepBound ? STEP_STRUCT_WGSL : ''}
${bindingsWgsl(bindings)}
${dropoutHeaderWgsl(spec.seed, [spec.prevOps])}
${chained ? chainWgsl('prevAct', spec.prevOps) : ''}
@compute @workgroup_size(${WORKGROUP}, 1, 1)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let r = gid.x;
  if (r >= ${spec.rows}u) { return; }
  let base = r * ${W}u;
  var inner = 0.0;
  for (var c = 0u; c < ${W}u; c++) { inner += dy[base + c] * y[base + c]; }
  for (var c = 0u; c < ${W}u; c++) {
    let i = base + c;
    dx[i] = y[i] * (dy[i] - inner)${chain};
  }
}
`,
  };
}

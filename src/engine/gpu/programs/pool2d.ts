import { windowOutput } from '../../model/nodes/convArithmetic';
import type { Binding, Program } from '../program';
import { chainKey, type ElementwiseOp, usesStep } from './elementwise';
import { itemLaunch, itemMainWgsl } from './itemKernel';
import { prevChainBindings, prevChainFactorWgsl, prevChainWgsl } from './prevChain';
import { preambleWgsl, type RowSource, rowOfWgsl, rowsBindings, STEP_BINDING } from './step';

/**
 * One nn.MaxPool2d or nn.AvgPool2d as its kernels see it, with PyTorch's defaults otherwise: no
 * padding, no dilation, floor mode (OH = floor((H - k) / stride) + 1), activations NCHW.
 */
export interface Pool2dLayer {
  /** The program's name. */
  readonly name: string;
  /** Samples in the batch. */
  readonly batch: number;
  readonly channels: number;
  readonly inHeight: number;
  readonly inWidth: number;
  readonly kernelSize: number;
  /** nn.MaxPool2d's default is kernelSize; below it the windows overlap. */
  readonly stride: number;
}

export type PoolKind = 'max' | 'avg';

/** The output's height and width. */
export function pool2dOutputSize(layer: Pool2dLayer): { outHeight: number; outWidth: number } {
  const window = { ...layer, padding: 0 };
  return {
    outHeight: windowOutput(layer.inHeight, window),
    outWidth: windowOutput(layer.inWidth, window),
  };
}

function checkPool(layer: Pool2dLayer): void {
  const { batch, channels, inHeight, inWidth, kernelSize, stride } = layer;
  const fields = { batch, channels, inHeight, inWidth, kernelSize, stride };
  for (const [field, value] of Object.entries(fields)) {
    if (!Number.isInteger(value) || value < 1) {
      throw new RangeError(`${layer.name}: ${field} ${value}`);
    }
  }
  const { outHeight, outWidth } = pool2dOutputSize(layer);
  if (outHeight < 1 || outWidth < 1) {
    throw new RangeError(
      `${layer.name}: a ${layer.kernelSize}x${layer.kernelSize} window does not fit ${layer.inHeight}x${layer.inWidth}`,
    );
  }
}

function poolKey(layer: Pool2dLayer): string {
  const { batch, channels, inHeight, inWidth, kernelSize, stride } = layer;
  return `${batch}x${channels}x${inHeight}x${inWidth}k${kernelSize}s${stride}`;
}

/** The sizes as WGSL constants: C channels, IH x IW -> OH x OW, window KS, stride S. */
function poolConstantsWgsl(layer: Pool2dLayer): string {
  const { outHeight, outWidth } = pool2dOutputSize(layer);
  return `const C = ${layer.channels}u;
const IH = ${layer.inHeight}u;
const IW = ${layer.inWidth}u;
const OH = ${outHeight}u;
const OW = ${outWidth}u;
const KS = ${layer.kernelSize}u;
const S = ${layer.stride}u;`;
}

export interface Pool2dForwardSpec extends Pool2dLayer {
  readonly kind: PoolKind;
  /** Where x comes from: an activation buffer, or (first layer) the dataset's rows. */
  readonly input: RowSource;
}

/**
 * Max or average pooling forward, one invocation per output. Max (F.max_pool2d_with_indices)
 * also stores each window's argmax in `indices`, as an index into its H x W plane (PyTorch's
 * `return_indices`), chosen as ATen's CPU kernel and the CPU layer choose it: scan order,
 * `v > max || isnan(v)`, so a tie goes to the first maximum and a NaN wins (the last NaN). The
 * NaN test reads the bits, since WGSL compilers may assume floats are never NaN. Average (F.avg_pool2d) divides
 * the window's sum by k^2.
 *
 * Bindings, in order: `stepRec` (input from the dataset), `x` (`[batch][C][H][W]` or the dataset's
 * rows), `perm` (input 'perm'), `out` (`[batch][C][OH][OW]`), `indices` (max only; u32, one per
 * output).
 *
 * @example
 * pool2dForward({ name: 'pool1', batch: 64, channels: 8, inHeight: 28, inWidth: 28,
 *   kernelSize: 2, stride: 2, kind: 'max', input: 'buffer' });
 */
export function pool2dForward(spec: Pool2dForwardSpec): Program {
  checkPool(spec);
  const { outHeight, outWidth } = pool2dOutputSize(spec);
  const count = spec.batch * spec.channels * outHeight * outWidth;
  const max = spec.kind === 'max';
  const bindings: Binding[] = [
    ...(spec.input !== 'buffer' ? [STEP_BINDING] : []),
    ...rowsBindings('x', 'array<f32>', spec.input),
    { name: 'out', kind: 'storage', type: 'array<f32>' },
    ...(max ? [{ name: 'indices', kind: 'storage', type: 'array<u32>' } as const] : []),
  ];
  const reduce = max
    ? `      let v = x[line + u32(kx)];
      let take = (v > best) | isNan(v);
      best = select(best, v, take);
      arg = select(arg, row + u32(kx), take);`
    : '      sum += x[line + u32(kx)];';
  const result = max
    ? `  out[o] = best;
  indices[o] = arg;`
    : `  out[o] = sum / ${spec.kernelSize ** 2}.0;`;
  return {
    name: spec.name,
    shaderKey: `pool2dForward:${spec.kind}:${poolKey(spec)}:${spec.input}`,
    ...itemLaunch(count),
    bindings,
    wgsl: () => `${preambleWgsl(bindings)}
${poolConstantsWgsl(spec)}
${rowOfWgsl(spec.input)}
fn isNan(v: f32) -> bool { return (bitcast<u32>(v) & 0x7fffffffu) > 0x7f800000u; }
${itemMainWgsl('o', count)}
  // o = ((n C + c) OH + oy) OW + ox: the window's plane, and its corner in that plane.
  let plane = o / (OH * OW);
  let q = o % (OH * OW);
  let corner = q / OW * S * IW + q % OW * S;
  let base = rowOf(plane / C) * C * IH * IW + plane % C * IH * IW;
  var best = x[base + corner];
  var arg = corner;
  var sum = 0.0;
  for (var ky = 0u; ky < KS; ky++) {
    let row = corner + ky * IW;
    let line = base + row;
    for (var kx = 0u; kx < KS; kx++) {
${reduce}
    }
  }
${result}
}
`,
  };
}

export interface Pool2dBackwardSpec extends Pool2dLayer {
  readonly kind: PoolKind;
  /**
   * The elementwise layers fused into the stage before the pool, whose pre-activations (`pre`)
   * this kernel reads to carry the gradient on through them; empty when none.
   */
  readonly prevOps: readonly ElementwiseOp[];
  readonly seed: number;
}

/**
 * Pooling's input gradient as a gather, one invocation per input element, so that overlapping
 * windows (stride < k) add into an element without races or atomics: dx[i] = the sum, over the
 * windows that contain i (oy from ceil((iy - k + 1) / s) to floor(iy / s), likewise ox), of
 * dy[window] where the window's stored argmax is i (max_pool2d_with_indices_backward), or of
 * dy[window] / k^2 (avg_pool2d_backward); then times the derivative of the previous stage's fused
 * layers (prevChain). An element no window covers (the floor mode's cut edge) gets 0.
 *
 * Bindings, in order: `stepRec` (when prevOps drop units), `dy` (`[batch][C][OH][OW]`), `indices`
 * (max only, from pool2dForward), `pre` (when prevOps is not empty), `dx` (`[batch][C][H][W]`).
 *
 * @example
 * // After Conv2d + ReLU: dx is the convolution's dz (ReLU's mask from its `pre`).
 * pool2dBackward({ ...pool1, kind: 'max', prevOps: [{ kind: 'relu' }], seed: 1 });
 */
export function pool2dBackward(spec: Pool2dBackwardSpec): Program {
  checkPool(spec);
  const count = spec.batch * spec.channels * spec.inHeight * spec.inWidth;
  const max = spec.kind === 'max';
  const bindings: Binding[] = [
    ...(usesStep(spec.prevOps) ? [STEP_BINDING] : []),
    { name: 'dy', kind: 'read-only-storage', type: 'array<f32>' },
    ...(max ? [{ name: 'indices', kind: 'read-only-storage', type: 'array<u32>' } as const] : []),
    ...prevChainBindings(spec.prevOps),
    { name: 'dx', kind: 'storage', type: 'array<f32>' },
  ];
  const add = max
    ? '      g += select(0.0, dy[at], hit & (indices[at] == q));'
    : `      g += select(0.0, dy[at] / ${spec.kernelSize ** 2}.0, hit);`;
  // At most ceil(k / s) windows along each axis hold an element.
  const reach = Math.ceil(spec.kernelSize / spec.stride);
  return {
    name: spec.name,
    shaderKey: `pool2dBackward:${spec.kind}:${poolKey(spec)}:${chainKey(spec.prevOps, spec.seed)}`,
    ...itemLaunch(count),
    bindings,
    wgsl: () => `${preambleWgsl(bindings)}
${poolConstantsWgsl(spec)}
${prevChainWgsl(spec.prevOps, spec.seed)}
${itemMainWgsl('i', count)}
  let plane = i / (IH * IW);
  let q = i % (IH * IW);
  let iy = q / IW;
  let ix = q % IW;
  // The windows whose k x k span holds (iy, ix) are oy = iy / s - t for t < ceil(k / s) with
  // oy s + k > iy, inside the output (likewise ox): a fixed count, so every invocation runs the
  // same loop and reads through select, without branches that would split SIMD lanes.
  var g = 0.0;
  for (var ty = 0u; ty < ${reach}u; ty++) {
    let oy = iy / S - ty;
    let hitY = (iy / S >= ty) & (oy < OH) & (oy * S + KS > iy);
    for (var tx = 0u; tx < ${reach}u; tx++) {
      let ox = ix / S - tx;
      let hit = hitY & (ix / S >= tx) & (ox < OW) & (ox * S + KS > ix);
      let at = select(0u, (plane * OH + oy) * OW + ox, hit);
${add}
    }
  }
  dx[i] = g${prevChainFactorWgsl(spec.prevOps)};
}
`,
  };
}

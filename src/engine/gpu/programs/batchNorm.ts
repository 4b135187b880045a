import {
  type Binding,
  entryPointWgsl,
  f32Literal,
  flatDispatch,
  flatGroupWgsl,
  type Program,
} from '../program';
import { chainKey, type ElementwiseOp, singleChainWgsl, usesStep } from './elementwise';
import { itemLaunch, itemMainWgsl } from './itemKernel';
import { prevChainBindings, prevChainFactorWgsl, prevChainWgsl } from './prevChain';
import { preambleWgsl, type RowSource, rowOfWgsl, rowsBindings, STEP_BINDING } from './step';

/**
 * One nn.BatchNorm2d or nn.BatchNorm1d (affine, tracking running statistics) as its kernels see
 * it: per channel c, the n = batch x spatial values x[sample][c][...] of a channels-first batch.
 */
export interface BatchNormLayer {
  /** The program's name. */
  readonly name: string;
  /** Samples in the batch. */
  readonly batch: number;
  /** num_features. */
  readonly channels: number;
  /** H x W for BatchNorm2d; 1 for BatchNorm1d on `[batch][features]` (L on `[batch][C][L]`). */
  readonly spatial: number;
  /** Where weight (gamma) starts in the flat parameter buffer, in floats; dweight in grads. */
  readonly weightOffset: number;
  /** Where bias (beta) starts in params, in floats; dbias in grads. */
  readonly biasOffset: number;
  readonly eps: number;
}

/** Where the layer's statistics live outside the parameters. */
export interface BatchNormState {
  /**
   * running_mean's and running_var's first floats in the `bnState` buffer (state, not
   * parameters: the optimizer never touches them; the model file saves them).
   */
  readonly runningMeanOffset: number;
  readonly runningVarOffset: number;
}

/**
 * Where the training forward leaves the batch's statistics for the backward pass: `channels`
 * means from `savedOffset` of the `bnSaved` buffer, then `channels` values of 1 / sqrt(var + eps).
 */
export interface BatchNormSaved {
  readonly savedOffset: number;
}

export interface BatchNormForwardSpec extends BatchNormLayer, BatchNormState, BatchNormSaved {
  /** running = (1 - momentum) running + momentum statistic (PyTorch's default 0.1). */
  readonly momentum: number;
  /** Where x comes from: an activation buffer, or (first layer) the dataset's rows. */
  readonly input: RowSource;
  /** Elementwise layers fused after the normalisation (ReLU and the like). */
  readonly ops: readonly ElementwiseOp[];
  /** Also store z = weight xhat + bias, which the backward pass needs when `ops` is not empty. */
  readonly writePre: boolean;
  readonly seed: number;
  /** Invocations per channel's workgroup. */
  readonly workgroup: number;
}

/** 64 invocations a channel: a workgroup every adapter offers. */
export const BATCH_NORM_WORKGROUP = 64;

function checkNorm(layer: BatchNormLayer, workgroup: number): number {
  const { batch, channels, spatial } = layer;
  for (const [field, value] of Object.entries({ batch, channels, spatial })) {
    if (!Number.isInteger(value) || value < 1)
      throw new RangeError(`${layer.name}: ${field} ${value}`);
  }
  if (!Number.isInteger(workgroup) || workgroup < 1) {
    throw new RangeError(`${layer.name}: workgroup ${workgroup}`);
  }
  return batch * spatial;
}

function normKey(layer: BatchNormLayer): string {
  return `${layer.batch}x${layer.channels}x${layer.spatial}:${layer.weightOffset}:${layer.biasOffset}:${layer.eps}`;
}

/** Sizes and offsets as WGSL constants: C channels, L values a channel per sample, NL = n. */
function normConstantsWgsl(layer: BatchNormLayer): string {
  const n = layer.batch * layer.spatial;
  return `const C = ${layer.channels}u;
const L = ${layer.spatial}u;
const NL = ${n}u;
const INV_N = ${f32Literal(1 / n)};
const EPS = ${f32Literal(layer.eps)};
const W_OFF = ${layer.weightOffset}u;
const B_OFF = ${layer.biasOffset}u;`;
}

/**
 * The `main` of a kernel with one workgroup per channel `c` whose invocations take the channel's
 * values j = lid, lid + WG, ... (neighbouring invocations read neighbouring values), with
 * `sums` workgroup arrays of one partial result per invocation. After one barrier every
 * invocation combines all the partials itself, in index order: all hold the same total with no
 * second barrier to share it, and every run sums in the same order (deterministic, no atomics).
 */
function channelMainWgsl(layer: BatchNormLayer, workgroup: number, sums: string[], body: string) {
  const group = flatGroupWgsl(layer.channels, 'wid');
  return `${sums.map((name) => `var<workgroup> ${name}: array<f32, ${workgroup}>;`).join('\n')}
// Value j of channel c: sample j / L, position j % L, NCHW.
fn at(c: u32, j: u32) -> u32 { return (j / L * C + c) * L + j % L; }
fn src(c: u32, j: u32) -> u32 { return rowOf(j / L) * C * L + c * L + j % L; }
${entryPointWgsl({ workgroupSize: [workgroup, 1, 1] })}
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  // Uniform across the workgroup (it comes from workgroup_id), so the barriers below are too.
  let c = ${group};
  if (c >= C) { return; }
${body}
}`;
}

function launchPerChannel(channels: number, workgroup: number) {
  return {
    workgroupSize: [workgroup, 1, 1] as const,
    dispatch: flatDispatch(channels),
  };
}

/**
 * F.batch_norm in training mode, one dispatch: a workgroup per channel computes the batch's mean
 * and biased variance (Welford per invocation, then merged over the workgroup in a fixed order:
 * stable, and the same every run); keeps mean and invstd = 1 / sqrt(var + eps) in `bnSaved`
 * for the backward pass; updates running_mean and running_var in `bnState` (running_var with
 * the unbiased variance var n / (n - 1), as PyTorch); and writes
 * z = (x - mean) (invstd weight) + bias, then out = act(z) through the fused elementwise layers
 * (z kept in `pre` when `writePre`). Reads x twice. One workgroup per channel is enough
 * parallelism for a batch of images on a small GPU, and leaves nothing for a second dispatch.
 *
 * @example
 * const bn = batchNormTrainForward({ name: 'bn1', batch: 64, channels: 16, spatial: 28 * 28,
 *   weightOffset: 160, biasOffset: 176, eps: 1e-5, momentum: 0.1, runningMeanOffset: 0,
 *   runningVarOffset: 16, savedOffset: 0, input: 'buffer', ops: [{ kind: 'relu' }],
 *   writePre: true, seed: 1, workgroup: BATCH_NORM_WORKGROUP });
 *
 * Bindings, in order: `stepRec` (input from the dataset, or ops that drop units), `x`, `perm`
 * (input 'perm'), `params`, `bnState`, `bnSaved`, `pre` (`writePre`), `out`.
 */
export function batchNormTrainForward(spec: BatchNormForwardSpec): Program {
  const n = checkNorm(spec, spec.workgroup);
  if (n < 2) {
    // PyTorch refuses too: the unbiased variance of one value divides by zero.
    throw new RangeError(`${spec.name}: expected more than 1 value per channel when training`);
  }
  const WG = spec.workgroup;
  const stepBound = spec.input !== 'buffer' || usesStep(spec.ops);
  const bindings: Binding[] = [
    ...(stepBound ? [STEP_BINDING] : []),
    ...rowsBindings('x', 'array<f32>', spec.input),
    { name: 'params', kind: 'read-only-storage', type: 'array<f32>' },
    { name: 'bnState', kind: 'storage', type: 'array<f32>' },
    { name: 'bnSaved', kind: 'storage', type: 'array<f32>' },
    ...(spec.writePre ? [{ name: 'pre', kind: 'storage', type: 'array<f32>' } as const] : []),
    { name: 'out', kind: 'storage', type: 'array<f32>' },
  ];
  const m = spec.momentum;
  // Welford's update per invocation (as PyTorch's CUDA batch_norm_collect_statistics), then
  // Chan et al.'s merge of the partial (count, mean, M2) in index order: one read of x for both
  // statistics, with no E[x^2] - mean^2 cancellation. Invocation t holds ceil((NL - t) / WG)
  // values; one holding none (NL < WG) merges as nothing (max(total, 1) avoids 0 / 0).
  const body = `  var count = 0.0;
  var mean0 = 0.0;
  var m2 = 0.0;
  for (var j = lid; j < NL; j += ${WG}u) {
    let v = x[src(c, j)];
    count += 1.0;
    let d = v - mean0;
    mean0 += d / count;
    m2 += d * (v - mean0);
  }
  partMean[lid] = mean0;
  partM2[lid] = m2;
  workgroupBarrier();
  var n = 0.0;
  var mean = 0.0;
  var totalSq = 0.0;
  for (var t = 0u; t < ${WG}u; t++) {
    let nb = f32((NL + ${WG - 1}u - min(t, NL)) / ${WG}u);
    let total = max(n + nb, 1.0);
    let d = partMean[t] - mean;
    mean += d * nb / total;
    totalSq += partM2[t] + d * d * n * nb / total;
    n += nb;
  }
  let variance = totalSq * INV_N;
  let invstd = 1.0 / sqrt(variance + EPS);
  if (lid == 0u) {
    bnSaved[${spec.savedOffset}u + c] = mean;
    bnSaved[${spec.savedOffset}u + C + c] = invstd;
    let rm = ${spec.runningMeanOffset}u + c;
    let rv = ${spec.runningVarOffset}u + c;
    bnState[rm] = ${f32Literal(1 - m)} * bnState[rm] + ${f32Literal(m)} * mean;
    bnState[rv] = ${f32Literal(1 - m)} * bnState[rv] + ${f32Literal(m)} * (totalSq * UNBIASED);
  }
  let scale = invstd * params[W_OFF + c];
  let shift = params[B_OFF + c];
  for (var j = lid; j < NL; j += ${WG}u) {
    let i = at(c, j);
    let z = (x[src(c, j)] - mean) * scale + shift;
${spec.writePre ? '    pre[i] = z;' : ''}
    out[i] = act(z, i, ${usesStep(spec.ops) ? 'stepRec.t' : '0u'});
  }`;
  return {
    name: spec.name,
    shaderKey: `batchNormTrainForward:${normKey(spec)}:${spec.runningMeanOffset}:${spec.runningVarOffset}:${spec.savedOffset}:${m}:${spec.input}:${chainKey(spec.ops, spec.seed)}:${spec.writePre}:w${WG}`,
    ...launchPerChannel(spec.channels, WG),
    bindings,
    wgsl: () => `${preambleWgsl(bindings)}
${normConstantsWgsl(spec)}
const UNBIASED = ${f32Literal(1 / (n - 1))};
${rowOfWgsl(spec.input)}
${singleChainWgsl('act', spec.ops, spec.seed)}
${channelMainWgsl(spec, WG, ['partMean', 'partM2'], body)}
`,
  };
}

export type BatchNormEvalSpec = BatchNormLayer &
  BatchNormState &
  Pick<BatchNormForwardSpec, 'input' | 'ops' | 'writePre' | 'seed'>;

/**
 * F.batch_norm in evaluation mode (model.eval()): the running statistics instead of the batch's,
 * nothing updated; z = (x - running_mean) (weight / sqrt(running_var + eps)) + bias, then the
 * fused layers. One invocation per value.
 *
 * Bindings, in order: `stepRec` (input from the dataset, or ops that drop units), `x`, `perm`
 * (input 'perm'), `params`, `bnState` (read only), `pre` (`writePre`), `out`.
 *
 * @example
 * // Validation: the training layer's offsets, no Dropout in `ops` (nn.Module.eval()).
 * batchNormEvalForward({ ...bn1, input: 'buffer', ops: [{ kind: 'relu' }], writePre: false,
 *   seed: 1 });
 */
export function batchNormEvalForward(spec: BatchNormEvalSpec): Program {
  checkNorm(spec, BATCH_NORM_WORKGROUP);
  const count = spec.batch * spec.channels * spec.spatial;
  const stepBound = spec.input !== 'buffer' || usesStep(spec.ops);
  const bindings: Binding[] = [
    ...(stepBound ? [STEP_BINDING] : []),
    ...rowsBindings('x', 'array<f32>', spec.input),
    { name: 'params', kind: 'read-only-storage', type: 'array<f32>' },
    { name: 'bnState', kind: 'read-only-storage', type: 'array<f32>' },
    ...(spec.writePre ? [{ name: 'pre', kind: 'storage', type: 'array<f32>' } as const] : []),
    { name: 'out', kind: 'storage', type: 'array<f32>' },
  ];
  return {
    name: spec.name,
    shaderKey: `batchNormEvalForward:${normKey(spec)}:${spec.runningMeanOffset}:${spec.runningVarOffset}:${spec.input}:${chainKey(spec.ops, spec.seed)}:${spec.writePre}`,
    ...itemLaunch(count),
    bindings,
    wgsl: () => `${preambleWgsl(bindings)}
${normConstantsWgsl(spec)}
${rowOfWgsl(spec.input)}
${singleChainWgsl('act', spec.ops, spec.seed)}
${itemMainWgsl('i', count)}
  let sample = i / (C * L);
  let c = i / L % C;
  let invstd = 1.0 / sqrt(bnState[${spec.runningVarOffset}u + c] + EPS);
  let mean = bnState[${spec.runningMeanOffset}u + c];
  let z = (x[rowOf(sample) * C * L + i % (C * L)] - mean) * (invstd * params[W_OFF + c]) + params[B_OFF + c];
${spec.writePre ? '  pre[i] = z;' : ''}
  out[i] = act(z, i, ${usesStep(spec.ops) ? 'stepRec.t' : '0u'});
}
`,
  };
}

export interface BatchNormBackwardSpec extends BatchNormLayer, BatchNormSaved {
  /** Where the layer's input x came from (xhat is recomputed from it and the saved statistics). */
  readonly input: RowSource;
  /** Whether to write dx (not for a first layer, whose input is the data). */
  readonly inputGrad: boolean;
  /**
   * The elementwise layers fused into the stage before this one, whose pre-activations (`pre`)
   * this kernel reads to carry dx on through them; empty when none.
   */
  readonly prevOps: readonly ElementwiseOp[];
  readonly seed: number;
  /** Invocations per channel's workgroup. */
  readonly workgroup: number;
}

/**
 * F.batch_norm's backward in training mode (ATen's batch_norm_backward), one dispatch: a
 * workgroup per channel sums dy and dy xhat over the channel (xhat = (x - mean) invstd from the
 * saved statistics), stores dweight = sum(dy xhat) and dbias = sum(dy) into `grads`, and writes
 * dx = weight invstd (dy - sum(dy) / n - xhat sum(dy xhat) / n) (the chain rule through the
 * batch's mean and variance, Ioffe & Szegedy 2015, section 3), times the derivative of the
 * previous stage's fused layers (prevChain). `dy` is the gradient at z, before this layer's own
 * fused layers: whoever wrote it applied their derivative.
 *
 * Bindings, in order: `stepRec` (input from the dataset, or prevOps that drop units), `dy`, `x`,
 * `perm` (input 'perm'), `params`, `bnSaved`, `pre` (inputGrad and prevOps not empty), `grads`,
 * `dx` (inputGrad).
 *
 * @example
 * // After a Conv2d with no fused layers: dx is the convolution's dz.
 * batchNormBackward({ ...bn1, input: 'buffer', inputGrad: true, prevOps: [], seed: 1,
 *   workgroup: BATCH_NORM_WORKGROUP });
 */
export function batchNormBackward(spec: BatchNormBackwardSpec): Program {
  checkNorm(spec, spec.workgroup);
  const WG = spec.workgroup;
  const prevOps = spec.inputGrad ? spec.prevOps : [];
  const stepBound = spec.input !== 'buffer' || usesStep(prevOps);
  const bindings: Binding[] = [
    ...(stepBound ? [STEP_BINDING] : []),
    { name: 'dy', kind: 'read-only-storage', type: 'array<f32>' },
    ...rowsBindings('x', 'array<f32>', spec.input),
    { name: 'params', kind: 'read-only-storage', type: 'array<f32>' },
    { name: 'bnSaved', kind: 'read-only-storage', type: 'array<f32>' },
    ...prevChainBindings(prevOps),
    { name: 'grads', kind: 'storage', type: 'array<f32>' },
    ...(spec.inputGrad ? [{ name: 'dx', kind: 'storage', type: 'array<f32>' } as const] : []),
  ];
  const dx = spec.inputGrad
    ? `  let scale = params[W_OFF + c] * invstd;
  let meanDy = sumDy * INV_N;
  let meanDyXhat = sumDyXhat * INV_N;
  for (var j = lid; j < NL; j += ${WG}u) {
    let i = at(c, j);
    let xhat = (x[src(c, j)] - mean) * invstd;
    dx[i] = scale * (dy[i] - meanDy - xhat * meanDyXhat)${prevChainFactorWgsl(prevOps)};
  }`
    : '';
  const body = `  let mean = bnSaved[${spec.savedOffset}u + c];
  let invstd = bnSaved[${spec.savedOffset}u + C + c];
  var gy = 0.0;
  var gyx = 0.0;
  for (var j = lid; j < NL; j += ${WG}u) {
    let g = dy[at(c, j)];
    gy += g;
    gyx += g * (x[src(c, j)] - mean) * invstd;
  }
  partDy[lid] = gy;
  partDyXhat[lid] = gyx;
  workgroupBarrier();
  var sumDy = 0.0;
  var sumDyXhat = 0.0;
  for (var t = 0u; t < ${WG}u; t++) {
    sumDy += partDy[t];
    sumDyXhat += partDyXhat[t];
  }
  if (lid == 0u) {
    grads[W_OFF + c] = sumDyXhat;
    grads[B_OFF + c] = sumDy;
  }
${dx}`;
  return {
    name: spec.name,
    shaderKey: `batchNormBackward:${normKey(spec)}:${spec.savedOffset}:${spec.input}:${spec.inputGrad}:${chainKey(prevOps, spec.seed)}:w${WG}`,
    ...launchPerChannel(spec.channels, WG),
    bindings,
    wgsl: () => `${preambleWgsl(bindings)}
${normConstantsWgsl(spec)}
${rowOfWgsl(spec.input)}
${prevChainWgsl(prevOps, spec.seed)}
${channelMainWgsl(spec, WG, ['partDy', 'partDyXhat'], body)}
`,
  };
}

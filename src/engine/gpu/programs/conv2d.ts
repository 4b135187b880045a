import { windowOutput } from '../../model/nodes/convArithmetic';
import {
  type Binding,
  entryPointWgsl,
  flatDispatch,
  flatGroupWgsl,
  groupsFor,
  type Program,
} from '../program';
import { chainKey, type ElementwiseOp, singleChainWgsl, usesStep } from './elementwise';
import { preambleWgsl, type RowSource, rowOfWgsl, rowsBindings, STEP_BINDING } from './step';
import { DEFAULT_TILE, type Tile, tileAccsWgsl, tileKey } from './tile';

/**
 * One nn.Conv2d as each of its kernels sees it (PyTorch's argument names): activations NCHW,
 * row-major per sample (`[batch][channels][height][width]`), W `[out][in][k][k]`, zero padding,
 * a square kernel, no dilation, no groups.
 */
export interface Conv2dLayer {
  /** The program's name. */
  readonly name: string;
  /** Samples in the batch. */
  readonly batch: number;
  readonly inChannels: number;
  readonly inHeight: number;
  readonly inWidth: number;
  readonly outChannels: number;
  readonly kernelSize: number;
  /** >= 1. */
  readonly stride: number;
  /** Zeros on every side, >= 0. */
  readonly padding: number;
  /**
   * Where W starts in the flat parameter buffer, in floats; dW sits at the same offset of the
   * flat gradient buffer.
   */
  readonly weightOffset: number;
  /** Where b starts in params (db in grads), in floats; null for a layer built with bias=False. */
  readonly biasOffset: number | null;
}

/** The output's height and width (nn.Conv2d's formula: floor((in + 2p - k) / s) + 1). */
export function conv2dOutputSize(layer: Conv2dLayer): { outHeight: number; outWidth: number } {
  return {
    outHeight: windowOutput(layer.inHeight, layer),
    outWidth: windowOutput(layer.inWidth, layer),
  };
}

/** Throws unless `layer` describes a convolution these kernels compute (integers, output >= 1). */
export function checkConv2d(layer: Conv2dLayer): void {
  const { batch, inChannels, inHeight, inWidth, outChannels, kernelSize, stride, padding } = layer;
  const positive = { batch, inChannels, inHeight, inWidth, outChannels, kernelSize, stride };
  for (const [field, value] of Object.entries({ ...positive, padding })) {
    if (!Number.isInteger(value) || value < (field === 'padding' ? 0 : 1)) {
      throw new RangeError(`${layer.name}: ${field} ${value}`);
    }
  }
  const { outHeight, outWidth } = conv2dOutputSize(layer);
  if (outHeight < 1 || outWidth < 1) {
    throw new RangeError(
      `${layer.name}: a ${kernelSize}x${kernelSize} kernel over ${inHeight}x${inWidth} with padding ${padding} has no output`,
    );
  }
}

/** The layer's shape, for shader keys (the name is not part of the WGSL). */
export function conv2dKey(layer: Conv2dLayer): string {
  const { batch, inChannels, inHeight, inWidth, outChannels, kernelSize, stride, padding } = layer;
  return `${batch}x${inChannels}x${inHeight}x${inWidth}>${outChannels}k${kernelSize}s${stride}p${padding}:${layer.weightOffset}:${layer.biasOffset}`;
}

/**
 * The layer's sizes as WGSL constants, shared by its kernels: B samples, C -> OC channels,
 * IH x IW -> OH x OW, kernel KS (KK = KS^2 taps), stride S, padding PAD; HW, CHW and P (OH x OW)
 * are the plane and sample sizes, K = C x KK the reduction of the implicit GEMM.
 */
export function conv2dConstantsWgsl(layer: Conv2dLayer): string {
  const { outHeight, outWidth } = conv2dOutputSize(layer);
  const { inChannels: C, inHeight: H, inWidth: W, kernelSize: k } = layer;
  return `const B = ${layer.batch}u;
const C = ${C}u;
const IH = ${H}u;
const IW = ${W}u;
const OC = ${layer.outChannels}u;
const OH = ${outHeight}u;
const OW = ${outWidth}u;
const KS = ${k}u;
const KK = ${k * k}u;
const K = ${C * k * k}u;
const S = ${layer.stride}u;
const PAD = ${layer.padding}i;
const HW = ${H * W}u;
const CHW = ${C * H * W}u;
const P = ${outHeight * outWidth}u;
const W_OFF = ${layer.weightOffset}u;`;
}

/**
 * The launch of a kernel over `count` register blocks, one invocation each, `workgroup` to a
 * workgroup, along a flat count (flatDispatch) so that big layers may exceed 65,535 workgroups.
 */
export function blockLaunch(
  workgroup: number,
  count: number,
): Pick<Program, 'workgroupSize' | 'dispatch'> {
  return { workgroupSize: [workgroup, 1, 1], dispatch: flatDispatch(groupsFor(count, workgroup)) };
}

/** The `main` of such a kernel: `inv` is the block's number; invocations past the last return. */
export function blockMainWgsl(workgroup: number, count: number, body: string): string {
  const group = flatGroupWgsl(groupsFor(count, workgroup), 'wid');
  return `${entryPointWgsl({ workgroupSize: [workgroup, 1, 1] })}
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let inv = ${group} * ${workgroup}u + lid;
  if (inv >= ${count}u) { return; }
${body}
}`;
}

/**
 * The epilogue of a register-blocked kernel, unrolled: for each tile row r inside the output
 * (`rowInside(r)`, one uniform test per row), its `rowSetup(r)` lines, then one `store(r, c,
 * value)` statement per column c, value being accumulator `acc{r}_{c / 4}[c % 4]`; `colInside(c)`
 * guards a column when the tile can pass the last one. Unrolled rather than looped over an array
 * of the accumulators: SwiftShader keeps such an array in memory and indexes it lane by lane,
 * which made conv2dForward's epilogue cost as much as its reduction.
 */
export function epilogueWgsl(
  tile: Tile,
  rowInside: (r: number) => string,
  rowSetup: (r: number) => string[],
  colInside: ((c: number) => string) | null,
  store: (r: number, c: number, value: string) => string,
): string {
  const lines = [];
  for (let r = 0; r < tile.rows; r++) {
    lines.push(`  if (${rowInside(r)}) {`);
    for (const line of rowSetup(r)) lines.push(`    ${line}`);
    for (let c = 0; c < tile.cols; c++) {
      const call = store(r, c, `acc${r}_${Math.floor(c / 4)}[${c % 4}]`);
      lines.push(colInside ? `    if (${colInside(c)}) { ${call} }` : `    ${call}`);
    }
    lines.push('  }');
  }
  return lines.join('\n');
}

/**
 * `tile` for an output of `columns` columns: checked (columns in whole vec4s), and no wider than
 * the vec4s that cover them, so that 2 output channels take one vec4 of accumulators, not 2.
 */
export function fitTile(name: string, tile: Tile, columns: number): Tile {
  if (tile.rows < 1 || tile.cols < 4 || tile.cols % 4 !== 0 || tile.workgroup < 1) {
    throw new RangeError(`${name}: tile ${tileKey(tile)} (columns come in vec4s)`);
  }
  const cols = Math.min(tile.cols, 4 * Math.ceil(columns / 4));
  return cols === tile.cols ? tile : { ...tile, cols };
}

/**
 * acc{r}_{g} += a{r} * (b{4g}, ..., b{4g+3}): one row's scalar times four columns' scalars, the
 * step of an outer-product matmul; lines indented by `indent`.
 */
export function outerProductWgsl(tile: Tile, a: string, b: string, indent = '        '): string {
  const lines = [];
  for (let r = 0; r < tile.rows; r++) {
    for (let g = 0; g < tile.cols / 4; g++) {
      const cols = [0, 1, 2, 3].map((e) => `${b}${4 * g + e}`).join(', ');
      lines.push(`${indent}acc${r}_${g} += ${a}${r} * vec4<f32>(${cols});`);
    }
  }
  return lines.join('\n');
}

export interface Conv2dForwardSpec extends Conv2dLayer {
  /** Where x comes from: an activation buffer, or (first layer) the resident dataset's rows. */
  readonly input: RowSource;
  /** Elementwise layers fused after the convolution (ReLU and the like). */
  readonly ops: readonly ElementwiseOp[];
  /** Also store z = conv(x, W) + b, which the backward pass needs when `ops` is not empty. */
  readonly writePre: boolean;
  readonly seed: number;
  /**
   * Each invocation computes `rows` output positions (strided across the batch, see below) by
   * `cols` output channels (a multiple of 4) in registers; `workgroup` invocations a workgroup.
   */
  readonly tile: Tile;
}

/**
 * 8 positions by 8 channels, 64 invocations: the fastest or near it for the lesson's layers on
 * SwiftShader (scripts/conv-speed.ts), and the tile of every matmul too small to tune.
 */
export const CONV_TILE: Tile = DEFAULT_TILE;

/**
 * nn.Conv2d and the activations after it in one kernel, as an implicit GEMM (no im2col buffer):
 * out[m][oc] = act(b[oc] + sum_k A[m][k] W[oc][k]) with rows m = (sample, oy, ox) (M = batch x
 * OH x OW), columns the output channels (N = out) and the reduction k = (ic, ky, kx)
 * (K = in x k x k, W's own row order), where A[m][k] = x[sample][ic][oy s - p + ky][ox s - p + kx]
 * or 0 in the padding: gathered from x as the reduction goes, never stored.
 *
 * Register-blocked like linearForward (no workgroup memory, no barriers): an invocation owns
 * tile.rows rows by tile.cols channels. Its rows are interleaved (row rb + r x ROW_BLOCKS), so
 * neighbouring invocations read and write neighbouring positions and load the same weights:
 * coalesced on GPUs, and on SwiftShader, whose 4 SIMD lanes then load sequential addresses (one
 * vector load) or equal ones (one load, replicated) instead of one load per lane. The loops run
 * over the taps (ky, kx) outside and the input channels inside, shared by the tile's rows: each
 * row checks its window against the padding once a tap (not at all when padding is 0), and the
 * channel loop only steps through planes; on SwiftShader that took a third off the 8 -> 16
 * layer. A row reads a zero in the padding without branching: one unsigned compare per side (a
 * negative coordinate wraps past the size) and `&`, never `&&`, whose short-circuit branches
 * made SwiftShader's compiler run for minutes on wider tiles.
 *
 * Bindings, in order: `stepRec` (when the input is the dataset or `ops` drop units), `x`
 * (`[batch][in][H][W]`, or the dataset's rows), `perm` (input 'perm' only), `params`, `pre`
 * (`writePre` only; z, NCHW), `out` (act(z), `[batch][out][OH][OW]`).
 *
 * @example
 * const conv1 = conv2dForward({ name: 'conv1', batch: 64, inChannels: 1, inHeight: 28,
 *   inWidth: 28, outChannels: 16, kernelSize: 3, stride: 1, padding: 1, weightOffset: 0,
 *   biasOffset: 144, input: 'perm', ops: [{ kind: 'relu' }], writePre: true, seed: 1,
 *   tile: CONV_TILE });
 */
export function conv2dForward(spec: Conv2dForwardSpec): Program {
  checkConv2d(spec);
  const tile = fitTile(spec.name, spec.tile, spec.outChannels);
  const { outHeight, outWidth } = conv2dOutputSize(spec);
  const M = spec.batch * outHeight * outWidth;
  const rowBlocks = Math.ceil(M / tile.rows);
  const colBlocks = Math.ceil(spec.outChannels / tile.cols);
  const count = rowBlocks * colBlocks;
  const stepBound = spec.input !== 'buffer' || usesStep(spec.ops);
  const bindings: Binding[] = [
    ...(stepBound ? [STEP_BINDING] : []),
    ...rowsBindings('x', 'array<f32>', spec.input),
    { name: 'params', kind: 'read-only-storage', type: 'array<f32>' },
    ...(spec.writePre ? [{ name: 'pre', kind: 'storage', type: 'array<f32>' } as const] : []),
    { name: 'out', kind: 'storage', type: 'array<f32>' },
  ];
  return {
    name: spec.name,
    shaderKey: `conv2dForward:${conv2dKey(spec)}:${spec.input}:${chainKey(spec.ops, spec.seed)}:${spec.writePre}:${tileKey(tile)}`,
    ...blockLaunch(tile.workgroup, count),
    bindings,
    wgsl() {
      const rows = Array.from({ length: tile.rows }, (_, r) => r);
      const cols = Array.from({ length: tile.cols }, (_, c) => c);
      const padded = spec.padding > 0;
      const body: string[] = [
        '  let rb = inv % ROW_BLOCKS;',
        '  let col0 = (inv / ROW_BLOCKS) * COLS;',
      ];
      for (const r of rows) {
        // The window's top-left corner in the (unpadded) input, and the sample's first element.
        body.push(`  let m${r} = min(rb + ${r}u * ROW_BLOCKS, M - 1u);`);
        body.push(`  let p${r} = m${r} % P;`);
        body.push(`  let top${r} = i32(p${r} / OW * S) - PAD;`);
        body.push(`  let left${r} = i32(p${r} % OW * S) - PAD;`);
        body.push(`  let base${r} = rowOf(m${r} / P) * CHW;`);
      }
      for (const c of cols) body.push(`  let wr${c} = W_OFF + min(col0 + ${c}u, OC - 1u) * K;`);
      body.push(tileAccsWgsl(tile));
      // Taps outside, input channels inside: a row's window position and padding test depend
      // on the tap only, so they are worked out once a tap, and the channel loop just steps
      // through planes (HW apart in x, KK apart in W).
      body.push('  for (var ky = 0u; ky < KS; ky++) {');
      for (const r of rows) {
        body.push(`    let y${r} = top${r} + i32(ky);`);
        if (padded) body.push(`    let iny${r} = u32(y${r}) < IH;`);
      }
      body.push('    for (var kx = 0u; kx < KS; kx++) {');
      body.push('      let tap = ky * KS + kx;');
      for (const r of rows) {
        body.push(`      let x${r} = left${r} + i32(kx);`);
        body.push(`      let at${r} = base${r} + u32(y${r}) * IW + u32(x${r});`);
        if (padded) {
          // Outside the input: read element 0 of the plane instead (in bounds), then use 0.
          body.push(`      let in${r} = iny${r} & (u32(x${r}) < IW);`);
          body.push(`      let from${r} = select(base${r}, at${r}, in${r});`);
        } else {
          body.push(`      let from${r} = at${r};`);
        }
      }
      // One input channel (a first layer on grey images): no channel loop at all.
      const oneChannel = spec.inChannels === 1;
      if (!oneChannel) body.push('      for (var ic = 0u; ic < C; ic++) {');
      const plane = oneChannel ? '' : ' + ic * HW';
      for (const r of rows) {
        const load = `x[from${r}${plane}]`;
        body.push(`        let a${r} = ${padded ? `select(0.0, ${load}, in${r})` : load};`);
      }
      const channel = oneChannel ? '' : ' + ic * KK';
      for (const c of cols) body.push(`        let w${c} = params[wr${c}${channel} + tap];`);
      body.push(outerProductWgsl(tile, 'a', 'w'));
      if (!oneChannel) body.push('      }');
      body.push('    }');
      body.push('  }');
      // Each row's NCHW base once (sample n, position p: n OC P + p), then one store a channel.
      body.push(
        epilogueWgsl(
          tile,
          (r) => `rb + ${r}u * ROW_BLOCKS < M`,
          (r) => [`let ob${r} = m${r} / P * OC * P + p${r};`],
          spec.outChannels % tile.cols === 0 ? null : (c) => `col0 + ${c}u < OC`,
          (r, c, value) => `store(ob${r} + (col0 + ${c}u) * P, col0 + ${c}u, ${value});`,
        ),
      );
      const bias = spec.biasOffset === null ? '' : ` + params[${spec.biasOffset}u + col]`;
      return `${preambleWgsl(bindings)}
${conv2dConstantsWgsl(spec)}
const M = ${M}u;
const ROW_BLOCKS = ${rowBlocks}u;
const COLS = ${tile.cols}u;
${rowOfWgsl(spec.input)}
${singleChainWgsl('act', spec.ops, spec.seed)}
fn store(i: u32, col: u32, acc: f32) {
  let z = acc${bias};
${spec.writePre ? '  pre[i] = z;' : ''}
  out[i] = act(z, i, ${usesStep(spec.ops) ? 'stepRec.t' : '0u'});
}
${blockMainWgsl(tile.workgroup, count, body.join('\n'))}
`;
    },
  };
}

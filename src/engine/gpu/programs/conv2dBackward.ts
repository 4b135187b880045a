import type { Binding, Program } from '../program';
import {
  blockLaunch,
  blockMainWgsl,
  type Conv2dLayer,
  checkConv2d,
  conv2dConstantsWgsl,
  conv2dKey,
  conv2dOutputSize,
  epilogueWgsl,
  fitTile,
  outerProductWgsl,
} from './conv2d';
import { chainKey, type ElementwiseOp, usesStep } from './elementwise';
import { itemLaunch, itemMainWgsl } from './itemKernel';
import { prevChainBindings, prevChainFactorWgsl, prevChainWgsl } from './prevChain';
import { preambleWgsl, type RowSource, rowOfWgsl, rowsBindings, STEP_BINDING } from './step';
import { DEFAULT_TILE, type Tile, tileAccsWgsl, tileKey } from './tile';

export interface Conv2dBackwardDataSpec extends Conv2dLayer {
  /**
   * The elementwise layers fused into the stage before this one, whose pre-activations (`pre`,
   * NCHW like dx) this kernel reads to carry the gradient on through them; empty when none.
   */
  readonly prevOps: readonly ElementwiseOp[];
  readonly seed: number;
  /** tile.rows input positions by tile.cols input channels (a multiple of 4) an invocation. */
  readonly tile: Tile;
}

/**
 * nn.Conv2d's input gradient (the transposed convolution of dz by W), as a gather so that every
 * dx element is written once, without atomics: rows m = (sample, iy, ix), columns the input
 * channels, and the reduction over (oc, ky, kx):
 * dx[n][ic][iy][ix] = sum dz[n][oc][oy][ox] W[oc][ic][ky][kx] over the taps where
 * oy s - p + ky = iy and ox s - p + kx = ix, that is oy = (iy + p - ky) / s when that divides
 * exactly and lands inside the output. Then times the derivative of the previous stage's fused
 * layers at their input (prevChain), so the result is that stage's own output gradient.
 * Register-blocked, interleaved and looped (taps outside, output channels inside) like
 * conv2dForward. With stride s only 1/s^2 of the taps hit an output; the others read a zero (no
 * branch): simple, and the layers that matter have s = 1.
 *
 * Bindings, in order: `stepRec` (when prevOps drop units), `dz` (`[batch][out][OH][OW]`),
 * `params`, `pre` (when prevOps is not empty), `dx` (`[batch][in][H][W]`).
 *
 * @example
 * // conv2 (8 -> 16 on 14x14) after a MaxPool2d: no fused layers before it.
 * conv2dBackwardData({ ...conv2, prevOps: [], seed: 1, tile: CONV_TILE });
 */
export function conv2dBackwardData(spec: Conv2dBackwardDataSpec): Program {
  checkConv2d(spec);
  const tile = fitTile(spec.name, spec.tile, spec.inChannels);
  const MI = spec.batch * spec.inHeight * spec.inWidth;
  const rowBlocks = Math.ceil(MI / tile.rows);
  const count = rowBlocks * Math.ceil(spec.inChannels / tile.cols);
  const bindings: Binding[] = [
    ...(usesStep(spec.prevOps) ? [STEP_BINDING] : []),
    { name: 'dz', kind: 'read-only-storage', type: 'array<f32>' },
    { name: 'params', kind: 'read-only-storage', type: 'array<f32>' },
    ...prevChainBindings(spec.prevOps),
    { name: 'dx', kind: 'storage', type: 'array<f32>' },
  ];
  return {
    name: spec.name,
    shaderKey: `conv2dBackwardData:${conv2dKey(spec)}:${chainKey(spec.prevOps, spec.seed)}:${tileKey(tile)}`,
    ...blockLaunch(tile.workgroup, count),
    bindings,
    wgsl() {
      const rows = Array.from({ length: tile.rows }, (_, r) => r);
      const cols = Array.from({ length: tile.cols }, (_, c) => c);
      const strided = spec.stride > 1;
      // The output coordinate o = n / s from n = i + p - k must land inside the output, and n
      // must be a multiple of s. A negative n wraps to at least 2^31 as a u32, whose quotient
      // is past any output. `&`, not `&&`: short-circuit branches slow SwiftShader's compiler.
      const hits = (n: string, o: string, size: string) =>
        `(${o} < ${size})${strided ? ` & (u32(${n}) % S == 0u)` : ''}`;
      const body: string[] = [
        '  let rb = inv % ROW_BLOCKS;',
        '  let col0 = (inv / ROW_BLOCKS) * COLS;',
      ];
      for (const r of rows) {
        body.push(`  let m${r} = min(rb + ${r}u * ROW_BLOCKS, MI - 1u);`);
        body.push(`  let q${r} = m${r} % HW;`);
        body.push(`  let ty${r} = i32(q${r} / IW) + PAD;`);
        body.push(`  let tx${r} = i32(q${r} % IW) + PAD;`);
        body.push(`  let base${r} = m${r} / HW * OC * P;`);
      }
      for (const c of cols) body.push(`  let wc${c} = W_OFF + min(col0 + ${c}u, C - 1u) * KK;`);
      body.push(tileAccsWgsl(tile));
      // Taps outside, output channels inside (as conv2dForward): which output a row's tap hits
      // depends on the tap only; the channel loop steps through dz's planes (P apart) and W's
      // rows (K apart).
      body.push('  for (var ky = 0u; ky < KS; ky++) {');
      for (const r of rows) {
        body.push(`    let ny${r} = ty${r} - i32(ky);`);
        body.push(`    let oy${r} = u32(ny${r}) / S;`);
        body.push(`    let iny${r} = ${hits(`ny${r}`, `oy${r}`, 'OH')};`);
      }
      body.push('    for (var kx = 0u; kx < KS; kx++) {');
      body.push('      let tap = ky * KS + kx;');
      for (const r of rows) {
        body.push(`      let nx${r} = tx${r} - i32(kx);`);
        body.push(`      let ox${r} = u32(nx${r}) / S;`);
        body.push(`      let in${r} = iny${r} & ${hits(`nx${r}`, `ox${r}`, 'OW')};`);
        // Off the output: read dz's first element of the plane instead (in bounds), then use 0.
        body.push(
          `      let from${r} = select(base${r}, base${r} + oy${r} * OW + ox${r}, in${r});`,
        );
      }
      body.push('      for (var oc = 0u; oc < OC; oc++) {');
      for (const r of rows) {
        body.push(`        let a${r} = select(0.0, dz[from${r} + oc * P], in${r});`);
      }
      for (const c of cols) body.push(`        let w${c} = params[wc${c} + oc * K + tap];`);
      body.push(outerProductWgsl(tile, 'a', 'w'));
      body.push('      }');
      body.push('    }');
      body.push('  }');
      // Each row's NCHW base once (sample n, position q: n C HW + q), then one store a channel.
      body.push(
        epilogueWgsl(
          tile,
          (r) => `rb + ${r}u * ROW_BLOCKS < MI`,
          (r) => [`let ob${r} = m${r} / HW * CHW + q${r};`],
          spec.inChannels % tile.cols === 0 ? null : (c) => `col0 + ${c}u < C`,
          (r, c, value) => `store(ob${r} + (col0 + ${c}u) * HW, ${value});`,
        ),
      );
      return `${preambleWgsl(bindings)}
${conv2dConstantsWgsl(spec)}
const MI = ${MI}u;
const ROW_BLOCKS = ${rowBlocks}u;
const COLS = ${tile.cols}u;
${prevChainWgsl(spec.prevOps, spec.seed)}
fn store(i: u32, v: f32) {
  dx[i] = v${prevChainFactorWgsl(spec.prevOps)};
}
${blockMainWgsl(tile.workgroup, count, body.join('\n'))}
`;
    },
  };
}

export interface Conv2dBackwardWeightSpec extends Conv2dLayer {
  /** Where the layer's input comes from (the dataset for the first layer). */
  readonly input: RowSource;
  /**
   * How many partial sums the reduction over the batch's M = batch x OH x OW positions is split
   * into (chunk j sums positions j, j + chunks, ...): 1 writes dW and db straight into `grads`
   * in this one dispatch; more write `partials`, which conv2dWeightReduce sums. Chunks past M
   * (a small last batch keeping the full batch's count and buffer) sum nothing and write 0.
   */
  readonly chunks: number;
  /** tile.rows output channels by tile.cols taps (a multiple of 4; the bias is one more tap). */
  readonly tile: Tile;
}

/**
 * 8 channels by 8 taps, 64 invocations: about as fast as the best tile for the lesson's layers on
 * SwiftShader (scripts/conv-speed.ts).
 */
export const CONV_GRAD_TILE: Tile = DEFAULT_TILE;

/**
 * Partial sums for the weight gradient: enough of them that the launch fills the device (about
 * 256 positions each), never more than there are positions.
 */
export function conv2dGradChunks(layer: Conv2dLayer): number {
  const { outHeight, outWidth } = conv2dOutputSize(layer);
  return Math.max(1, Math.min(1024, Math.round((layer.batch * outHeight * outWidth) / 256)));
}

/** Columns of the weight gradient's GEMM: the K = in x k x k taps, and the bias as one more. */
function gradColumns(layer: Conv2dLayer): number {
  return layer.inChannels * layer.kernelSize ** 2 + (layer.biasOffset === null ? 0 : 1);
}

/** Floats of the `partials` buffer of conv2dBackwardWeight: chunks x out x (K + bias). */
export function conv2dPartialsFloats(spec: Pick<Conv2dBackwardWeightSpec, 'chunks'> & Conv2dLayer) {
  return spec.chunks * spec.outChannels * gradColumns(spec);
}

/**
 * nn.Conv2d's parameter gradients from dz (`[batch][out][OH][OW]`, the loss gradient at the
 * layer's output before its activations) and the layer's input x: the GEMM
 * dW[oc][k] = sum over m of dz[m][oc] A[m][k] (A the implicit im2col of conv2dForward, so the
 * reduction runs over every sample and position), with db[oc] = sum dz[m][oc] as one more
 * column whose A is all ones. An invocation owns tile.rows channels by tile.cols taps of one of
 * `chunks` interleaved slices of the positions and reduces it in registers; each partial is
 * written once, and the sums over chunks (conv2dWeightReduce) run in a fixed order, so the
 * gradient is the same from run to run, with no atomics.
 *
 * Bindings, in order: `stepRec` (input from the dataset), `dz`, `x`, `perm` (input 'perm'),
 * then `grads` (chunks = 1: dW at weightOffset, db at biasOffset) or `partials`
 * (conv2dPartialsFloats, `[chunk][out][K + bias]`).
 *
 * @example
 * const chunks = conv2dGradChunks(conv1); // then partials of conv2dPartialsFloats floats
 * const passes = [
 *   conv2dBackwardWeight({ ...conv1, input: 'perm', chunks, tile: CONV_GRAD_TILE }),
 *   conv2dWeightReduce({ ...conv1, chunks }),
 * ];
 */
export function conv2dBackwardWeight(spec: Conv2dBackwardWeightSpec): Program {
  checkConv2d(spec);
  const { chunks } = spec;
  // Rows are output channels here: no more of them than the layer has.
  const fitted = fitTile(spec.name, spec.tile, gradColumns(spec));
  const tile = { ...fitted, rows: Math.min(fitted.rows, spec.outChannels) };
  const { outHeight, outWidth } = conv2dOutputSize(spec);
  const M = spec.batch * outHeight * outWidth;
  if (!Number.isInteger(chunks) || chunks < 1) {
    throw new RangeError(`${spec.name}: ${chunks} chunks`);
  }
  const KB = gradColumns(spec);
  const kBlocks = Math.ceil(KB / tile.cols);
  const count = chunks * kBlocks * Math.ceil(spec.outChannels / tile.rows);
  const direct = chunks === 1;
  const bindings: Binding[] = [
    ...(spec.input !== 'buffer' ? [STEP_BINDING] : []),
    { name: 'dz', kind: 'read-only-storage', type: 'array<f32>' },
    ...rowsBindings('x', 'array<f32>', spec.input),
    { name: direct ? 'grads' : 'partials', kind: 'storage', type: 'array<f32>' },
  ];
  return {
    name: spec.name,
    shaderKey: `conv2dBackwardWeight:${conv2dKey(spec)}:${spec.input}:${chunks}:${tileKey(tile)}`,
    ...blockLaunch(tile.workgroup, count),
    bindings,
    wgsl() {
      const outs = Array.from({ length: tile.rows }, (_, o) => o);
      const cols = Array.from({ length: tile.cols }, (_, c) => c);
      const padded = spec.padding > 0;
      const hasBias = spec.biasOffset !== null;
      const body: string[] = [
        '  let chunk = inv % CHUNKS;',
        '  let rest = inv / CHUNKS;',
        '  let kb = rest % K_BLOCKS * COLS;',
        '  let o0 = rest / K_BLOCKS * ROWS;',
      ];
      for (const c of cols) {
        // Tap k = (ic, ky, kx): its plane, and its offset from the window's corner.
        body.push(`  let k${c} = kb + ${c}u;`);
        body.push(`  let tap${c} = k${c} % KK;`);
        body.push(`  let off${c} = min(k${c} / KK, C - 1u) * HW;`);
        body.push(`  let dy${c} = i32(tap${c} / KS) - PAD;`);
        body.push(`  let dx${c} = i32(tap${c} % KS) - PAD;`);
        body.push(`  let tapIn${c} = k${c} < K;`);
        // What the column reads where it reads no x: 1 for the bias, 0 in the padding or past K.
        body.push(`  let none${c} = ${hasBias ? `select(0.0, 1.0, k${c} == K)` : '0.0'};`);
      }
      for (const o of outs) body.push(`  let gr${o} = min(o0 + ${o}u, OC - 1u) * P;`);
      body.push(tileAccsWgsl(tile));
      body.push('  for (var m = chunk; m < M; m += CHUNKS) {');
      body.push('    let n = m / P;');
      body.push('    let p = m % P;');
      body.push('    let top = i32(p / OW * S);');
      body.push('    let left = i32(p % OW * S);');
      body.push('    let gb = n * OC * P + p;');
      body.push('    let xb = rowOf(n) * CHW;');
      for (const o of outs) body.push(`    let g${o} = dz[gb + gr${o}];`);
      for (const c of cols) {
        body.push(`    let y${c} = top + dy${c};`);
        body.push(`    let x${c} = left + dx${c};`);
        const inside = padded ? ` & (u32(y${c}) < IH) & (u32(x${c}) < IW)` : '';
        body.push(`    let in${c} = tapIn${c}${inside};`);
        body.push(`    let at${c} = xb + off${c} + u32(y${c}) * IW + u32(x${c});`);
        body.push(`    let a${c} = select(none${c}, x[select(0u, at${c}, in${c})], in${c});`);
      }
      // acc{o}_{g} += g{o} (a{4g}, ..., a{4g+3}): the outer product of the slice's dz and A.
      body.push(outerProductWgsl(tile, 'g', 'a', '    '));
      body.push('  }');
      body.push(
        epilogueWgsl(
          tile,
          (r) => `o0 + ${r}u < OC`,
          () => [],
          KB % tile.cols === 0 ? null : (c) => `kb + ${c}u < KB`,
          (r, c, value) => `store(o0 + ${r}u, kb + ${c}u, ${value}, chunk);`,
        ),
      );
      const store = direct
        ? `  if (k < K) { grads[W_OFF + o * K + k] = v; }${hasBias ? ` else { grads[${spec.biasOffset}u + o] = v; }` : ''}`
        : '  partials[(chunk * OC + o) * KB + k] = v;';
      return `${preambleWgsl(bindings)}
${conv2dConstantsWgsl(spec)}
const M = ${M}u;
const KB = ${KB}u;
const CHUNKS = ${chunks}u;
const K_BLOCKS = ${kBlocks}u;
const COLS = ${tile.cols}u;
const ROWS = ${tile.rows}u;
${rowOfWgsl(spec.input)}
fn store(o: u32, k: u32, v: f32, chunk: u32) {
${store}
}
${blockMainWgsl(tile.workgroup, count, body.join('\n'))}
`;
    },
  };
}

/**
 * The second half of conv2dBackwardWeight when it has several chunks: one invocation per
 * gradient element sums its chunks' partials in order (a fixed order: the same sum every run)
 * into dW at weightOffset and db at biasOffset of `grads`.
 *
 * Bindings, in order: `partials`, `grads`.
 */
export function conv2dWeightReduce(
  spec: Pick<Conv2dBackwardWeightSpec, 'chunks'> & Conv2dLayer,
): Program {
  checkConv2d(spec);
  const KB = gradColumns(spec);
  const K = spec.inChannels * spec.kernelSize ** 2;
  const count = spec.outChannels * KB;
  const bindings: Binding[] = [
    { name: 'partials', kind: 'read-only-storage', type: 'array<f32>' },
    { name: 'grads', kind: 'storage', type: 'array<f32>' },
  ];
  const biasStore =
    spec.biasOffset === null ? '' : ` else { grads[${spec.biasOffset}u + o] = sum; }`;
  return {
    name: spec.name,
    shaderKey: `conv2dWeightReduce:${conv2dKey(spec)}:${spec.chunks}`,
    ...itemLaunch(count),
    bindings,
    wgsl: () => `${preambleWgsl(bindings)}
${itemMainWgsl('i', count)}
  var sum = 0.0;
  for (var j = 0u; j < ${spec.chunks}u; j++) { sum += partials[j * ${count}u + i]; }
  let o = i / ${KB}u;
  let k = i % ${KB}u;
  if (k < ${K}u) { grads[${spec.weightOffset}u + o * ${K}u + k] = sum; }${biasStore}
}
`,
  };
}

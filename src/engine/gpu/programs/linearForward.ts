import type { Binding, Program } from '../program';
import { chainKey, type ElementwiseOp, singleChainWgsl, usesStep } from './elementwise';
import type { LinearLayer } from './linearLayer';
import { preambleWgsl, type RowSource, rowOfWgsl, rowsBindings, STEP_BINDING } from './step';
import { type Tile, tileKey, tileLaunch, tileMainWgsl, vecType } from './tile';

export interface LinearForwardSpec extends LinearLayer {
  /** Where b starts in the flat parameter buffer, in floats. */
  readonly biasOffset: number;
  readonly input: RowSource;
  /** Elementwise layers fused after the matmul. */
  readonly ops: readonly ElementwiseOp[];
  /** Also store z = xW^T + b, which the backward pass needs when `ops` is not empty. */
  readonly writePre: boolean;
  readonly seed: number;
  readonly tile: Tile;
}

/**
 * nn.Linear and the activations after it in one kernel: out = act(x W^T + b). Both operands are
 * contiguous along the reduction (`in`), so with `in % 4 == 0` every load is a vec4 and every
 * multiply-add a `dot`. Each invocation computes a tile.rows x tile.cols block of outputs from
 * registers, without workgroup memory or barriers (barriers are slow on CPU-emulated GPUs such
 * as SwiftShader). Rows and columns past the edge are clamped on load and skipped on store.
 */
export function linearForward(spec: LinearForwardSpec): Program {
  const { rows: M, inFeatures: K, outFeatures: N, tile } = spec;
  const vec = vec4Rows(spec);
  const bindings = forwardBindings(spec, vec);
  return {
    name: spec.name,
    shaderKey: `linearForward:${forwardKey(spec)}:${tileKey(tile)}`,
    ...tileLaunch(tile, Math.ceil(N / tile.cols), M),
    bindings,
    wgsl() {
      const unit = vec ? 'KV' : 'K';
      const setup: string[] = [];
      for (let r = 0; r < tile.rows; r++) {
        setup.push(`  let xr${r} = rowOf(min(row0 + ${r}u, M - 1u)) * ${unit};`);
      }
      setup.push(weightRowsWgsl(tile.cols, 'col0', unit));
      const loop = [`  for (var k = 0u; k < ${unit}; k++) {`];
      for (let r = 0; r < tile.rows; r++) loop.push(`    let a${r} = x[xr${r} + k];`);
      loop.push(weightLoadsWgsl(tile.cols));
      for (let r = 0; r < tile.rows; r++) {
        for (let g = 0; g < tile.cols / 4; g++) loop.push(accumulateWgsl(r, g, vec));
      }
      loop.push('  }');
      return `${preambleWgsl(bindings)}
const M = ${M}u;
const N = ${N}u;
const K = ${K}u;
${vec ? `const KV = ${K / 4}u;` : ''}
const W_OFF = ${vec ? spec.weightOffset / 4 : spec.weightOffset}u;
const B_OFF = ${spec.biasOffset}u;
${rowOfWgsl(spec.input)}
${biasActStoreWgsl(spec, vec)}
${tileMainWgsl(tile, 'col0', setup.join('\n'), loop.join('\n'))}`;
    },
  };
}

// The parts below are shared with linearForwardShared, the same layer on 4-lane quads.

/** Whether rows of x and W are whole vec4s: then every load is a vec4 and every product a `dot`. */
export function vec4Rows(spec: Pick<LinearForwardSpec, 'inFeatures' | 'weightOffset'>): boolean {
  return spec.inFeatures % 4 === 0 && spec.weightOffset % 4 === 0;
}

/** What the layer binds: x and params as vec4s when `vec`; the step record when it is read. */
export function forwardBindings(spec: Omit<LinearForwardSpec, 'tile'>, vec: boolean): Binding[] {
  const stepBound = spec.input !== 'buffer' || usesStep(spec.ops);
  return [
    ...(stepBound ? [STEP_BINDING] : []),
    ...rowsBindings('x', vecType(vec), spec.input),
    { name: 'params', kind: 'read-only-storage', type: vecType(vec) },
    ...(spec.writePre ? [{ name: 'pre', kind: 'storage', type: 'array<f32>' } as const] : []),
    { name: 'out', kind: 'storage', type: 'array<f32>' },
  ];
}

/** What a forward kernel's WGSL depends on besides its tile, for its shader key. */
export function forwardKey(spec: Omit<LinearForwardSpec, 'tile'>): string {
  const { rows: M, inFeatures: K, outFeatures: N } = spec;
  return `${M}x${K}x${N}:${spec.weightOffset}:${spec.biasOffset}:${spec.input}:${chainKey(spec.ops, spec.seed)}:${spec.writePre}`;
}

/** Where the W rows of the `cols` output columns from `col0` start (clamped to the last row). */
export function weightRowsWgsl(cols: number, col0: string, unit: string): string {
  const lines = [];
  for (let c = 0; c < cols; c++)
    lines.push(`  let wr${c} = W_OFF + min(${col0} + ${c}u, N - 1u) * ${unit};`);
  return lines.join('\n');
}

/** Step k of the reduction along those W rows: `w{c}`, one per output column. */
export function weightLoadsWgsl(cols: number): string {
  const lines = [];
  for (let c = 0; c < cols; c++) lines.push(`    let w${c} = params[wr${c} + k];`);
  return lines.join('\n');
}

/**
 * acc{r}_{g} gains x[row r][k] W[col][k] for columns 4g..4g+3: four `dot`s of vec4s when `vec`,
 * else the scalar a{r} times four scalars.
 */
export function accumulateWgsl(r: number, g: number, vec: boolean): string {
  const w = [0, 1, 2, 3].map((e) => `w${4 * g + e}`);
  const sum = `vec4<f32>(${(vec ? w.map((name) => `dot(a${r}, ${name})`) : w).join(', ')})`;
  return `    acc${r}_${g} += ${vec ? sum : `a${r} * ${sum}`};`;
}

/**
 * The epilogue, `store(row, col, acc)`: z = acc + b[col] (nn.Linear), kept in `pre` when the
 * backward pass needs it, and out = act(z) through the fused elementwise layers.
 */
export function biasActStoreWgsl(spec: Omit<LinearForwardSpec, 'tile'>, vec: boolean): string {
  const bias = vec ? 'params[(B_OFF + col) / 4u][(B_OFF + col) % 4u]' : 'params[B_OFF + col]';
  return `${singleChainWgsl('act', spec.ops, spec.seed)}
fn store(row: u32, col: u32, acc: f32) {
  if (row >= M || col >= N) { return; }
  let z = acc + ${bias};
  let i = row * N + col;
${spec.writePre ? '  pre[i] = z;' : ''}
  out[i] = act(z, i, ${usesStep(spec.ops) ? 'stepRec.t' : '0u'});
}`;
}

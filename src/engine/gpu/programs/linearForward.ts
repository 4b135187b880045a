import { type Binding, bindingsWgsl, entryPointWgsl, groupsFor, type Program } from '../program';
import {
  chainKey,
  chainWgsl,
  dropoutHeaderWgsl,
  type ElementwiseOp,
  usesStep,
} from './elementwise';
import { PERM_BINDING, type RowSource, rowOfWgsl, STEP_BINDING, STEP_STRUCT_WGSL } from './step';
import { type Tile, tileKey, tileStoresWgsl, vecType } from './tile';

export interface LinearForwardSpec {
  readonly name: string;
  /** Batch rows. */
  readonly rows: number;
  readonly inFeatures: number;
  readonly outFeatures: number;
  /** Where W (`[out][in]`) and b start in the flat parameter buffer, in floats. */
  readonly weightOffset: number;
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
  const vec = K % 4 === 0 && spec.weightOffset % 4 === 0;
  const stepBound = spec.input !== 'buffer' || usesStep(spec.ops);
  const bindings: Binding[] = [
    ...(stepBound ? [STEP_BINDING] : []),
    { name: 'x', kind: 'read-only-storage', type: vecType(vec) },
    ...(spec.input === 'perm' ? [PERM_BINDING] : []),
    { name: 'params', kind: 'read-only-storage', type: vecType(vec) },
    ...(spec.writePre ? [{ name: 'pre', kind: 'storage', type: 'array<f32>' } as const] : []),
    { name: 'out', kind: 'storage', type: 'array<f32>' },
  ];
  const groups = tile.cols / 4;
  const colBlocks = Math.ceil(N / tile.cols);
  const workgroupSize = [tile.workgroup, 1, 1] as const;
  return {
    name: spec.name,
    shaderKey: `linearForward:${M}x${K}x${N}:${spec.weightOffset}:${spec.biasOffset}:${spec.input}:${chainKey(spec.ops, spec.seed)}:${spec.writePre}:${tileKey(tile)}`,
    workgroupSize,
    dispatch: [groupsFor(colBlocks, tile.workgroup), Math.ceil(M / tile.rows), 1],
    bindings,
    wgsl() {
      const rowsIdx = Array.from({ length: tile.rows }, (_, r) => r);
      const colsIdx = Array.from({ length: tile.cols }, (_, c) => c);
      const unit = vec ? 'KV' : 'K';
      const lines: string[] = [];
      for (const r of rowsIdx)
        lines.push(`  let xr${r} = rowOf(min(row0 + ${r}u, M - 1u)) * ${unit};`);
      for (const c of colsIdx)
        lines.push(`  let wr${c} = W_OFF + min(col0 + ${c}u, N - 1u) * ${unit};`);
      for (const r of rowsIdx) {
        for (let g = 0; g < groups; g++) lines.push(`  var acc${r}_${g} = vec4<f32>();`);
      }
      lines.push(`  for (var k = 0u; k < ${unit}; k++) {`);
      for (const r of rowsIdx) lines.push(`    let a${r} = x[xr${r} + k];`);
      for (const c of colsIdx) lines.push(`    let w${c} = params[wr${c} + k];`);
      for (const r of rowsIdx) {
        for (let g = 0; g < groups; g++) {
          const w = [0, 1, 2, 3].map((e) => `w${4 * g + e}`);
          const terms = vec ? w.map((name) => `dot(a${r}, ${name})`) : w;
          const sum = `vec4<f32>(${terms.join(', ')})`;
          lines.push(`    acc${r}_${g} += ${vec ? sum : `a${r} * ${sum}`};`);
        }
      }
      lines.push('  }');
      lines.push(tileStoresWgsl(tile, 'row0', 'col0', 'store'));
      const bias = vec ? 'params[(B_OFF + col) / 4u][(B_OFF + col) % 4u]' : 'params[B_OFF + col]';
      return `${stepBound ? STEP_STRUCT_WGSL : ''}
${bindingsWgsl(bindings)}
const M = ${M}u;
const N = ${N}u;
const K = ${K}u;
${vec ? `const KV = ${K / 4}u;` : ''}
const W_OFF = ${vec ? spec.weightOffset / 4 : spec.weightOffset}u;
const B_OFF = ${spec.biasOffset}u;
${rowOfWgsl(spec.input)}
${dropoutHeaderWgsl(spec.seed, [spec.ops])}
${chainWgsl('act', spec.ops)}
fn store(row: u32, col: u32, acc: f32) {
  if (row >= M || col >= N) { return; }
  let z = acc + ${bias};
  let i = row * N + col;
${spec.writePre ? '  pre[i] = z;' : ''}
  out[i] = act(z, i, ${usesStep(spec.ops) ? 'stepRec.t' : '0u'});
}
${entryPointWgsl({ workgroupSize })}
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let col0 = gid.x * ${tile.cols}u;
  let row0 = gid.y * ${tile.rows}u;
  if (col0 >= N) { return; }
${lines.join('\n')}
}
`;
    },
  };
}

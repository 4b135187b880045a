import { type Binding, bindingsWgsl, entryPointWgsl, groupsFor, type Program } from '../program';
import {
  chainKey,
  chainWgsl,
  dropoutHeaderWgsl,
  type ElementwiseOp,
  usesStep,
} from './elementwise';
import { STEP_BINDING, STEP_STRUCT_WGSL } from './step';
import { type Tile, tileKey, tileStoresWgsl, vecType } from './tile';

export interface LinearBackwardDataSpec {
  readonly name: string;
  readonly rows: number;
  readonly inFeatures: number;
  readonly outFeatures: number;
  /** Where W (`[out][in]`) starts in the flat parameter buffer, in floats. */
  readonly weightOffset: number;
  /**
   * The elementwise layers fused after the previous Linear, whose pre-activations (`pre`) this
   * kernel reads to carry the gradient on through them; empty when there are none.
   */
  readonly prevOps: readonly ElementwiseOp[];
  readonly seed: number;
  readonly tile: Tile;
}

/**
 * nn.Linear's input gradient, dx = dz W (`[rows][out]` times `[out][in]`), times the derivative
 * of the elementwise layers before it (ReLU's mask and the like) at their own inputs, so the
 * result is the previous Linear's dz, ready for its own backward kernels. Register-blocked like
 * linearForward: each invocation owns tile.rows x tile.cols outputs, W rows loaded as vec4.
 */
export function linearBackwardData(spec: LinearBackwardDataSpec): Program {
  const { rows: M, inFeatures: N, outFeatures: K, tile } = spec;
  const vecK = K % 4 === 0;
  const vecW = N % 4 === 0 && spec.weightOffset % 4 === 0;
  const chained = spec.prevOps.length > 0;
  const stepBound = usesStep(spec.prevOps);
  const bindings: Binding[] = [
    ...(stepBound ? [STEP_BINDING] : []),
    { name: 'dz', kind: 'read-only-storage', type: vecType(vecK) },
    { name: 'params', kind: 'read-only-storage', type: vecType(vecW) },
    ...(chained ? [{ name: 'pre', kind: 'read-only-storage', type: 'array<f32>' } as const] : []),
    { name: 'dx', kind: 'storage', type: 'array<f32>' },
  ];
  const colBlocks = Math.ceil(N / tile.cols);
  const workgroupSize = [tile.workgroup, 1, 1] as const;
  return {
    name: spec.name,
    shaderKey: `linearBackwardData:${M}x${N}x${K}:${spec.weightOffset}:${chainKey(spec.prevOps, spec.seed)}:${tileKey(tile)}`,
    workgroupSize,
    dispatch: [groupsFor(colBlocks, tile.workgroup), Math.ceil(M / tile.rows), 1],
    bindings,
    wgsl() {
      const rowsIdx = Array.from({ length: tile.rows }, (_, r) => r);
      const groups = Array.from({ length: tile.cols / 4 }, (_, g) => g);
      // Row `k` of W at the tile's columns, as vec4s w{j}_{g}.
      const loadW = (k: string, j: number) =>
        groups.map((g) =>
          vecW
            ? `    let w${j}_${g} = params[W_OFF + (${k}) * (N / 4u) + min(i0 / 4u + ${g}u, N / 4u - 1u)];`
            : `    let w${j}_${g} = vec4<f32>(${[0, 1, 2, 3].map((e) => `params[W_OFF + (${k}) * N + min(i0 + ${4 * g + e}u, N - 1u)]`).join(', ')});`,
        );
      const lines: string[] = [];
      for (const r of rowsIdx)
        lines.push(`  let dr${r} = min(row0 + ${r}u, M - 1u) * ${vecK ? 'KV' : 'K'};`);
      for (const r of rowsIdx)
        for (const g of groups) lines.push(`  var acc${r}_${g} = vec4<f32>();`);
      if (vecK) {
        // Four rows of W per iteration against one vec4 of dz per output row.
        lines.push('  for (var k = 0u; k < KV; k++) {');
        for (const r of rowsIdx) lines.push(`    let a${r} = dz[dr${r} + k];`);
        for (let j = 0; j < 4; j++) lines.push(...loadW(`4u * k + ${j}u`, j));
        for (const r of rowsIdx) {
          for (const g of groups) {
            const terms = ['x', 'y', 'z', 'w'].map((c, j) => `a${r}.${c} * w${j}_${g}`);
            lines.push(`    acc${r}_${g} += ${terms.join(' + ')};`);
          }
        }
      } else {
        lines.push('  for (var k = 0u; k < K; k++) {');
        for (const r of rowsIdx) lines.push(`    let a${r} = dz[dr${r} + k];`);
        lines.push(...loadW('k', 0));
        for (const r of rowsIdx)
          for (const g of groups) lines.push(`    acc${r}_${g} += a${r} * w0_${g};`);
      }
      lines.push('  }');
      lines.push(tileStoresWgsl(tile, 'row0', 'i0', 'store'));
      const step = stepBound ? 'stepRec.t' : '0u';
      return `${stepBound ? STEP_STRUCT_WGSL : ''}
${bindingsWgsl(bindings)}
const M = ${M}u;
const N = ${N}u;
const K = ${K}u;
${vecK ? `const KV = ${K / 4}u;` : ''}
const W_OFF = ${vecW ? spec.weightOffset / 4 : spec.weightOffset}u;
${dropoutHeaderWgsl(spec.seed, [spec.prevOps])}
${chained ? chainWgsl('prevAct', spec.prevOps) : ''}
fn store(row: u32, col: u32, v: f32) {
  if (row >= M || col >= N) { return; }
  let i = row * N + col;
  dx[i] = ${chained ? `v * prevActGrad(pre[i], i, ${step})` : 'v'};
}
${entryPointWgsl({ workgroupSize })}
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i0 = gid.x * ${tile.cols}u;
  let row0 = gid.y * ${tile.rows}u;
  if (i0 >= N) { return; }
${lines.join('\n')}
}
`;
    },
  };
}

import { type Binding, bindingsWgsl, entryPointWgsl, groupsFor, type Program } from '../program';
import { chainKey, chainWgsl, dropoutHeaderWgsl, usesStep } from './elementwise';
import type { LinearForwardSpec } from './linearForward';
import { PERM_BINDING, rowOfWgsl, STEP_BINDING, STEP_STRUCT_WGSL } from './step';
import { tileStoresWgsl } from './tile';

/** Lanes that share loads: one subgroup of exactly this size (SwiftShader's is 4). */
export const QUAD = 4;

/**
 * How the quad-shared forward splits its output: each quad of lanes owns `rows` batch rows by
 * 4 x `cols` columns (`cols`, 4 or 8, a lane); `workgroup` lanes (a multiple of 4) a workgroup.
 */
export interface QuadTile {
  readonly rows: number;
  readonly cols: number;
  readonly workgroup: number;
}

/** Whether `linearForwardShared` can run this layer: rows of x and W must be whole vec4s. */
export function sharedForwardFits(spec: Pick<LinearForwardSpec, 'inFeatures' | 'weightOffset'>) {
  return spec.inFeatures % 4 === 0 && spec.weightOffset % 4 === 0;
}

/**
 * linearForward for adapters whose subgroups are exactly 4 lanes (CPU emulations such as
 * SwiftShader, where every storage load is an emulated gather and costs far more than the
 * arithmetic): the 4 lanes of a quad compute the same `rows` batch rows, each for its own 4
 * columns, and each lane loads only a quarter of those rows of x, handing them to the others by
 * `subgroupBroadcast`. Per vec4 step of the reduction a lane loads rows/4 + cols vec4s for
 * rows x cols dot products: with 16 x 4, half the loads of a register-blocked 8x8 tile. Control flow stays uniform until
 * the stores (the broadcasts need it): lanes past the edge compute on clamped rows and store
 * nothing.
 */
export function linearForwardShared(
  spec: Omit<LinearForwardSpec, 'tile'>,
  tile: QuadTile,
): Program {
  const { rows: M, inFeatures: K, outFeatures: N } = spec;
  const fits = tile.rows % QUAD === 0 && tile.cols % 4 === 0 && tile.workgroup % QUAD === 0;
  if (!sharedForwardFits(spec) || !fits) {
    throw new Error(`${spec.name}: the quad-shared forward needs vec4 rows and 4-lane quads`);
  }
  const stepBound = spec.input !== 'buffer' || usesStep(spec.ops);
  const bindings: Binding[] = [
    ...(stepBound ? [STEP_BINDING] : []),
    { name: 'x', kind: 'read-only-storage', type: 'array<vec4<f32>>' },
    ...(spec.input === 'perm' ? [PERM_BINDING] : []),
    { name: 'params', kind: 'read-only-storage', type: 'array<vec4<f32>>' },
    ...(spec.writePre ? [{ name: 'pre', kind: 'storage', type: 'array<f32>' } as const] : []),
    { name: 'out', kind: 'storage', type: 'array<f32>' },
  ];
  const colQuads = Math.ceil(N / (QUAD * tile.cols));
  const quads = colQuads * Math.ceil(M / tile.rows);
  const workgroupSize = [tile.workgroup, 1, 1] as const;
  return {
    name: spec.name,
    shaderKey: `linearForwardShared:${M}x${K}x${N}:${spec.weightOffset}:${spec.biasOffset}:${spec.input}:${chainKey(spec.ops, spec.seed)}:${spec.writePre}:q${tile.rows}x${tile.cols}w${tile.workgroup}`,
    workgroupSize,
    dispatch: [groupsFor(quads, tile.workgroup / QUAD), 1, 1],
    bindings,
    wgsl() {
      const loads = tile.rows / QUAD;
      const lines: string[] = [];
      for (let j = 0; j < loads; j++) {
        lines.push(`  let xr${j} = rowOf(min(m0 + ${QUAD * j}u + q, M - 1u)) * KV;`);
      }
      const groups = tile.cols / 4;
      for (let c = 0; c < tile.cols; c++) {
        lines.push(`  let wr${c} = W_OFF + min(n0 + ${c}u, N - 1u) * KV;`);
      }
      for (let r = 0; r < tile.rows; r++) {
        for (let g = 0; g < groups; g++) lines.push(`  var acc${r}_${g} = vec4<f32>();`);
      }
      lines.push('  for (var k = 0u; k < KV; k++) {');
      for (let j = 0; j < loads; j++) lines.push(`    let xv${j} = x[xr${j} + k];`);
      for (let c = 0; c < tile.cols; c++) lines.push(`    let w${c} = params[wr${c} + k];`);
      for (let r = 0; r < tile.rows; r++) {
        // Row m0 + r was loaded by lane r % 4 as its load r / 4.
        lines.push(`    let a${r} = subgroupBroadcast(xv${Math.floor(r / QUAD)}, ${r % QUAD}u);`);
        for (let g = 0; g < groups; g++) {
          const dots = [0, 1, 2, 3].map((e) => `dot(a${r}, w${4 * g + e})`);
          lines.push(`    acc${r}_${g} += vec4<f32>(${dots.join(', ')});`);
        }
      }
      lines.push('  }');
      lines.push(tileStoresWgsl(tile, 'm0', 'n0', 'store'));
      return `enable subgroups;
${stepBound ? STEP_STRUCT_WGSL : ''}
${bindingsWgsl(bindings)}
const M = ${M}u;
const N = ${N}u;
const KV = ${K / 4}u;
const W_OFF = ${spec.weightOffset / 4}u;
const B_OFF = ${spec.biasOffset}u;
${rowOfWgsl(spec.input)}
${dropoutHeaderWgsl(spec.seed, [spec.ops])}
${chainWgsl('act', spec.ops)}
fn store(row: u32, col: u32, acc: f32) {
  if (row >= M || col >= N) { return; }
  let z = acc + params[(B_OFF + col) / 4u][(B_OFF + col) % 4u];
  let i = row * N + col;
${spec.writePre ? '  pre[i] = z;' : ''}
  out[i] = act(z, i, ${usesStep(spec.ops) ? 'stepRec.t' : '0u'});
}
${entryPointWgsl({ workgroupSize })}
fn main(
  @builtin(workgroup_id) wid: vec3<u32>,
  @builtin(local_invocation_index) lid: u32,
  @builtin(subgroup_invocation_id) q: u32,
) {
  let quad = wid.x * ${tile.workgroup / QUAD}u + lid / ${QUAD}u;
  let m0 = (quad / ${colQuads}u) * ${tile.rows}u;
  let n0 = (quad % ${colQuads}u) * ${QUAD * tile.cols}u + q * ${tile.cols}u;
${lines.join('\n')}
}
`;
    },
  };
}

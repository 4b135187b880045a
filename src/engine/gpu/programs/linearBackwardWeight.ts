import { type Binding, entryPointWgsl, type Program } from '../program';
import type { LinearLayer } from './linearLayer';
import { preambleWgsl, type RowSource, rowOfWgsl, rowsBindings, STEP_BINDING } from './step';
import { type Tile, tileAccsWgsl, tileKey, tileLaunch, tileStoresWgsl, vecType } from './tile';

export interface LinearBackwardWeightSpec extends LinearLayer {
  /** Where db starts in the flat gradient buffer, in floats. */
  readonly biasOffset: number;
  /** Where the layer's input rows come from (the dataset for the first layer). */
  readonly input: RowSource;
  readonly tile: Tile;
}

/**
 * nn.Linear's parameter gradients from dz (`[rows][out]`, the loss gradient at the layer's
 * output before its activations) and the layer's input x (`[rows][in]`):
 * dW = dz^T x and db = the column sums of dz (the bias gradient folded in as one more column
 * block whose "input" is all ones). Each invocation owns its block outright (the whole batch is
 * reduced in registers), so the gradient is written once, with no atomics and no barriers.
 */
export function linearBackwardWeight(spec: LinearBackwardWeightSpec): Program {
  const { rows: R, inFeatures: N, outFeatures: M, tile } = spec;
  const vecG = M % 4 === 0;
  const vecX = N % 4 === 0;
  const stepBound = spec.input !== 'buffer';
  const bindings: Binding[] = [
    ...(stepBound ? [STEP_BINDING] : []),
    { name: 'dz', kind: 'read-only-storage', type: vecType(vecG) },
    ...rowsBindings('x', vecType(vecX), spec.input),
    { name: 'grads', kind: 'storage', type: 'array<f32>' },
  ];
  const colBlocks = Math.ceil(N / tile.cols);
  const launch = tileLaunch(tile, colBlocks + 1, M); // One more column block for the bias.
  return {
    name: spec.name,
    shaderKey: `linearBackwardWeight:${gradKey(spec)}:${tileKey(tile)}`,
    ...launch,
    bindings,
    wgsl() {
      const outs = Array.from({ length: tile.rows }, (_, o) => o);
      const groups = Array.from({ length: tile.cols / 4 }, (_, g) => g);
      // dz[b][o0 + o] for the tile's rows, as scalars g0, g1... (vec4 loads when aligned).
      const loadG: string[] = [];
      for (let q = 0; q < tile.rows; q += 4) {
        if (vecG) {
          loadG.push(`    let gv${q} = dz[b * (M / 4u) + min(o0 / 4u + ${q / 4}u, M / 4u - 1u)];`);
          for (let e = 0; e < 4; e++) loadG.push(`    let g${q + e} = gv${q}[${e}];`);
        } else {
          for (let e = 0; e < 4; e++) {
            loadG.push(`    let g${q + e} = dz[b * M + min(o0 + ${q + e}u, M - 1u)];`);
          }
        }
      }
      const loadX = groups.map((g) =>
        vecX
          ? `    let x${g} = x[xr + i0 / 4u + ${g}u];`
          : `    let x${g} = vec4<f32>(${[0, 1, 2, 3].map((e) => `x[xr + min(i0 + ${4 * g + e}u, N - 1u)]`).join(', ')});`,
      );
      const fma = outs.flatMap((o) => groups.map((g) => `    acc${o}_${g} += g${o} * x${g};`));
      const biasAcc = outs.map((o) => `    var bsum${o} = 0.0;`);
      const biasAdd = outs.map((o) => `      bsum${o} += g${o};`);
      const biasStore = outs.map(
        (o) => `    if (o0 + ${o}u < M) { grads[DB_OFF + o0 + ${o}u] = bsum${o}; }`,
      );
      return `${preambleWgsl(bindings)}
const R = ${R}u;
const M = ${M}u;
const N = ${N}u;
const DW_OFF = ${spec.weightOffset}u;
const DB_OFF = ${spec.biasOffset}u;
const COL_BLOCKS = ${colBlocks}u;
${rowOfWgsl(spec.input)}
fn storeW(o: u32, i: u32, v: f32) {
  if (o < M && i < N) { grads[DW_OFF + o * N + i] = v; }
}
${entryPointWgsl(launch)}
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let o0 = gid.y * ${tile.rows}u;
  if (gid.x > COL_BLOCKS) { return; }
  if (gid.x == COL_BLOCKS) {
${biasAcc.join('\n')}
    for (var b = 0u; b < R; b++) {
${loadG.map((l) => `  ${l}`).join('\n')}
${biasAdd.join('\n')}
    }
${biasStore.join('\n')}
    return;
  }
  let i0 = gid.x * ${tile.cols}u;
${tileAccsWgsl(tile)}
  for (var b = 0u; b < R; b++) {
    let xr = rowOf(b) * ${vecX ? 'N / 4u' : 'N'};
${loadG.join('\n')}
${loadX.join('\n')}
${fma.join('\n')}
  }
${tileStoresWgsl(tile, 'o0', 'i0', 'storeW')}
}
`;
    },
  };
}

/** What a weight-gradient kernel's WGSL depends on besides its tile, for its shader key. */
export function gradKey(spec: Omit<LinearBackwardWeightSpec, 'tile'>): string {
  const { rows: R, inFeatures: N, outFeatures: M } = spec;
  return `${R}x${N}x${M}:${spec.weightOffset}:${spec.biasOffset}:${spec.input}`;
}

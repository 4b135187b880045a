import type { Binding, Program } from '../program';
import { gradKey, type LinearBackwardWeightSpec } from './linearBackwardWeight';
import { type QuadTile, quadLaunch, quadMainWgsl, quadTileKey } from './quad';
import { preambleWgsl, rowOfWgsl, rowsBindings, STEP_BINDING } from './step';

/** Whether `linearBackwardWeightShared` can run this layer: dz, x and dW rows in whole vec4s. */
export function sharedGradFits(
  spec: Pick<
    LinearBackwardWeightSpec,
    'inFeatures' | 'outFeatures' | 'weightOffset' | 'biasOffset'
  >,
) {
  return (
    spec.inFeatures % 4 === 0 &&
    spec.outFeatures % 4 === 0 &&
    spec.weightOffset % 4 === 0 &&
    spec.biasOffset % 4 === 0
  );
}

/**
 * linearBackwardWeight (dW = dz^T x, db = column sums of dz) for adapters with 4-lane subgroups,
 * four batch rows at a time. Lane q of a quad loads batch row b + q of dz (the quad's `rows`
 * outputs, shared by all four lanes: `subgroupBroadcast`) and rows b..b+3 of x (its own `cols`
 * inputs); regrouped per output and per input, those are vec4s along the batch, and each
 * dW element gains one `dot` of them. Sums in scalars, four products each: on SwiftShader,
 * whose accumulators live in memory, that is a quarter of the accumulator traffic of adding
 * outer products row by row. Rows past the batch load as zeros. Every lane also sums the dz it
 * sees into the bias gradient, which the lane holding input 0 stores; dW and db are stored as
 * whole vec4s (every offset in the flat buffer is a multiple of 4).
 */
export function linearBackwardWeightShared(
  spec: Omit<LinearBackwardWeightSpec, 'tile'>,
  tile: QuadTile,
): Program {
  const { rows: R, inFeatures: N, outFeatures: M } = spec;
  if (!sharedGradFits(spec) || tile.rows % 4 !== 0 || tile.cols % 4 !== 0) {
    throw new Error(`${spec.name}: the quad-shared weight gradient needs vec4 rows`);
  }
  const stepBound = spec.input !== 'buffer';
  const bindings: Binding[] = [
    ...(stepBound ? [STEP_BINDING] : []),
    { name: 'dz', kind: 'read-only-storage', type: 'array<vec4<f32>>' },
    ...rowsBindings('x', 'array<vec4<f32>>', spec.input),
    { name: 'grads', kind: 'storage', type: 'array<vec4<f32>>' },
  ];
  return {
    name: spec.name,
    shaderKey: `linearBackwardWeightShared:${gradKey(spec)}:${quadTileKey(tile)}`,
    ...quadLaunch(tile, M, N),
    bindings,
    wgsl() {
      const gVecs = tile.rows / 4;
      const xVecs = tile.cols / 4;
      const lanes = [0, 1, 2, 3];
      const lines: string[] = [];
      for (let t = 0; t < gVecs; t++) lines.push(`  let gc${t} = min(o0 / 4u + ${t}u, MV - 1u);`);
      for (let c = 0; c < xVecs; c++) lines.push(`  let xc${c} = min(i0 / 4u + ${c}u, NV - 1u);`);
      for (let r = 0; r < tile.rows; r++) {
        for (let i = 0; i < tile.cols; i++) lines.push(`  var acc${r}_${i} = 0.0;`);
      }
      for (let t = 0; t < gVecs; t++) lines.push(`  var bsum${t} = vec4<f32>();`);
      lines.push('  for (var b = 0u; b < R; b += 4u) {');
      // This lane's batch row, b + q: its dz is shared, its dataset row index too.
      lines.push('    let mine = min(b + q, R - 1u);');
      lines.push('    let keep = select(0.0, 1.0, b + q < R);');
      lines.push('    let src = rowOf(mine) * NV;');
      for (let t = 0; t < gVecs; t++) lines.push(`    let gl${t} = keep * dz[mine * MV + gc${t}];`);
      for (const u of lanes) {
        lines.push(`    let xr${u} = subgroupBroadcast(src, ${u}u);`);
        for (let c = 0; c < xVecs; c++) lines.push(`    let x${u}_${c} = x[xr${u} + xc${c}];`);
        for (let t = 0; t < gVecs; t++) {
          lines.push(`    let g${u}_${t} = subgroupBroadcast(gl${t}, ${u}u);`);
        }
      }
      for (let t = 0; t < gVecs; t++) {
        lines.push(`    bsum${t} += ${lanes.map((u) => `g${u}_${t}`).join(' + ')};`);
      }
      // Regrouped along the batch: output o0 + r over rows b..b+3, and input i0 + i.
      const along = (name: (u: number) => string) =>
        `vec4<f32>(${lanes.map((u) => name(u)).join(', ')})`;
      for (let r = 0; r < tile.rows; r++) {
        const t = Math.floor(r / 4);
        lines.push(`    let gz${r} = ${along((u) => `g${u}_${t}[${r % 4}]`)};`);
      }
      for (let i = 0; i < tile.cols; i++) {
        const c = Math.floor(i / 4);
        lines.push(`    let xz${i} = ${along((u) => `x${u}_${c}[${i % 4}]`)};`);
      }
      for (let r = 0; r < tile.rows; r++) {
        for (let i = 0; i < tile.cols; i++) lines.push(`    acc${r}_${i} += dot(gz${r}, xz${i});`);
      }
      lines.push('  }');
      for (let r = 0; r < tile.rows; r++) {
        lines.push(`  if (o0 + ${r}u < M) {`);
        for (let c = 0; c < xVecs; c++) {
          const sums = lanes.map((e) => `acc${r}_${4 * c + e}`).join(', ');
          lines.push(
            `    if (i0 + ${4 * c}u < N) { grads[DW_OFF + (o0 + ${r}u) * NV + i0 / 4u + ${c}u] = vec4<f32>(${sums}); }`,
          );
        }
        lines.push('  }');
      }
      lines.push('  if (i0 == 0u) {');
      for (let t = 0; t < gVecs; t++) {
        lines.push(`    if (o0 + ${4 * t}u < M) { grads[DB_OFF + o0 / 4u + ${t}u] = bsum${t}; }`);
      }
      lines.push('  }');
      return `enable subgroups;
${preambleWgsl(bindings)}
const R = ${R}u;
const M = ${M}u;
const N = ${N}u;
const MV = ${M / 4}u;
const NV = ${N / 4}u;
const DW_OFF = ${spec.weightOffset / 4}u;
const DB_OFF = ${spec.biasOffset / 4}u;
${rowOfWgsl(spec.input)}
${quadMainWgsl(tile, M, N, { row0: 'o0', col0: 'i0' }, lines.join('\n'))}`;
    },
  };
}

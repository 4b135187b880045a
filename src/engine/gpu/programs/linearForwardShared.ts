import type { Program } from '../program';
import {
  accumulateWgsl,
  biasActStoreWgsl,
  forwardBindings,
  forwardKey,
  type LinearForwardSpec,
  vec4Rows,
  weightLoadsWgsl,
  weightRowsWgsl,
} from './linearForward';
import { QUAD, type QuadTile, quadLaunch, quadMainWgsl, quadTileKey } from './quad';
import { preambleWgsl, rowOfWgsl } from './step';
import { tileAccsWgsl, tileStoresWgsl } from './tile';

/** Whether `linearForwardShared` can run this layer: rows of x and W must be whole vec4s. */
export function sharedForwardFits(spec: Pick<LinearForwardSpec, 'inFeatures' | 'weightOffset'>) {
  return vec4Rows(spec);
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
  const bindings = forwardBindings(spec, true);
  return {
    name: spec.name,
    shaderKey: `linearForwardShared:${forwardKey(spec)}:${quadTileKey(tile)}`,
    ...quadLaunch(tile, M, N),
    bindings,
    wgsl() {
      const loads = tile.rows / QUAD;
      const lines: string[] = [];
      for (let j = 0; j < loads; j++) {
        lines.push(`  let xr${j} = rowOf(min(m0 + ${QUAD * j}u + q, M - 1u)) * KV;`);
      }
      lines.push(weightRowsWgsl(tile.cols, 'n0', 'KV'), tileAccsWgsl(tile));
      lines.push('  for (var k = 0u; k < KV; k++) {');
      for (let j = 0; j < loads; j++) lines.push(`    let xv${j} = x[xr${j} + k];`);
      lines.push(weightLoadsWgsl(tile.cols));
      for (let r = 0; r < tile.rows; r++) {
        // Row m0 + r was loaded by lane r % 4 as its load r / 4.
        lines.push(`    let a${r} = subgroupBroadcast(xv${Math.floor(r / QUAD)}, ${r % QUAD}u);`);
        for (let g = 0; g < tile.cols / 4; g++) lines.push(accumulateWgsl(r, g, true));
      }
      lines.push('  }');
      lines.push(tileStoresWgsl(tile, 'm0', 'n0', 'store'));
      return `enable subgroups;
${preambleWgsl(bindings)}
const M = ${M}u;
const N = ${N}u;
const KV = ${K / 4}u;
const W_OFF = ${spec.weightOffset / 4}u;
const B_OFF = ${spec.biasOffset}u;
${rowOfWgsl(spec.input)}
${biasActStoreWgsl(spec, true)}
${quadMainWgsl(tile, M, N, { row0: 'm0', col0: 'n0' }, lines.join('\n'))}`;
    },
  };
}

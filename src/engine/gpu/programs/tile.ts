import { entryPointWgsl, groupsFor, type Program } from '../program';

/**
 * How a matmul kernel splits its output: each invocation computes `rows x cols` outputs in
 * registers (`cols` a multiple of 4: one vec4 accumulator per 4 columns), `workgroup`
 * invocations per workgroup along the columns.
 */
export interface Tile {
  readonly rows: number;
  readonly cols: number;
  readonly workgroup: number;
}

/**
 * 8x8 blocks, 64 invocations a workgroup: the reference variant of the tuned matmuls
 * (kernelChoice.ts) and the tile of every matmul too small to tune.
 */
export const DEFAULT_TILE: Tile = { rows: 8, cols: 8, workgroup: 64 };

export function tileKey(tile: Tile): string {
  return `${tile.rows}x${tile.cols}w${tile.workgroup}`;
}

/** The WGSL type of an f32 buffer read as vec4s (when rows are 16-byte aligned) or scalars. */
export function vecType(vec: boolean): string {
  return vec ? 'array<vec4<f32>>' : 'array<f32>';
}

/**
 * The launch of a register-blocked kernel: one invocation per tile of `rows` output rows by
 * `colBlocks` column blocks, `tile.workgroup` of them a workgroup along the columns.
 */
export function tileLaunch(
  tile: Tile,
  colBlocks: number,
  rows: number,
): Pick<Program, 'workgroupSize' | 'dispatch'> {
  return {
    workgroupSize: [tile.workgroup, 1, 1],
    dispatch: [groupsFor(colBlocks, tile.workgroup), Math.ceil(rows / tile.rows), 1],
  };
}

/**
 * The `main` of a register-blocked kernel over an output of N columns: `row0` and `col` (the name
 * the body uses) are the tile's first row and column, and invocations past the last column block
 * return before any load (rows past the edge run on clamped loads). Then `setup` (where the
 * tile's operands start), the zeroed accumulators, the reduction `loop` adding into them, and
 * each accumulator handed to `store(row, col, value)`.
 */
export function tileMainWgsl(tile: Tile, col: string, setup: string, loop: string): string {
  return `${entryPointWgsl({ workgroupSize: [tile.workgroup, 1, 1] })}
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let ${col} = gid.x * ${tile.cols}u;
  let row0 = gid.y * ${tile.rows}u;
  if (${col} >= N) { return; }
${setup}
${tileAccsWgsl(tile)}
${loop}
${tileStoresWgsl(tile, 'row0', col, 'store')}
}
`;
}

/** The tile's accumulators, zeroed: `acc{r}_{g}` holds row r, columns 4g..4g+3 (tileStoresWgsl). */
export function tileAccsWgsl(tile: Tile): string {
  const lines = [];
  for (let r = 0; r < tile.rows; r++) {
    for (let g = 0; g < tile.cols / 4; g++) lines.push(`  var acc${r}_${g} = vec4<f32>();`);
  }
  return lines.join('\n');
}

/**
 * The epilogue of a register-blocked kernel: its accumulators `acc{r}_{g}` (row r, columns
 * 4g..4g+3 of the tile) handed to `fn(row, col, value)` in a loop rather than unrolled, so the
 * (inlined) store code appears once: unrolled, SwiftShader took seconds to compile an 8x8 tile.
 */
export function tileStoresWgsl(tile: Tile, rowBase: string, colBase: string, fn: string): string {
  const groups = tile.cols / 4;
  const names = [];
  for (let r = 0; r < tile.rows; r++) for (let g = 0; g < groups; g++) names.push(`acc${r}_${g}`);
  return `  let accs = array<vec4<f32>, ${names.length}>(${names.join(', ')});
  for (var r = 0u; r < ${tile.rows}u; r++) {
    for (var g = 0u; g < ${groups}u; g++) {
      let v = accs[r * ${groups}u + g];
      for (var e = 0u; e < 4u; e++) { ${fn}(${rowBase} + r, ${colBase} + 4u * g + e, v[e]); }
    }
  }`;
}

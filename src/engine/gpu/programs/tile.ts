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

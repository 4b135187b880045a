import { entryPointWgsl, groupsFor, type Program } from '../program';

/** Lanes that share loads: one subgroup of exactly this size (SwiftShader's is 4). */
export const QUAD = 4;

/**
 * How a quad-shared kernel splits its output: each quad of lanes owns `rows` rows by 4 x `cols`
 * columns (`cols` a lane, a multiple of 4); `workgroup` lanes (a multiple of 4) a workgroup.
 */
export interface QuadTile {
  readonly rows: number;
  readonly cols: number;
  readonly workgroup: number;
}

export function quadTileKey(tile: QuadTile): string {
  return `q${tile.rows}x${tile.cols}w${tile.workgroup}`;
}

/** Quads across the output's `cols` columns. */
function colQuads(tile: QuadTile, cols: number): number {
  return Math.ceil(cols / (QUAD * tile.cols));
}

/** The launch over a `rows` x `cols` output: one quad a block, numbered along a flat x. */
export function quadLaunch(
  tile: QuadTile,
  rows: number,
  cols: number,
): Pick<Program, 'workgroupSize' | 'dispatch'> {
  const quads = colQuads(tile, cols) * Math.ceil(rows / tile.rows);
  return {
    workgroupSize: [tile.workgroup, 1, 1],
    dispatch: [groupsFor(quads, tile.workgroup / QUAD), 1, 1],
  };
}

/**
 * The `main` of a quad-shared kernel over an output of `cols` columns: from the quad's flat
 * number, `row0` (its first row) and `col0` (the first of this lane's `tile.cols` columns; lane
 * `q` of the quad takes the q-th run of them), both under the names the body uses.
 */
export function quadMainWgsl(
  tile: QuadTile,
  cols: number,
  names: { row0: string; col0: string },
  body: string,
): string {
  const across = colQuads(tile, cols);
  return `${entryPointWgsl({ workgroupSize: [tile.workgroup, 1, 1] })}
fn main(
  @builtin(workgroup_id) wid: vec3<u32>,
  @builtin(local_invocation_index) lid: u32,
  @builtin(subgroup_invocation_id) q: u32,
) {
  let quad = wid.x * ${tile.workgroup / QUAD}u + lid / ${QUAD}u;
  let ${names.row0} = (quad / ${across}u) * ${tile.rows}u;
  let ${names.col0} = (quad % ${across}u) * ${QUAD * tile.cols}u + q * ${tile.cols}u;
${body}
}
`;
}

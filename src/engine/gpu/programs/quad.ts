import { entryPointWgsl, flatDispatch, flatGroupWgsl, groupsFor, type Program } from '../program';

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

/** Workgroups over a `rows` x `cols` output: one quad a block, `workgroup / 4` quads a group. */
function quadGroups(tile: QuadTile, rows: number, cols: number): number {
  return groupsFor(colQuads(tile, cols) * Math.ceil(rows / tile.rows), tile.workgroup / QUAD);
}

/** The launch over a `rows` x `cols` output: one quad a block, numbered along a flat count. */
export function quadLaunch(
  tile: QuadTile,
  rows: number,
  cols: number,
): Pick<Program, 'workgroupSize' | 'dispatch'> {
  return {
    workgroupSize: [tile.workgroup, 1, 1],
    dispatch: flatDispatch(quadGroups(tile, rows, cols)),
  };
}

/**
 * The `main` of a quad-shared kernel over a `rows` x `cols` output: from the quad's flat number,
 * `row0` (its first row) and `col0` (the first of this lane's `tile.cols` columns; lane `q` of the
 * quad takes the q-th run of them), both under the names the body uses.
 */
export function quadMainWgsl(
  tile: QuadTile,
  rows: number,
  cols: number,
  names: { row0: string; col0: string },
  body: string,
): string {
  const across = colQuads(tile, cols);
  const group = flatGroupWgsl(quadGroups(tile, rows, cols), 'wid');
  return `${entryPointWgsl({ workgroupSize: [tile.workgroup, 1, 1] })}
fn main(
  @builtin(workgroup_id) wid: vec3<u32>,
  @builtin(local_invocation_index) lid: u32,
  @builtin(subgroup_invocation_id) q: u32,
) {
  let quad = ${group} * ${tile.workgroup / QUAD}u + lid / ${QUAD}u;
  let ${names.row0} = (quad / ${across}u) * ${tile.rows}u;
  let ${names.col0} = (quad % ${across}u) * ${QUAD * tile.cols}u + q * ${tile.cols}u;
${body}
}
`;
}

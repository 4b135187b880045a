import { flatDispatch, flatGroupWgsl, groupsFor, type Program } from '../program';

/** Invocations a workgroup of the one-invocation-per-item kernels. */
const WORKGROUP = 64;

/**
 * Launch size of a kernel with one invocation per item (an element, a row, a vec4 of
 * parameters): `count` items, 64 to a workgroup.
 */
export function itemLaunch(count: number): Pick<Program, 'workgroupSize' | 'dispatch'> {
  return { workgroupSize: [WORKGROUP, 1, 1], dispatch: flatDispatch(groupsFor(count, WORKGROUP)) };
}

/**
 * The opening of such a kernel's `main`, up to its body: item `index` is the invocation's
 * global x (numbered on across the rows of a launch too big for one row of workgroups);
 * invocations past the last item (the last workgroup's tail) return at once.
 */
export function itemMainWgsl(index: string, count: number): string {
  const groups = groupsFor(count, WORKGROUP);
  const [, rows] = flatDispatch(groups);
  if (rows === 1) {
    return `@compute @workgroup_size(${WORKGROUP}, 1, 1)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let ${index} = gid.x;
  if (${index} >= ${count}u) { return; }`;
  }
  return `@compute @workgroup_size(${WORKGROUP}, 1, 1)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let ${index} = ${flatGroupWgsl(groups, 'wid')} * ${WORKGROUP}u + lid;
  if (${index} >= ${count}u) { return; }`;
}

import { groupsFor, type Program } from '../program';

/** Invocations a workgroup of the one-invocation-per-item kernels. */
const WORKGROUP = 64;

/**
 * Launch size of a kernel with one invocation per item (an element, a row, a vec4 of
 * parameters): `count` items, 64 to a workgroup.
 */
export function itemLaunch(count: number): Pick<Program, 'workgroupSize' | 'dispatch'> {
  return { workgroupSize: [WORKGROUP, 1, 1], dispatch: [groupsFor(count, WORKGROUP), 1, 1] };
}

/**
 * The opening of such a kernel's `main`, up to its body: item `index` is the invocation's
 * global x; invocations past the last item (the last workgroup's tail) return at once.
 */
export function itemMainWgsl(index: string, count: number): string {
  return `@compute @workgroup_size(${WORKGROUP}, 1, 1)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let ${index} = gid.x;
  if (${index} >= ${count}u) { return; }`;
}

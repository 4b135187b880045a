/**
 * A GPU kernel as a small program object (the TensorFlow.js WebGPU backend's `WebGPUProgram`):
 * what to call it, how to cache it, how big to launch it, what it binds, and its WGSL. Programs
 * only write text; the runner (runner.ts) compiles and dispatches them, so shaders can be tested
 * as text without a GPU.
 */
export type BindingKind = 'uniform' | 'read-only-storage' | 'storage';

export interface Binding {
  readonly name: string;
  readonly kind: BindingKind;
  /** The WGSL type: `array<f32>`, `array<vec4<f32>>`, `Step`... */
  readonly type: string;
  /** Bound at a per-dispatch offset (one step record of many in one uniform buffer). */
  readonly dynamicOffset?: boolean;
}

export interface Program {
  /** Human name; labels the pipeline, bind groups and dispatches in GPU debuggers. */
  readonly name: string;
  /** Equal keys mean equal WGSL: the runner compiles each key once. */
  readonly shaderKey: string;
  readonly workgroupSize: readonly [number, number, number];
  /** Workgroups to launch in x, y, z. */
  readonly dispatch: readonly [number, number, number];
  /** In binding order: binding `i` of group 0 is `bindings[i]`. */
  readonly bindings: readonly Binding[];
  wgsl(): string;
}

/** The `@group(0) @binding(i) var...` lines of a program's bindings. */
export function bindingsWgsl(bindings: readonly Binding[]): string {
  return bindings
    .map((b, i) => {
      const space =
        b.kind === 'uniform'
          ? 'uniform'
          : b.kind === 'storage'
            ? 'storage, read_write'
            : 'storage, read';
      return `@group(0) @binding(${i}) var<${space}> ${b.name}: ${b.type};`;
    })
    .join('\n');
}

/** The entry point line every program uses: `main` with its workgroup size. */
export function entryPointWgsl(program: Pick<Program, 'workgroupSize'>): string {
  const [x, y, z] = program.workgroupSize;
  return `@compute @workgroup_size(${x}, ${y}, ${z})`;
}

/**
 * A number as a WGSL f32 literal that denotes exactly `Math.fround(x)`: JavaScript's shortest
 * round-trip form of the float32 value, which WGSL rounds back to the same float32.
 */
export function f32Literal(x: number): string {
  const v = Math.fround(x);
  if (!Number.isFinite(v)) throw new RangeError(`not a finite float32: ${x}`);
  const text = String(v);
  return /[.e]/.test(text) ? `f32(${text})` : `f32(${text}.0)`;
}

/** A scalar of a uniform struct; every field is 4 bytes, so fields pack without padding. */
export interface UniformField {
  readonly name: string;
  readonly type: 'u32' | 'i32' | 'f32';
}

/** The WGSL struct for `fields`. */
export function uniformStructWgsl(structName: string, fields: readonly UniformField[]): string {
  return `struct ${structName} {\n${fields.map((f) => `  ${f.name}: ${f.type},`).join('\n')}\n};`;
}

/** Writes `values` into `view` at `offset` in the layout of `uniformStructWgsl(fields)`. */
export function packUniforms(
  fields: readonly UniformField[],
  values: Readonly<Record<string, number>>,
  view: DataView,
  offset: number,
): void {
  fields.forEach((field, i) => {
    const value = values[field.name];
    if (value === undefined) throw new Error(`uniform ${field.name} has no value`);
    const at = offset + 4 * i;
    if (field.type === 'f32') view.setFloat32(at, value, true);
    else if (field.type === 'i32') view.setInt32(at, value, true);
    else view.setUint32(at, value, true);
  });
}

/** Workgroups needed to cover `n` items, `perGroup` at a time. */
export function groupsFor(n: number, perGroup: number): number {
  return Math.max(1, Math.ceil(n / perGroup));
}

/**
 * WebGPU's default `maxComputeWorkgroupsPerDimension`, which every adapter offers: a dispatch of
 * more workgroups along x is invalid (the optimizer of a 28M-parameter model needs 111,606).
 */
export const MAX_GROUPS_PER_DIMENSION = 65535;

/**
 * A flat count of workgroups as a dispatch: along x while they fit, else as rows of at most
 * MAX_GROUPS_PER_DIMENSION along y. The launch may hold a few workgroups more than `groups`,
 * whose invocations find their item past the end, as a last workgroup's tail does.
 */
export function flatDispatch(groups: number): readonly [number, number, number] {
  if (groups <= MAX_GROUPS_PER_DIMENSION) return [groups, 1, 1];
  const rows = Math.ceil(groups / MAX_GROUPS_PER_DIMENSION);
  return [Math.ceil(groups / rows), rows, 1];
}

/**
 * The WGSL of a workgroup's number along the flat count of `flatDispatch(groups)`, from the
 * builtin `workgroup_id` named `wid`: `wid.x`, or `(wid.y * X + wid.x)` when it wraps.
 */
export function flatGroupWgsl(groups: number, wid: string): string {
  const [x, rows] = flatDispatch(groups);
  return rows === 1 ? `${wid}.x` : `(${wid}.y * ${x}u + ${wid}.x)`;
}

import {
  type Binding,
  bindingsWgsl,
  packUniforms,
  type UniformField,
  uniformStructWgsl,
} from '../program';

/**
 * The per-step record: what changes from one optimizer step to the next. A chunk of steps is
 * encoded into one command buffer; each step's record sits in its own 256-byte slot of one
 * uniform buffer (the minimum dynamic-offset alignment), bound at a dynamic offset.
 */
export const STEP_FIELDS: readonly UniformField[] = [
  /** First position of the batch in the epoch's order (or first row, without shuffling). */
  { name: 'start', type: 'u32' },
  /** Global step number from 0: the dropout mask's `step`. */
  { name: 't', type: 'u32' },
  /** Where the step's mean loss goes in the loss buffer. */
  { name: 'lossSlot', type: 'u32' },
  { name: 'pad', type: 'u32' },
  /**
   * The optimizer's step size for the epoch's learning rate (a schedule changes it between epochs,
   * so it is data, not a shader constant): SGD's lr; Adam's lr / (1 - beta1^t), computed in
   * float64 as torch.optim.Adam does in Python.
   */
  { name: 'stepSize', type: 'f32' },
  /** Adam: sqrt(1 - beta2^t). */
  { name: 'bc2Sqrt', type: 'f32' },
];

export const STEP_RECORD_BYTES = 256;

const STEP_STRUCT_WGSL = uniformStructWgsl('Step', STEP_FIELDS);

export const STEP_BINDING: Binding = {
  name: 'stepRec',
  kind: 'uniform',
  type: 'Step',
  dynamicOffset: true,
};

/**
 * The top of every program's WGSL: the step record's struct when the program binds the record
 * (the struct is its uniform's type), then one declaration per binding, in binding order.
 */
export function preambleWgsl(bindings: readonly Binding[]): string {
  const stepBound = bindings.some((b) => b.type === STEP_BINDING.type);
  return `${stepBound ? STEP_STRUCT_WGSL : ''}\n${bindingsWgsl(bindings)}`;
}

/** Where a kernel's batch rows come from: an activation buffer, or the resident dataset. */
export type RowSource = 'buffer' | 'perm' | 'offset';

/**
 * WGSL for the dataset row of batch row `r`: through the epoch's permutation (`perm`), at a fixed
 * offset (data in order), or the activation buffer's own row.
 */
export function rowOfWgsl(source: RowSource): string {
  switch (source) {
    case 'perm':
      return 'fn rowOf(r: u32) -> u32 { return perm[stepRec.start + r]; }';
    case 'offset':
      return 'fn rowOf(r: u32) -> u32 { return stepRec.start + r; }';
    case 'buffer':
      return 'fn rowOf(r: u32) -> u32 { return r; }';
  }
}

const PERM_BINDING: Binding = {
  name: 'perm',
  kind: 'read-only-storage',
  type: 'array<u32>',
};

/**
 * The bindings of a buffer whose rows a kernel reads through `rowOf` (rowOfWgsl): the buffer
 * (read-only, of WGSL type `type`), then the epoch's permutation when the rows come through it.
 */
export function rowsBindings(name: string, type: string, source: RowSource): Binding[] {
  return [{ name, kind: 'read-only-storage', type }, ...(source === 'perm' ? [PERM_BINDING] : [])];
}

export interface StepRecord {
  readonly start: number;
  readonly t: number;
  readonly lossSlot: number;
  readonly stepSize?: number;
  readonly bc2Sqrt?: number;
}

/** `records` in their 256-byte slots, ready for one `writeBuffer`. */
export function packStepRecords(records: readonly StepRecord[]): ArrayBuffer {
  const bytes = new ArrayBuffer(records.length * STEP_RECORD_BYTES);
  const view = new DataView(bytes);
  records.forEach((r, k) => {
    const values = { stepSize: 0, bc2Sqrt: 0, ...r, pad: 0 };
    packUniforms(STEP_FIELDS, values, view, k * STEP_RECORD_BYTES);
  });
  return bytes;
}

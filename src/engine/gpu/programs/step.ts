import { type Binding, packUniforms, type UniformField, uniformStructWgsl } from '../program';

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
  /** Adam: lr / (1 - beta1^t), computed in float64 as torch.optim.Adam does in Python. */
  { name: 'stepSize', type: 'f32' },
  /** Adam: sqrt(1 - beta2^t). */
  { name: 'bc2Sqrt', type: 'f32' },
];

export const STEP_RECORD_BYTES = 256;

export const STEP_STRUCT_WGSL = uniformStructWgsl('Step', STEP_FIELDS);

export const STEP_BINDING: Binding = {
  name: 'stepRec',
  kind: 'uniform',
  type: 'Step',
  dynamicOffset: true,
};

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

export const PERM_BINDING: Binding = {
  name: 'perm',
  kind: 'read-only-storage',
  type: 'array<u32>',
};

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

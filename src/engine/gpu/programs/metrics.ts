import type { LossName } from '../../../shared/project';
import { type Binding, bindingsWgsl, type Program } from '../program';
import { STEP_BINDING, STEP_STRUCT_WGSL } from './step';

export interface MetricsSpec {
  readonly name: string;
  readonly loss: LossName;
  readonly rows: number;
  readonly outputs: number;
  /** Count predictions into `confusion[label][argmax]` (classification). */
  readonly confusion: boolean;
}

const THREADS = 64;

/**
 * Evaluation of one chunk of rows (in order from the step record's `start`): the sum of the
 * per-sample losses goes to the chunk's slot (the caller divides by the sample count, or by the
 * element count for MSE), and each prediction (torch.argmax: the first largest output) is counted
 * into the confusion matrix with an atomic add, so the whole evaluation is one readback.
 */
export function metricsProgram(spec: MetricsSpec): Program {
  const { rows: R, outputs: C } = spec;
  const ce = spec.loss === 'cross-entropy';
  const bindings: Binding[] = [
    STEP_BINDING,
    { name: 'y', kind: 'read-only-storage', type: 'array<f32>' },
    { name: 'targets', kind: 'read-only-storage', type: ce ? 'array<u32>' : 'array<f32>' },
    ...(spec.confusion
      ? [{ name: 'confusion', kind: 'storage', type: 'array<atomic<u32>>' } as const]
      : []),
    { name: 'lossSums', kind: 'storage', type: 'array<f32>' },
  ];
  const lossBody = ce
    ? `    var m = y[base];
    for (var c = 1u; c < C; c++) { m = max(m, y[base + c]); }
    var s = 0.0;
    for (var c = 0u; c < C; c++) { s += exp(y[base + c] - m); }
    sum += -((y[base + targets[src]] - m) - log(s));`
    : `    for (var c = 0u; c < C; c++) {
      let d = y[base + c] - targets[src * C + c];
      sum += d * d;
    }`;
  const confusionBody = spec.confusion
    ? `    var best = 0u;
    for (var c = 1u; c < C; c++) { if (y[base + c] > y[base + best]) { best = c; } }
    atomicAdd(&confusion[targets[src] * C + best], 1u);`
    : '';
  return {
    name: spec.name,
    shaderKey: `metrics:${spec.loss}:${R}x${C}:${spec.confusion}`,
    workgroupSize: [THREADS, 1, 1],
    dispatch: [1, 1, 1],
    bindings,
    wgsl: () => `${STEP_STRUCT_WGSL}
${bindingsWgsl(bindings)}
const R = ${R}u;
const C = ${C}u;
var<workgroup> partial: array<f32, ${THREADS}>;
@compute @workgroup_size(${THREADS}, 1, 1)
fn main(@builtin(local_invocation_index) lid: u32) {
  var sum = 0.0;
  for (var r = lid; r < R; r += ${THREADS}u) {
    let base = r * C;
    let src = stepRec.start + r;
${lossBody}
${confusionBody}
  }
  partial[lid] = sum;
  workgroupBarrier();
  if (lid == 0u) {
    var total = 0.0;
    for (var t = 0u; t < ${THREADS}u; t++) { total += partial[t]; }
    lossSums[stepRec.lossSlot] = total;
  }
}
`,
  };
}

import type { LossName } from '../../../shared/project';
import type { Binding, Program } from '../program';
import { BATCH_SUM_LAUNCH, batchSumMainWgsl } from './batchSum';
import { ROW_EXP_SUM_WGSL } from './loss';
import { preambleWgsl, STEP_BINDING } from './step';

export interface MetricsSpec {
  readonly name: string;
  readonly loss: LossName;
  readonly rows: number;
  readonly outputs: number;
  /** Count predictions into `confusion[label][argmax]` (classification). */
  readonly confusion: boolean;
}

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
    ? `${ROW_EXP_SUM_WGSL}
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
    ...BATCH_SUM_LAUNCH,
    bindings,
    wgsl: () => `${preambleWgsl(bindings)}
const R = ${R}u;
const C = ${C}u;
${batchSumMainWgsl('stepRec.start + r', `${lossBody}\n${confusionBody}`, 'lossSums[stepRec.lossSlot] = total')}`,
  };
}

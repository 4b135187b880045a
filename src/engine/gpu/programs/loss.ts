import type { LossName } from '../../../shared/project';
import { type Binding, f32Literal, type Program } from '../program';
import { BATCH_SUM_LAUNCH, batchSumMainWgsl } from './batchSum';
import { chainKey, type ElementwiseOp, singleChainWgsl } from './elementwise';
import { preambleWgsl, type RowSource, rowOfWgsl, rowsBindings, STEP_BINDING } from './step';

export interface LossSpec {
  readonly name: string;
  readonly loss: LossName;
  readonly rows: number;
  /** The model's outputs per sample (the logits, for cross-entropy). */
  readonly outputs: number;
  /** Where the targets' rows are: through the epoch's permutation, or in order from `start`. */
  readonly targets: Exclude<RowSource, 'buffer'>;
  /** Elementwise layers fused after the last Linear: the gradient goes on through them. */
  readonly lastOps: readonly ElementwiseOp[];
  readonly seed: number;
}

/**
 * The row's logits `y[base..base + C]` shifted by their max `m`, and `s` the sum of their
 * exponentials: log-sum-exp = m + log(s) without overflow (PyTorch's logsumexp does the same).
 */
export const ROW_EXP_SUM_WGSL = `    var m = y[base];
    for (var c = 1u; c < C; c++) { m = max(m, y[base + c]); }
    var s = 0.0;
    for (var c = 0u; c < C; c++) { s += exp(y[base + c] - m); }`;

/** Per-row loss and gradient for each loss, over row `r` at `base` with dataset row `src`. */
function rowBody(spec: LossSpec): string {
  if (spec.loss === 'cross-entropy') {
    // nn.CrossEntropyLoss: log_softmax (stable: shifted by the row max) then NLL, mean over the
    // batch; its gradient is (softmax - onehot(label)) / rows.
    return `
${ROW_EXP_SUM_WGSL}
    let logS = log(s);
    let label = targets[src];
    sum += -((y[base + label] - m) - logS);
    for (var c = 0u; c < C; c++) {
      let p = exp((y[base + c] - m) - logS);
      grad[base + c] = (p - select(0.0, 1.0, c == label)) * INV_ROWS * chainGrad(base + c);
    }`;
  }
  // nn.MSELoss: mean of squares over every element; mse_loss_backward is 2 (y - t) / numel.
  return `
    for (var c = 0u; c < C; c++) {
      let d = y[base + c] - targets[src * C + c];
      sum += d * d;
      grad[base + c] = TWO_OVER_NUMEL * d * chainGrad(base + c);
    }`;
}

/**
 * The loss of one batch and its gradient in one kernel: the mean loss goes to its step's slot of
 * the loss buffer (read back only when the trainer asks), the gradient (times the derivative of
 * the layers fused after the last Linear) to `grad`. One workgroup reduces the batch with a
 * single barrier; its 64 partial sums are added in a fixed order, so runs are repeatable.
 */
export function lossProgram(spec: LossSpec): Program {
  const { rows: R, outputs: C } = spec;
  const chained = spec.lastOps.length > 0;
  const bindings: Binding[] = [
    STEP_BINDING,
    { name: 'y', kind: 'read-only-storage', type: 'array<f32>' },
    ...rowsBindings(
      'targets',
      spec.loss === 'cross-entropy' ? 'array<u32>' : 'array<f32>',
      spec.targets,
    ),
    ...(chained ? [{ name: 'pre', kind: 'read-only-storage', type: 'array<f32>' } as const] : []),
    { name: 'grad', kind: 'storage', type: 'array<f32>' },
    { name: 'losses', kind: 'storage', type: 'array<f32>' },
  ];
  return {
    name: spec.name,
    shaderKey: `loss:${spec.loss}:${R}x${C}:${spec.targets}:${chainKey(spec.lastOps, spec.seed)}`,
    ...BATCH_SUM_LAUNCH,
    bindings,
    wgsl() {
      return `${preambleWgsl(bindings)}
const R = ${R}u;
const C = ${C}u;
const INV_ROWS = ${f32Literal(1 / R)};
const TWO_OVER_NUMEL = ${f32Literal(2 / (R * C))};
${rowOfWgsl(spec.targets)}
${singleChainWgsl('last', spec.lastOps, spec.seed)}
fn chainGrad(i: u32) -> f32 {
  return ${chained ? 'lastGrad(pre[i], i, stepRec.t)' : '1.0'};
}
${batchSumMainWgsl('rowOf(r)', rowBody(spec), `losses[stepRec.lossSlot] = total / f32(${spec.loss === 'cross-entropy' ? 'R' : 'R * C'})`)}`;
    },
  };
}

import type { LossName, OptimizerSettings } from '../../shared/project';
import {
  chooseVariant,
  type ForwardSpec,
  forwardVariants,
  type GradSpec,
  gradVariants,
  type KernelCaps,
  TUNE_MIN_MACS,
} from './kernelChoice';
import type { ParamLayout } from './paramLayout';
import type { Stage } from './plan';
import type { RowSource } from './programs/step';
import type { KernelTuner, Variant } from './tuner';

export interface TrainPassSpec {
  readonly stages: readonly Stage[];
  readonly layout: ParamLayout;
  readonly loss: LossName;
  readonly optimizer: OptimizerSettings;
  readonly seed: number;
  /** Whether batches follow a permutation (shuffle) or the data's own order. */
  readonly source: 'perm' | 'offset';
  /** Rows of this batch size (the last batch of an epoch may be smaller). */
  readonly rows: number;
}

type LinearStage = Extract<Stage, { kind: 'linear' }>;

/** Where stage `s` reads its rows: the resident dataset for the first, activations after. */
export function sourceOf(spec: TrainPassSpec, s: number): RowSource {
  return s === 0 ? spec.source : 'buffer';
}

/** What both big kernels of Linear stage `s` know of it: its sizes, weights and input rows. */
function linearOf(spec: TrainPassSpec, s: number, stage: LinearStage, kernel: string) {
  const slot = spec.layout.slots[stage.slot]!;
  return {
    name: `stage ${s} linear ${kernel}`,
    rows: spec.rows,
    inFeatures: stage.inFeatures,
    outFeatures: stage.outFeatures,
    weightOffset: slot.weight,
    biasOffset: slot.bias,
    input: sourceOf(spec, s),
  };
}

/** The forward kernel's spec for Linear stage `s` (its variant adds the tile). */
export function forwardSpecOf(spec: TrainPassSpec, s: number, stage: LinearStage): ForwardSpec {
  return {
    ...linearOf(spec, s, stage, 'forward'),
    ops: stage.ops,
    writePre: stage.ops.length > 0,
    seed: spec.seed,
  };
}

/** The weight-gradient kernel's spec for Linear stage `s`. */
export function gradSpecOf(spec: TrainPassSpec, s: number, stage: LinearStage): GradSpec {
  return linearOf(spec, s, stage, 'weight gradient');
}

/** The variants a train pass uses for each Linear stage's two big kernels. */
export interface TrainKernels {
  readonly forward: ReadonlyMap<number, Variant<ForwardSpec>>;
  readonly grad: ReadonlyMap<number, Variant<GradSpec>>;
}

/** How to choose kernels on this device; without it every kernel takes the default tile. */
export interface Tuning {
  readonly tuner: KernelTuner;
  readonly caps: KernelCaps;
}

/**
 * Chooses the variant of every Linear stage's forward and weight-gradient kernel for batches of
 * `spec.rows` rows, timing the candidates where the kernel is big enough to matter (on scratch
 * buffers of the same sizes, so the session's own buffers are untouched).
 */
export async function chooseTrainKernels(
  tuning: Tuning | undefined,
  spec: TrainPassSpec,
  signal?: AbortSignal,
): Promise<TrainKernels> {
  const rows = spec.rows;
  const caps = tuning?.caps ?? { quadSubgroups: false };
  const size = spec.layout.size;
  const requests = spec.stages.flatMap((stage, s) => {
    if (stage.kind !== 'linear') return [];
    const { inFeatures: K, outFeatures: N } = stage;
    const shape = `${rows}x${K}x${N}:${sourceOf(spec, s)}`;
    const f = forwardSpecOf(spec, s, stage);
    const g = gradSpecOf(spec, s, stage);
    const forward = {
      key: `forward:${shape}:${f.ops.map((op) => op.kind).join('+')}`,
      spec: f,
      variants: forwardVariants(f, caps),
      sizes: { x: rows * K, perm: rows, params: size, pre: rows * N, out: rows * N },
      rows,
      outputs: ['out'],
    };
    const grad = {
      key: `weight gradient:${shape}`,
      spec: g,
      variants: gradVariants(g, caps),
      sizes: { dz: rows * N, x: rows * K, perm: rows, grads: size },
      rows,
      outputs: ['grads'],
    };
    return [{ s, macs: rows * K * N, forward, grad }];
  });
  // Every candidate compiles at once (shader compiles dominate the start-up)...
  for (const r of requests.filter((r) => r.macs >= TUNE_MIN_MACS)) {
    tuning?.tuner.prepare(r.forward);
    tuning?.tuner.prepare(r.grad);
  }
  // ...but they are timed one at a time: timing two kernels at once would time neither.
  const forward = new Map<number, Variant<ForwardSpec>>();
  const grad = new Map<number, Variant<GradSpec>>();
  for (const r of requests) {
    forward.set(r.s, await chooseVariant(tuning?.tuner, r.forward, r.macs, signal));
    grad.set(r.s, await chooseVariant(tuning?.tuner, r.grad, r.macs, signal));
  }
  return { forward, grad };
}

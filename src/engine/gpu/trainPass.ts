import { type Stage, stageWidth } from './plan';
import type { Program } from './program';
import { linearBackwardData } from './programs/linearBackwardData';
import { lossProgram } from './programs/loss';
import { optimizerProgram } from './programs/optimizer';
import {
  elementwiseBackward,
  elementwiseForward,
  softmaxBackward,
  softmaxForward,
} from './programs/rowOps';
import { STEP_RECORD_BYTES } from './programs/step';
import { DEFAULT_TILE } from './programs/tile';
import type { BoundProgram, GpuRunner } from './runner';
import type { Activations } from './sessionBuffers';
import {
  forwardSpecOf,
  gradSpecOf,
  sourceOf,
  type TrainKernels,
  type TrainPassSpec,
} from './trainKernels';

/** Buffers by the binding names programs use. */
export type Resources = Readonly<Record<string, GPUBuffer | undefined>>;

/** Binds `program`'s bindings to the buffers of the same name (the step record at offset 0). */
export function bindByName(
  runner: GpuRunner,
  program: Program,
  resources: Resources,
): Promise<BoundProgram> {
  return runner.bind(
    program,
    program.bindings.map((b) => {
      const buffer = resources[b.name];
      if (!buffer) throw new Error(`${program.name}: no buffer for ${b.name}`);
      return b.dynamicOffset ? { buffer, size: STEP_RECORD_BYTES } : { buffer };
    }),
  );
}

/** The elementwise layers fused into `stage`, when it is a Linear (their derivative is applied
 * by whoever writes the gradient at its output). */
function fusedOps(stage: Stage | undefined) {
  return stage?.kind === 'linear' ? stage.ops : [];
}

/**
 * One optimizer step as a list of bound programs, in order: each stage forward, the loss and its
 * gradient, each stage backward down to the first Linear (weight gradients; input gradients
 * where a layer below needs them), then the optimizer. For 784-128-10 with ReLU that is seven
 * dispatches. Each Linear's forward and weight-gradient kernels are the variants in `kernels`
 * (chosen by chooseTrainKernels for the full batch; a smaller last batch reuses them).
 */
export async function buildTrainPass(
  runner: GpuRunner,
  spec: TrainPassSpec,
  shared: Resources,
  acts: Activations,
  kernels: TrainKernels,
): Promise<BoundProgram[]> {
  const { stages, rows, seed, source } = spec;
  const programs: { program: Program; resources: Resources }[] = [];
  const inputOf = (s: number) => (s === 0 ? shared.x : acts.out[s - 1]);
  stages.forEach((stage, s) => {
    const name = `stage ${s} ${stage.kind}`;
    const width = stageWidth(stage);
    const base = { ...shared, x: inputOf(s), out: acts.out[s], pre: acts.pre[s] };
    if (stage.kind === 'linear') {
      const program = kernels.forward.get(s)!.make(forwardSpecOf(spec, s, stage));
      programs.push({ program, resources: base });
    } else if (stage.kind === 'elementwise') {
      const program = elementwiseForward({
        name: `${name} forward`,
        rows,
        width,
        ops: stage.ops,
        input: sourceOf(spec, s),
        seed,
      });
      programs.push({ program, resources: base });
    } else {
      const program = softmaxForward({
        name: `${name} forward`,
        rows,
        width,
        input: sourceOf(spec, s),
        seed,
      });
      programs.push({ program, resources: base });
    }
  });
  const last = stages.length - 1;
  programs.push({
    program: lossProgram({
      name: `loss ${spec.loss}`,
      loss: spec.loss,
      rows,
      outputs: stageWidth(stages[last]!),
      targets: source,
      lastOps: fusedOps(stages[last]),
      seed,
    }),
    resources: { ...shared, y: acts.out[last], pre: acts.pre[last], grad: acts.grad[last] },
  });
  const firstLinear = stages.findIndex((stage) => stage.kind === 'linear');
  for (let s = last; s >= 0 && firstLinear >= 0 && s >= firstLinear; s--) {
    const stage = stages[s]!;
    const name = `stage ${s} ${stage.kind}`;
    const width = stageWidth(stage);
    const below = {
      ...shared,
      pre: acts.pre[s - 1],
      dx: acts.grad[s - 1],
    };
    if (stage.kind === 'linear') {
      const slot = spec.layout.slots[stage.linear]!;
      programs.push({
        program: kernels.grad.get(s)!.make(gradSpecOf(spec, s, stage)),
        resources: { ...shared, dz: acts.grad[s], x: inputOf(s) },
      });
      if (s > firstLinear) {
        programs.push({
          program: linearBackwardData({
            name: `${name} input gradient`,
            rows,
            inFeatures: stage.inFeatures,
            outFeatures: stage.outFeatures,
            weightOffset: slot.weight,
            prevOps: fusedOps(stages[s - 1]),
            seed,
            tile: DEFAULT_TILE,
          }),
          resources: { ...below, dz: acts.grad[s] },
        });
      }
    } else if (s > firstLinear) {
      const program =
        stage.kind === 'softmax'
          ? softmaxBackward({
              name: `${name} backward`,
              rows,
              width,
              prevOps: fusedOps(stages[s - 1]),
              seed,
            })
          : elementwiseBackward({ name: `${name} backward`, rows, width, ops: stage.ops, seed });
      programs.push({
        program,
        resources: { ...below, x: inputOf(s), y: acts.out[s], dy: acts.grad[s] },
      });
    }
  }
  if (firstLinear >= 0) {
    programs.push({
      program: optimizerProgram({
        name: 'optimizer',
        settings: spec.optimizer,
        size: spec.layout.size,
      }),
      resources: shared,
    });
  }
  return Promise.all(
    programs.map(({ program, resources }) => bindByName(runner, program, resources)),
  );
}

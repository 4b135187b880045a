import { convLayerOf, fusedOps, normLayerOf, poolLayerOf, stageWidth } from './plan';
import type { Program } from './program';
import {
  BATCH_NORM_WORKGROUP,
  batchNormBackward,
  batchNormTrainForward,
} from './programs/batchNorm';
import { CONV_TILE, conv2dForward } from './programs/conv2d';
import {
  CONV_GRAD_TILE,
  conv2dBackwardData,
  conv2dBackwardWeight,
  conv2dGradChunks,
  conv2dWeightReduce,
} from './programs/conv2dBackward';
import { linearBackwardData } from './programs/linearBackwardData';
import { lossProgram } from './programs/loss';
import { optimizerProgram } from './programs/optimizer';
import { pool2dBackward, pool2dForward } from './programs/pool2d';
import {
  elementwiseBackward,
  elementwiseForward,
  softmaxBackward,
  softmaxForward,
} from './programs/rowOps';
import { STEP_RECORD_BYTES } from './programs/step';
import { DEFAULT_TILE } from './programs/tile';
import type { BoundProgram, GpuRunner } from './runner';
import { type Activations, savedOffset } from './sessionBuffers';
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

/** The programs of one train step in order, each with the buffers it binds by name. */
type Planned = { program: Program; resources: Resources }[];

/**
 * One optimizer step as a list of bound programs, in order: each stage forward, the loss and its
 * gradient, each stage backward down to the first layer with parameters (weight gradients; input
 * gradients where a layer below needs them), then the optimizer. For 784-128-10 with ReLU that
 * is seven dispatches. Each Linear's forward and weight-gradient kernels are the variants in
 * `kernels` (chosen by chooseTrainKernels for the full batch; a smaller last batch reuses them).
 */
export async function buildTrainPass(
  runner: GpuRunner,
  spec: TrainPassSpec,
  shared: Resources,
  acts: Activations,
  kernels: TrainKernels,
): Promise<BoundProgram[]> {
  const { stages, rows, seed, source } = spec;
  const programs: Planned = [];
  const inputOf = (s: number) => (s === 0 ? shared.x : acts.out[s - 1]);
  stages.forEach((stage, s) => {
    const name = `stage ${s} ${stage.kind}`;
    const width = stageWidth(stage);
    const base = { ...shared, x: inputOf(s), out: acts.out[s], pre: acts.pre[s] };
    switch (stage.kind) {
      case 'linear':
        programs.push({
          program: kernels.forward.get(s)!.make(forwardSpecOf(spec, s, stage)),
          resources: base,
        });
        return;
      case 'conv':
        programs.push({
          program: conv2dForward({
            ...convLayerOf(spec, s, stage, 'forward'),
            input: sourceOf(spec, s),
            ops: stage.ops,
            writePre: stage.ops.length > 0,
            seed,
            tile: CONV_TILE,
          }),
          resources: base,
        });
        return;
      case 'pool':
        programs.push({
          program: pool2dForward({
            ...poolLayerOf(rows, s, stage, 'forward'),
            input: sourceOf(spec, s),
          }),
          resources: { ...base, indices: acts.indices[s] },
        });
        return;
      case 'batchNorm':
        programs.push({
          program: batchNormTrainForward({
            ...normLayerOf(spec, s, stage, 'forward'),
            savedOffset: savedOffset(stages, s),
            momentum: stage.momentum,
            input: sourceOf(spec, s),
            ops: stage.ops,
            writePre: stage.ops.length > 0,
            seed,
            workgroup: BATCH_NORM_WORKGROUP,
          }),
          resources: base,
        });
        return;
      case 'elementwise':
        programs.push({
          program: elementwiseForward({
            name: `${name} forward`,
            rows,
            width,
            ops: stage.ops,
            input: sourceOf(spec, s),
            seed,
          }),
          resources: base,
        });
        return;
      case 'softmax':
        programs.push({
          program: softmaxForward({
            name: `${name} forward`,
            rows,
            width,
            input: sourceOf(spec, s),
            seed,
          }),
          resources: base,
        });
        return;
      default:
        throw new Error(`unknown stage ${JSON.stringify(stage satisfies never)}`);
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
  const firstParams = stages.findIndex((stage) => 'slot' in stage);
  for (let s = last; s >= 0 && firstParams >= 0 && s >= firstParams; s--) {
    programs.push(...backwardOf(spec, s, shared, acts, kernels, s > firstParams));
  }
  if (firstParams >= 0) {
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

/**
 * Stage `s`'s backward programs: its parameter gradients, and (with `inputGradient`) the
 * gradient at the previous stage's output, carried through that stage's fused layers.
 */
function backwardOf(
  spec: TrainPassSpec,
  s: number,
  shared: Resources,
  acts: Activations,
  kernels: TrainKernels,
  inputGradient: boolean,
): Planned {
  const { stages, rows, seed } = spec;
  const stage = stages[s]!;
  const name = `stage ${s} ${stage.kind}`;
  const width = stageWidth(stage);
  const x = s === 0 ? shared.x : acts.out[s - 1];
  const below = { ...shared, pre: acts.pre[s - 1], dx: acts.grad[s - 1] };
  const prevOps = fusedOps(stages[s - 1]);
  const programs: Planned = [];
  switch (stage.kind) {
    case 'linear': {
      const slot = spec.layout.slots[stage.slot]!;
      programs.push({
        program: kernels.grad.get(s)!.make(gradSpecOf(spec, s, stage)),
        resources: { ...shared, dz: acts.grad[s], x },
      });
      if (inputGradient) {
        programs.push({
          program: linearBackwardData({
            name: `${name} input gradient`,
            rows,
            inFeatures: stage.inFeatures,
            outFeatures: stage.outFeatures,
            weightOffset: slot.weight,
            prevOps,
            seed,
            tile: DEFAULT_TILE,
          }),
          resources: { ...below, dz: acts.grad[s] },
        });
      }
      return programs;
    }
    case 'conv': {
      const layer = convLayerOf(spec, s, stage, 'weight gradient');
      const chunks = conv2dGradChunks(layer);
      programs.push({
        program: conv2dBackwardWeight({
          ...layer,
          input: sourceOf(spec, s),
          chunks,
          tile: CONV_GRAD_TILE,
        }),
        resources: { ...shared, dz: acts.grad[s], x },
      });
      if (chunks > 1) {
        programs.push({
          program: conv2dWeightReduce({ ...convLayerOf(spec, s, stage, 'weight sums'), chunks }),
          resources: shared,
        });
      }
      if (inputGradient) {
        programs.push({
          program: conv2dBackwardData({
            ...convLayerOf(spec, s, stage, 'input gradient'),
            prevOps,
            seed,
            tile: CONV_TILE,
          }),
          resources: { ...below, dz: acts.grad[s] },
        });
      }
      return programs;
    }
    case 'pool':
      if (inputGradient) {
        programs.push({
          program: pool2dBackward({ ...poolLayerOf(rows, s, stage, 'backward'), prevOps, seed }),
          resources: { ...below, dy: acts.grad[s], indices: acts.indices[s] },
        });
      }
      return programs;
    case 'batchNorm':
      programs.push({
        program: batchNormBackward({
          ...normLayerOf(spec, s, stage, 'backward'),
          savedOffset: savedOffset(stages, s),
          input: sourceOf(spec, s),
          inputGrad: inputGradient,
          prevOps: inputGradient ? prevOps : [],
          seed,
          workgroup: BATCH_NORM_WORKGROUP,
        }),
        resources: { ...below, dy: acts.grad[s], x },
      });
      return programs;
    case 'softmax':
      if (inputGradient) {
        programs.push({
          program: softmaxBackward({ name: `${name} backward`, rows, width, prevOps, seed }),
          resources: { ...below, x, y: acts.out[s], dy: acts.grad[s] },
        });
      }
      return programs;
    case 'elementwise':
      if (inputGradient) {
        programs.push({
          program: elementwiseBackward({
            name: `${name} backward`,
            rows,
            width,
            ops: stage.ops,
            seed,
          }),
          resources: { ...below, x, y: acts.out[s], dy: acts.grad[s] },
        });
      }
      return programs;
    default:
      throw new Error(`unknown stage ${JSON.stringify(stage satisfies never)}`);
  }
}

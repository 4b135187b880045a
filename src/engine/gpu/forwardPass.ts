import type { ParamLayout } from './paramLayout';
import { convLayerOf, normLayerOf, poolLayerOf, type Stage } from './plan';
import type { Program } from './program';
import { batchNormEvalForward } from './programs/batchNorm';
import { CONV_TILE, conv2dForward } from './programs/conv2d';
import { linearForward } from './programs/linearForward';
import { pool2dForward } from './programs/pool2d';
import { elementwiseForward, softmaxForward } from './programs/rowOps';
import { DEFAULT_TILE } from './programs/tile';
import type { BoundProgram, GpuRunner } from './runner';
import { bindByName, type Resources } from './trainPass';

export interface ForwardPassSpec {
  /** Stages planned for evaluation (no dropout). */
  readonly stages: readonly Stage[];
  readonly layout: ParamLayout;
  readonly seed: number;
  readonly rows: number;
}

/**
 * The model's forward pass alone, for evaluation and prediction: rows in order from the step
 * record's `start` of `shared.x`, each stage's output in `outs[s]`, no pre-activations kept.
 */
export function buildForwardPass(
  runner: GpuRunner,
  spec: ForwardPassSpec,
  shared: Resources,
  outs: readonly GPUBuffer[],
  indices: readonly (GPUBuffer | undefined)[],
): Promise<BoundProgram[]> {
  return Promise.all(
    spec.stages.map((stage, s) => {
      const name = `stage ${s} ${stage.kind} eval`;
      const input = s === 0 ? ('offset' as const) : ('buffer' as const);
      const x = s === 0 ? shared.x : outs[s - 1];
      const resources = { ...shared, x, out: outs[s], indices: indices[s] };
      return bindByName(runner, forwardProgram(spec, s, stage, name, input), resources);
    }),
  );
}

/** Stage `s`'s evaluation program. */
function forwardProgram(
  spec: ForwardPassSpec,
  s: number,
  stage: Stage,
  name: string,
  input: 'offset' | 'buffer',
): Program {
  const { rows, seed } = spec;
  switch (stage.kind) {
    case 'linear':
      return linearForward({
        name,
        rows,
        inFeatures: stage.inFeatures,
        outFeatures: stage.outFeatures,
        weightOffset: spec.layout.slots[stage.slot]!.weight,
        biasOffset: spec.layout.slots[stage.slot]!.bias,
        input,
        ops: stage.ops,
        writePre: false,
        seed,
        tile: DEFAULT_TILE,
      });
    case 'conv':
      return conv2dForward({
        ...convLayerOf(spec, s, stage, 'eval'),
        input,
        ops: stage.ops,
        writePre: false,
        seed,
        tile: CONV_TILE,
      });
    case 'pool':
      return pool2dForward({ ...poolLayerOf(rows, s, stage, 'eval'), input });
    case 'batchNorm':
      return batchNormEvalForward({
        ...normLayerOf(spec, s, stage, 'eval'),
        input,
        ops: stage.ops,
        writePre: false,
        seed,
      });
    case 'elementwise':
      return elementwiseForward({ name, rows, width: stage.width, ops: stage.ops, input, seed });
    case 'softmax':
      return softmaxForward({ name, rows, width: stage.width, input, seed });
    default:
      throw new Error(`unknown stage ${JSON.stringify(stage satisfies never)}`);
  }
}

import type { ParamLayout } from './paramLayout';
import type { Stage } from './plan';
import { linearForward } from './programs/linearForward';
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
): Promise<BoundProgram[]> {
  const { rows, seed } = spec;
  return Promise.all(
    spec.stages.map((stage, s) => {
      const name = `stage ${s} ${stage.kind} eval`;
      const input = s === 0 ? ('offset' as const) : ('buffer' as const);
      const resources = { ...shared, x: s === 0 ? shared.x : outs[s - 1], out: outs[s] };
      const program =
        stage.kind === 'linear'
          ? linearForward({
              name,
              rows,
              inFeatures: stage.inFeatures,
              outFeatures: stage.outFeatures,
              weightOffset: spec.layout.slots[stage.linear]!.weight,
              biasOffset: spec.layout.slots[stage.linear]!.bias,
              input,
              ops: stage.ops,
              writePre: false,
              seed,
              tile: DEFAULT_TILE,
            })
          : stage.kind === 'elementwise'
            ? elementwiseForward({ name, rows, width: stage.width, ops: stage.ops, input, seed })
            : softmaxForward({ name, rows, width: stage.width, input, seed });
      return bindByName(runner, program, resources);
    }),
  );
}

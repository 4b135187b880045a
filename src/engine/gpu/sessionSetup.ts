// Setting up a training session on the GPU: planning the model's stages, uploading the dataset
// and the parameters, allocating every buffer a step touches (sessionBuffers.ts) and compiling
// the step's kernels: what runs once, before the first step, and gives the session (session.ts)
// what it holds from then until dispose.

import type { TrainOptions } from '../backend';
import type { Dataset } from '../data/dataset';
import { throwIfStopped } from '../errors';
import { foldsFinalSoftmax } from '../model/softmaxFold';
import type { ModelParams, ModelSpec } from '../model/spec';
import type { BufferPool } from './bufferPool';
import type { PassContext } from './evaluate';
import { layoutParams } from './paramLayout';
import { planStages, type Stage, stageWidth } from './plan';
import { type ResidentData, uploadDataset } from './resident';
import type { BoundProgram, GpuRunner } from './runner';
import { allocate, eachBuffer, type SessionBuffers, STEPS_PER_SUBMIT } from './sessionBuffers';
import { chooseTrainKernels, type Tuning } from './trainKernels';
import { buildTrainPass, type Resources } from './trainPass';

/** A step's dispatches for a full batch, and for the epoch's last batch when it is smaller. */
export interface StepPasses {
  readonly full: BoundProgram[];
  readonly last?: BoundProgram[];
}

/** What a session holds from creation to dispose. */
export interface SessionParts {
  readonly ctx: PassContext;
  readonly resident: ResidentData;
  readonly buffers: SessionBuffers;
  readonly passes: StepPasses;
  /** The training plan the passes run. */
  readonly stages: readonly Stage[];
}

/**
 * Uploads the data and parameters, allocates the step's buffers and compiles its kernels: with
 * `tuning`, the fastest variant of each big matmul on this adapter (see tuner.ts).
 */
export async function setUpSession(
  runner: GpuRunner,
  pool: BufferPool,
  model: ModelSpec,
  params: ModelParams,
  data: Dataset,
  options: TrainOptions,
  tuning?: Tuning,
): Promise<SessionParts> {
  const device = runner.device;
  const fold = foldsFinalSoftmax(options.loss, model.layers);
  const stages = planStages(model, { training: true, foldSoftmax: fold });
  const inputs = model.inputShape.reduce((a, b) => a * b, 1);
  const outputs = stageWidth(stages.at(-1)!);
  const resident = uploadDataset(device, pool, data, inputs, outputs, options.loss);
  const layout = layoutParams(model);
  const rows = Math.min(options.batchSize, data.count);
  const buffers = allocate(device, pool, layout, params, options, stages, rows, data.count);
  const ctx: PassContext = {
    runner,
    pool,
    layout,
    seed: options.seed,
    params: buffers.params,
    bnState: buffers.bnState,
    steps: buffers.stepRec,
    stepCapacity: STEPS_PER_SUBMIT,
  };
  const { acts, ...named } = buffers;
  const shared: Resources = { ...named, x: resident.x, targets: resident.targets };
  const spec = {
    stages,
    layout,
    loss: options.loss,
    optimizer: options.optimizer,
    seed: options.seed,
    source: options.shuffle ? ('perm' as const) : ('offset' as const),
  };
  const lastRows = data.count % rows;
  try {
    throwIfStopped(options.signal);
    const kernels = await chooseTrainKernels(tuning, { ...spec, rows }, options.signal);
    throwIfStopped(options.signal);
    const [full, last] = await Promise.all([
      buildTrainPass(runner, { ...spec, rows }, shared, acts, kernels),
      lastRows > 0
        ? buildTrainPass(runner, { ...spec, rows: lastRows }, shared, acts, kernels)
        : undefined,
    ]);
    const passes = last ? { full, last } : { full };
    return { ctx, resident, buffers, passes, stages };
  } catch (err) {
    // A shader the device rejects, or a Stop: give the memory back before reporting it.
    for (const buffer of [...eachBuffer(buffers), resident.x, resident.targets]) {
      pool.release(buffer);
    }
    throw err;
  }
}

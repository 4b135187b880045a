import type { TrainOptions } from '../backend';
import type { ModelParams } from '../model/spec';
import type { BufferPool } from './bufferPool';
import { type ParamLayout, packParams, packStats } from './paramLayout';
import { convLayerOf, fusedOps, type Stage, stageWidth } from './plan';
import { conv2dGradChunks, conv2dPartialsFloats } from './programs/conv2dBackward';
import { STEP_RECORD_BYTES } from './programs/step';
import { storageUsage, uploadArray } from './resident';

/** Steps encoded into one command buffer, one submit: each has a 256-byte step record. */
export const STEPS_PER_SUBMIT = 64;
/** Mean losses kept on the GPU between reads (one float a step). */
export const LOSS_SLOTS = 4096;

/** Per-stage activation buffers, sized for the largest batch. */
export interface Activations {
  /** Each stage's output. */
  readonly out: readonly GPUBuffer[];
  /** A Linear stage's pre-activations, where elementwise layers follow it. */
  readonly pre: readonly (GPUBuffer | undefined)[];
  /** The loss gradient at each stage's output (at z, for a stage with fused layers). */
  readonly grad: readonly GPUBuffer[];
  /** A max pool's argmax per output (u32), which its backward routes the gradient by. */
  readonly indices: readonly (GPUBuffer | undefined)[];
}

/** Where batch norm stage `s` keeps its batch statistics in `bnSaved`: 2 x channels floats. */
export function savedOffset(stages: readonly Stage[], s: number): number {
  return savedFloats(stages.slice(0, s));
}

function savedFloats(stages: readonly Stage[]): number {
  return stages.reduce((n, stage) => n + (stage.kind === 'batchNorm' ? 2 * stage.channels : 0), 0);
}

/** Every buffer a step uses, allocated once. The names are the programs' binding names. */
export interface SessionBuffers {
  /** Every parameter, packed by the ParamLayout. */
  readonly params: GPUBuffer;
  /** The batch norms' running statistics (ParamLayout.norms): updated by training, not trained. */
  readonly bnState: GPUBuffer;
  /** Each batch norm's batch mean and 1 / sqrt(var + eps) from its forward, for its backward. */
  readonly bnSaved: GPUBuffer;
  readonly grads: GPUBuffer;
  /** The mean loss of each step since the last read (LOSS_SLOTS floats). */
  readonly losses: GPUBuffer;
  /** One 256-byte step record per step of a submit. */
  readonly stepRec: GPUBuffer;
  /** SGD's momentum buffer, or Adam's first moment. */
  readonly state1?: GPUBuffer;
  /** Adam's second moment. */
  readonly state2?: GPUBuffer;
  /** The epoch's permutation of sample indices, when shuffling. */
  readonly perm?: GPUBuffer;
  /** Partial sums of the convolutions' weight gradients (scratch, shared by every conv stage). */
  readonly partials?: GPUBuffer;
  readonly acts: Activations;
}

/** Each buffer of `buffers` once, to release them. */
export function eachBuffer(buffers: SessionBuffers): GPUBuffer[] {
  const { acts, ...named } = buffers;
  return [
    ...Object.values(named),
    ...acts.out,
    ...acts.grad,
    ...acts.pre.filter((b) => b !== undefined),
    ...acts.indices.filter((b) => b !== undefined),
  ];
}

/** Allocates every buffer a step uses: parameters, optimizer state, activations. */
export function allocate(
  device: GPUDevice,
  pool: BufferPool,
  layout: ParamLayout,
  params: ModelParams,
  options: TrainOptions,
  stages: readonly Stage[],
  rows: number,
  count: number,
): SessionBuffers {
  const usage = storageUsage();
  const zeroed = (floats: number, label: string) => {
    const buffer = pool.acquire(floats * 4, usage, label);
    device.queue.writeBuffer(buffer, 0, new Float32Array(buffer.size / 4));
    return buffer;
  };
  const opt = options.optimizer;
  const partials = Math.max(
    0,
    ...stages.map((stage, s) => {
      if (stage.kind !== 'conv') return 0;
      const layer = convLayerOf({ layout, rows }, s, stage, 'weight gradient');
      const chunks = conv2dGradChunks(layer);
      return chunks > 1 ? conv2dPartialsFloats({ ...layer, chunks }) : 0;
    }),
  );
  const stageBuffer = (s: number, what: string) =>
    pool.acquire(rows * stageWidth(stages[s]!) * 4, usage, `stage ${s} ${what}`);
  return {
    params: uploadArray(device, pool, packParams(layout, params), 'params'),
    bnState: uploadArray(device, pool, packStats(layout, params), 'running statistics'),
    bnSaved: pool.acquire(Math.max(4, savedFloats(stages)) * 4, usage, 'batch statistics'),
    grads: zeroed(layout.size, 'grads'),
    losses: pool.acquire(LOSS_SLOTS * 4, usage, 'losses'),
    stepRec: pool.acquire(
      STEPS_PER_SUBMIT * STEP_RECORD_BYTES,
      GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST,
      'step records',
    ),
    ...(opt.type === 'adam' || opt.momentum !== 0 ? { state1: zeroed(layout.size, 'state1') } : {}),
    ...(opt.type === 'adam' ? { state2: zeroed(layout.size, 'state2') } : {}),
    ...(options.shuffle ? { perm: pool.acquire(count * 4, usage, 'permutation') } : {}),
    ...(partials > 0 ? { partials: pool.acquire(partials * 4, usage, 'conv partial sums') } : {}),
    acts: {
      out: stages.map((_, s) => stageBuffer(s, 'output')),
      grad: stages.map((_, s) => stageBuffer(s, 'gradient')),
      pre: stages.map((stage, s) =>
        fusedOps(stage).length > 0 ? stageBuffer(s, 'pre-activation') : undefined,
      ),
      indices: stages.map((stage, s) =>
        stage.kind === 'pool' && stage.mode === 'max' ? stageBuffer(s, 'argmax') : undefined,
      ),
    },
  };
}

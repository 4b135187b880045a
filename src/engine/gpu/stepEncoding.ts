// Encoding a chunk of training steps: each step's 256-byte record (batch start, step number,
// the optimizer's step size, Adam's bias corrections, loss slot) and the step's fixed list of dispatches, all steps in one
// compute pass and one submit. The session (session.ts) keeps the counters and decides when to
// encode.

import type { TrainOptions } from '../backend';
import { packStepRecords, STEP_RECORD_BYTES, type StepRecord } from './programs/step';
import type { GpuRunner } from './runner';
import type { StepPasses } from './sessionSetup';

/** Where the first step of a chunk falls: in its epoch, in the run, and in the loss buffer. */
export interface StepPosition {
  readonly stepInEpoch: number;
  readonly globalStep: number;
  readonly lossSlot: number;
}

/** The records of a chunk of steps, and the rows of each step's batch. */
export interface StepChunk {
  readonly records: readonly StepRecord[];
  /** `batchSize`, or fewer for the epoch's last batch. */
  readonly rows: readonly number[];
}

/**
 * The records of the `count` steps from `at`, over a dataset of `dataCount` samples, all of one
 * epoch, whose learning rate is `lr`.
 */
export function stepRecords(
  options: Pick<TrainOptions, 'batchSize' | 'optimizer'>,
  dataCount: number,
  at: StepPosition,
  count: number,
  lr: number,
): StepChunk {
  const { batchSize, optimizer } = options;
  const records: StepRecord[] = [];
  const rows: number[] = [];
  for (let k = 0; k < count; k++) {
    const start = (at.stepInEpoch + k) * batchSize;
    const t = at.globalStep + k;
    rows.push(Math.min(batchSize, dataCount - start));
    // torch.optim.Adam's bias corrections for step t + 1, in float64 as in Python; SGD's step
    // is the rate itself.
    const step =
      optimizer.type === 'adam'
        ? {
            stepSize: lr / (1 - optimizer.beta1 ** (t + 1)),
            bc2Sqrt: Math.sqrt(1 - optimizer.beta2 ** (t + 1)),
          }
        : { stepSize: lr };
    records.push({ start, t, lossSlot: at.lossSlot + k, ...step });
  }
  return { records, rows };
}

/**
 * Writes `chunk`'s records to the step-record buffer and submits every step's dispatches in one
 * command buffer, each step's programs bound to its own record by dynamic offset.
 */
export function encodeSteps(
  runner: GpuRunner,
  stepRec: GPUBuffer,
  passes: StepPasses,
  batchSize: number,
  chunk: StepChunk,
): void {
  runner.device.queue.writeBuffer(stepRec, 0, packStepRecords(chunk.records));
  const encoder = runner.device.createCommandEncoder({ label: 'train steps' });
  const pass = encoder.beginComputePass({ label: 'train steps' });
  chunk.rows.forEach((rows, k) => {
    const programs = rows === batchSize || !passes.last ? passes.full : passes.last;
    for (const bound of programs) runner.dispatch(pass, bound, k * STEP_RECORD_BYTES);
  });
  pass.end();
  runner.submit(encoder);
}

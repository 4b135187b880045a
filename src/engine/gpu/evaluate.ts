import type { LossName } from '../../shared/project';
import type { Evaluation } from '../backend';
import { InputError } from '../errors';
import type { BufferPool } from './bufferPool';
import { buildForwardPass } from './forwardPass';
import type { ParamLayout } from './paramLayout';
import { type Stage, stageWidth } from './plan';
import { metricsProgram } from './programs/metrics';
import { packStepRecords, STEP_RECORD_BYTES } from './programs/step';
import { type ResidentData, storageUsage, uploadArray } from './resident';
import type { BoundProgram, GpuRunner } from './runner';
import { bindByName } from './trainPass';

/** What evaluation and prediction share with the training session. */
export interface PassContext {
  readonly runner: GpuRunner;
  readonly pool: BufferPool;
  readonly layout: ParamLayout;
  readonly seed: number;
  readonly params: GPUBuffer;
  /** The batch norms' running statistics, which evaluation normalises with. */
  readonly bnState: GPUBuffer;
  /** The session's step-record uniform buffer, `stepCapacity` records long. */
  readonly steps: GPUBuffer;
  readonly stepCapacity: number;
}

/** Rows per forward pass: big enough that dispatches are few, small enough to stay in cache. */
const CHUNK_ROWS = 1024;

/**
 * Runs the forward pass of `stages` over `count` rows of `x` in chunks, with `extra` programs
 * after each chunk's pass and `afterChunk` (copies) between chunks; a submit per
 * `stepCapacity` chunks, no readback.
 */
async function forwardChunks(
  ctx: PassContext,
  stages: readonly Stage[],
  x: GPUBuffer,
  count: number,
  extra: (rows: number, outs: readonly GPUBuffer[]) => Promise<BoundProgram[]>,
  afterChunk?: (encoder: GPUCommandEncoder, chunk: number, rows: number, out: GPUBuffer) => void,
): Promise<void> {
  const { runner, pool } = ctx;
  const rowsFull = Math.min(CHUNK_ROWS, count);
  const outs = stages.map((s) =>
    pool.acquire(rowsFull * stageWidth(s) * 4, storageUsage(), 'eval activations'),
  );
  // A max pool writes its argmax too; evaluation has no use for it but a place to put it.
  const indices = stages.map((s) =>
    s.kind === 'pool' && s.mode === 'max'
      ? pool.acquire(rowsFull * stageWidth(s) * 4, storageUsage(), 'eval argmax')
      : undefined,
  );
  try {
    const passes = new Map<number, BoundProgram[]>();
    const passFor = async (rows: number) => {
      let pass = passes.get(rows);
      if (!pass) {
        const spec = { stages, layout: ctx.layout, seed: ctx.seed, rows };
        const shared = { x, params: ctx.params, bnState: ctx.bnState, stepRec: ctx.steps };
        pass = [
          ...(await buildForwardPass(runner, spec, shared, outs, indices)),
          ...(await extra(rows, outs)),
        ];
        passes.set(rows, pass);
      }
      return pass;
    };
    const chunks = Math.ceil(count / rowsFull);
    for (let first = 0; first < chunks; first += ctx.stepCapacity) {
      const n = Math.min(ctx.stepCapacity, chunks - first);
      const records = Array.from({ length: n }, (_, k) => ({
        start: (first + k) * rowsFull,
        t: 0,
        lossSlot: first + k,
      }));
      runner.device.queue.writeBuffer(ctx.steps, 0, packStepRecords(records));
      const encoder = runner.device.createCommandEncoder({ label: 'forward' });
      for (let k = 0; k < n; k++) {
        const rows = Math.min(rowsFull, count - records[k]!.start);
        const pass = await passFor(rows);
        const compute = encoder.beginComputePass({ label: 'forward' });
        for (const bound of pass) runner.dispatch(compute, bound, k * STEP_RECORD_BYTES);
        compute.end();
        afterChunk?.(encoder, first + k, rows, outs.at(-1)!);
      }
      runner.submit(encoder);
    }
  } finally {
    for (const buffer of [...outs, ...indices]) if (buffer) pool.release(buffer);
  }
}

/**
 * Loss, accuracy and confusion matrix over resident data, all accumulated on the GPU and read
 * back once. `stages` are planned for evaluation: dropout off, a final Softmax folded into
 * cross-entropy (whose loss takes the logits; argmax is the same either way).
 */
export async function evaluateOnGpu(
  ctx: PassContext,
  stages: readonly Stage[],
  loss: LossName,
  data: ResidentData,
): Promise<Evaluation> {
  const { runner, pool } = ctx;
  const outputs = stageWidth(stages.at(-1)!);
  const classes = data.classes;
  const chunks = Math.ceil(data.count / Math.min(CHUNK_ROWS, data.count));
  const lossSums = pool.acquire(chunks * 4, storageUsage(), 'eval loss sums');
  const confusion = pool.acquire((classes ?? 1) * outputs * 4, storageUsage(), 'eval confusion');
  try {
    const clear = runner.device.createCommandEncoder({ label: 'clear confusion' });
    clear.clearBuffer(confusion);
    runner.submit(clear);
    const extra = async (rows: number, outs: readonly GPUBuffer[]) => [
      await bindByName(
        runner,
        metricsProgram({ name: 'metrics', loss, rows, outputs, confusion: classes !== undefined }),
        { stepRec: ctx.steps, y: outs.at(-1), targets: data.targets, confusion, lossSums },
      ),
    ];
    await forwardChunks(ctx, stages, data.x, data.count, extra);
    const [sums, counts] = await runner.read([
      { buffer: lossSums, offset: 0, size: chunks * 4 },
      { buffer: confusion, offset: 0, size: (classes ?? 0) * outputs * 4 },
    ]);
    const total = new Float32Array(sums!).reduce((a, b) => a + b, 0);
    const perSample = loss === 'mse' ? data.count * outputs : data.count;
    if (classes === undefined) return { loss: total / perSample, count: data.count };
    const cells = new Uint32Array(counts!);
    const matrix = Array.from({ length: classes }, (_, t) =>
      Array.from(cells.subarray(t * outputs, (t + 1) * outputs)),
    );
    const correct = matrix.reduce((sum, row, t) => sum + (row[t] ?? 0), 0);
    return {
      loss: total / perSample,
      count: data.count,
      accuracy: correct / data.count,
      confusionMatrix: matrix,
    };
  } finally {
    pool.release(lossSums);
    pool.release(confusion);
  }
}

/** The model's outputs for `count` rows of `x`, through every layer (Softmax included). */
export async function predictOnGpu(
  ctx: PassContext,
  stages: readonly Stage[],
  x: Float32Array,
  count: number,
  inputs: number,
): Promise<Float32Array> {
  const { runner, pool } = ctx;
  const outputs = stageWidth(stages.at(-1)!);
  if (count === 0) return new Float32Array(0);
  if (x.length < count * inputs) {
    throw new InputError(`predict: ${x.length} values for ${count} samples of ${inputs}`);
  }
  const input = uploadArray(runner.device, pool, x.subarray(0, count * inputs), 'predict x');
  const result = pool.acquire(count * outputs * 4, storageUsage(), 'predictions');
  try {
    const rowsFull = Math.min(CHUNK_ROWS, count);
    await forwardChunks(
      ctx,
      stages,
      input,
      count,
      async () => [],
      (encoder, chunk, rows, out) => {
        encoder.copyBufferToBuffer(
          out,
          0,
          result,
          chunk * rowsFull * outputs * 4,
          rows * outputs * 4,
        );
      },
    );
    const [bytes] = await runner.read([{ buffer: result, offset: 0, size: count * outputs * 4 }]);
    return new Float32Array(bytes!);
  } finally {
    pool.release(input);
    pool.release(result);
  }
}

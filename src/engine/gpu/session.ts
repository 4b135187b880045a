import type { Evaluation, LossReadout, Progress, TrainingSession, TrainOptions } from '../backend';
import type { Dataset } from '../data/dataset';
import type { ModelParams, ModelSpec } from '../model/spec';
import { MT19937, permutation } from '../random';
import type { BufferPool } from './bufferPool';
import { evaluateOnGpu, type PassContext, predictOnGpu } from './evaluate';
import { layoutParams, unpackParams } from './paramLayout';
import { foldsSoftmax, planStages, type Stage, stageWidth } from './plan';
import { type KernelProfile, profileKernels } from './profile';
import { packStepRecords, STEP_RECORD_BYTES, type StepRecord } from './programs/step';
import { type ResidentData, uploadDataset } from './resident';
import type { BoundProgram, GpuRunner } from './runner';
import { allocate, LOSS_SLOTS, STEPS_PER_SUBMIT } from './sessionBuffers';
import { chooseTrainKernels, type Tuning } from './trainKernels';
import { type Activations, buildTrainPass, type Resources } from './trainPass';

/** What the session asked of the GPU since it began: the benchmark prints these. */
export interface SessionStats {
  steps: number;
  dispatches: number;
  submits: number;
  readbacks: number;
}

interface Losses {
  values: number[];
  rows: number[];
}

/**
 * A training run on WebGPU (see TrainingSession). The dataset, the parameters, the optimizer
 * state and every activation live on the GPU from creation to dispose; a step is a fixed list
 * of dispatches (trainPass.ts) whose per-step inputs (batch start, step number, Adam's bias
 * corrections, loss slot) come from a 256-byte record in a uniform buffer, so up to
 * STEPS_PER_SUBMIT steps go in one command buffer and nothing is read back until readLoss.
 */
export class WebGpuSession implements TrainingSession {
  private epoch = 0;
  private stepInEpoch = 0;
  private globalStep = 0;
  private readonly losses: Losses = { values: [], rows: [] };
  /** Rows of the batch behind each used slot of the loss buffer. */
  private slotRows: number[] = [];
  private inflight: Promise<unknown> = Promise.resolve();
  private readonly rng: MT19937;
  private readonly evalData = new Map<Dataset, ResidentData>();
  private readonly start: SessionStats;
  private disposed = false;

  private constructor(
    private readonly ctx: PassContext,
    private readonly model: ModelSpec,
    private readonly data: Dataset,
    private readonly resident: ResidentData,
    private readonly options: TrainOptions,
    private readonly buffers: Record<string, GPUBuffer>,
    private readonly passes: { full: BoundProgram[]; last?: BoundProgram[] },
  ) {
    this.rng = new MT19937(options.seed);
    const { dispatches, submits, readbacks } = ctx.runner.stats;
    this.start = { steps: 0, dispatches, submits, readbacks };
  }

  /**
   * Uploads the data and parameters and compiles the step's kernels: with `tuning`, the fastest
   * variant of each big matmul on this adapter (see tuner.ts).
   */
  static async create(
    runner: GpuRunner,
    pool: BufferPool,
    model: ModelSpec,
    params: ModelParams,
    data: Dataset,
    options: TrainOptions,
    tuning?: Tuning,
  ): Promise<WebGpuSession> {
    const device = runner.device;
    const fold = foldsSoftmax(model, options.loss);
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
      params: buffers.params!,
      steps: buffers.stepRec!,
      stepCapacity: STEPS_PER_SUBMIT,
    };
    const shared: Resources = { ...buffers, x: resident.x, targets: resident.targets };
    const acts: Activations = {
      out: stages.map((_, s) => buffers[`out${s}`]!),
      pre: stages.map((_, s) => buffers[`pre${s}`]),
      grad: stages.map((_, s) => buffers[`grad${s}`]!),
    };
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
      const kernels = await chooseTrainKernels(tuning, { ...spec, rows });
      const [full, last] = await Promise.all([
        buildTrainPass(runner, { ...spec, rows }, shared, acts, kernels),
        lastRows > 0
          ? buildTrainPass(runner, { ...spec, rows: lastRows }, shared, acts, kernels)
          : undefined,
      ]);
      const passes = last ? { full, last } : { full };
      return new WebGpuSession(ctx, model, data, resident, options, buffers, passes);
    } catch (err) {
      // A shader the device rejects: give the memory back before reporting it.
      for (const buffer of [...Object.values(buffers), resident.x, resident.targets]) {
        pool.release(buffer);
      }
      throw err;
    }
  }

  get progress(): Progress {
    return { epoch: this.epoch, step: this.stepInEpoch, stepsPerEpoch: this.stepsPerEpoch };
  }

  private get stepsPerEpoch(): number {
    return Math.ceil(this.data.count / this.options.batchSize);
  }

  /** Dispatches, submits and readbacks since the session began, and steps trained. */
  get stats(): SessionStats {
    const now = this.ctx.runner.stats;
    return {
      steps: this.globalStep,
      dispatches: now.dispatches - this.start.dispatches,
      submits: now.submits - this.start.submits,
      readbacks: now.readbacks - this.start.readbacks,
    };
  }

  /**
   * Times each kernel of a full-batch step on its own (profile.ts), for `npm run bench --
   * --profile`. Parameters, optimizer state and pending losses are copied aside and put back, so
   * training goes on as if nothing had run; activations and gradients are scratch anyway.
   */
  async profile(): Promise<KernelProfile> {
    await this.inflight;
    const kept = ['params', 'state1', 'state2', 'losses'].flatMap((name) => {
      const buffer = this.buffers[name];
      return buffer ? [buffer] : [];
    });
    return profileKernels(this.ctx.runner, this.passes.full, kept);
  }

  async train(steps: number): Promise<number> {
    const n = Math.min(Math.max(0, Math.floor(steps)), this.stepsPerEpoch - this.stepInEpoch);
    if (n === 0) return 0;
    const device = this.ctx.runner.device;
    if (this.stepInEpoch === 0 && this.options.shuffle) {
      // DataLoader(shuffle=True): a fresh permutation each epoch from the run's one generator.
      const order = permutation(this.data.count, this.rng) as Uint32Array<ArrayBuffer>;
      device.queue.writeBuffer(this.buffers.perm!, 0, order);
    }
    for (let done = 0; done < n; ) {
      if (this.slotRows.length === LOSS_SLOTS) await this.drainLosses();
      const chunk = Math.min(STEPS_PER_SUBMIT, n - done, LOSS_SLOTS - this.slotRows.length);
      this.encodeSteps(chunk);
      done += chunk;
      // At most two chunks queued: the GPU never idles, the queue never grows without bound.
      await this.inflight;
      this.inflight = device.queue.onSubmittedWorkDone();
    }
    return n;
  }

  /** Encodes and submits the next `count` steps of this epoch in one command buffer. */
  private encodeSteps(count: number): void {
    const { runner } = this.ctx;
    const { batchSize, optimizer } = this.options;
    const records: StepRecord[] = [];
    const rowsOf: number[] = [];
    for (let k = 0; k < count; k++) {
      const start = (this.stepInEpoch + k) * batchSize;
      const t = this.globalStep + k;
      rowsOf.push(Math.min(batchSize, this.data.count - start));
      // torch.optim.Adam's bias corrections for step t + 1, in float64 as in Python.
      const adam =
        optimizer.type === 'adam'
          ? {
              stepSize: optimizer.lr / (1 - optimizer.beta1 ** (t + 1)),
              bc2Sqrt: Math.sqrt(1 - optimizer.beta2 ** (t + 1)),
            }
          : {};
      records.push({ start, t, lossSlot: this.slotRows.length + k, ...adam });
    }
    runner.device.queue.writeBuffer(this.buffers.stepRec!, 0, packStepRecords(records));
    const encoder = runner.device.createCommandEncoder({ label: 'train steps' });
    const pass = encoder.beginComputePass({ label: 'train steps' });
    rowsOf.forEach((rows, k) => {
      const programs =
        rows === batchSize || !this.passes.last ? this.passes.full : this.passes.last;
      for (const bound of programs) runner.dispatch(pass, bound, k * STEP_RECORD_BYTES);
    });
    pass.end();
    runner.submit(encoder);
    this.slotRows.push(...rowsOf);
    this.globalStep += count;
    this.stepInEpoch += count;
    if (this.stepInEpoch === this.stepsPerEpoch) {
      this.epoch++;
      this.stepInEpoch = 0;
    }
  }

  /** Moves the losses on the GPU to the CPU side (one readback), freeing their slots. */
  private async drainLosses(): Promise<void> {
    const used = this.slotRows.length;
    if (used === 0) return;
    const [bytes] = await this.ctx.runner.read([
      { buffer: this.buffers.losses!, offset: 0, size: used * 4 },
    ]);
    this.losses.values.push(...new Float32Array(bytes!));
    this.losses.rows.push(...this.slotRows);
    this.slotRows = [];
  }

  async readLoss(): Promise<LossReadout> {
    await this.drainLosses();
    const { values, rows } = this.losses;
    let sum = 0;
    let samples = 0;
    values.forEach((loss, i) => {
      sum += loss * rows[i]!;
      samples += rows[i]!;
    });
    this.losses.values = [];
    this.losses.rows = [];
    return { batchLosses: Float32Array.from(values), sum, samples };
  }

  async evaluate(data: Dataset): Promise<Evaluation> {
    let resident = data === this.data ? this.resident : this.evalData.get(data);
    if (!resident) {
      const { device } = this.ctx.runner;
      const inputs = this.model.inputShape.reduce((a, b) => a * b, 1);
      resident = uploadDataset(
        device,
        this.ctx.pool,
        data,
        inputs,
        this.outputs,
        this.options.loss,
      );
      this.evalData.set(data, resident);
    }
    return evaluateOnGpu(this.ctx, this.stages(false), this.options.loss, resident);
  }

  async predict(x: Float32Array, count: number): Promise<Float32Array> {
    const inputs = this.model.inputShape.reduce((a, b) => a * b, 1);
    return predictOnGpu(this.ctx, this.stages(true), x, count, inputs);
  }

  async getParams(): Promise<ModelParams> {
    const { layout } = this.ctx;
    const [bytes] = await this.ctx.runner.read([
      { buffer: this.ctx.params, offset: 0, size: layout.size * 4 },
    ]);
    return unpackParams(layout, new Float32Array(bytes!));
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    const { pool } = this.ctx;
    for (const buffer of Object.values(this.buffers)) pool.release(buffer);
    for (const data of [this.resident, ...this.evalData.values()]) {
      pool.release(data.x);
      pool.release(data.targets);
    }
    this.evalData.clear();
    pool.trim();
  }

  /** Evaluation stages (no dropout); for prediction, a final Softmax kept. */
  private stages(predict: boolean): Stage[] {
    const fold = !predict && foldsSoftmax(this.model, this.options.loss);
    return planStages(this.model, { training: false, foldSoftmax: fold });
  }

  private get outputs(): number {
    return stageWidth(this.stages(false).at(-1)!);
  }
}

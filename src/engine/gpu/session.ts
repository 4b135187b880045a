import type {
  Evaluation,
  LayerInsides,
  LossReadout,
  Progress,
  TrainingSession,
  TrainOptions,
} from '../backend';
import { BatchOrder } from '../data/batches';
import type { Dataset } from '../data/dataset';
import { layerShapes } from '../model/layers';
import { foldsFinalSoftmax } from '../model/softmaxFold';
import type { ModelParams, ModelSpec } from '../model/spec';
import { reluFollows } from '../train/insides';
import { type LrScheduler, schedulerAt } from '../train/schedule';
import type { BufferPool } from './bufferPool';
import { evaluateOnGpu, type PassContext, predictOnGpu } from './evaluate';
import { LossSlots } from './lossSlots';
import { packParams, packStats, unpackParams } from './paramLayout';
import { planStages, type Stage, stageWidth } from './plan';
import { type KernelProfile, profileKernels } from './profile';
import type { Program } from './program';
import { HISTOGRAM_WORDS, histogramProgram, readHistogram } from './programs/histogram';
import { type ResidentData, storageUsage, uploadDataset } from './resident';
import type { GpuRunner } from './runner';
import { eachBuffer, type SessionBuffers, STEPS_PER_SUBMIT } from './sessionBuffers';
import { type StepPasses, setUpSession } from './sessionSetup';
import { encodeSteps, stepRecords } from './stepEncoding';
import type { Tuning } from './trainKernels';

/** What the session asked of the GPU since it began: the benchmark prints these. */
export interface SessionStats {
  steps: number;
  dispatches: number;
  submits: number;
  readbacks: number;
}

/**
 * A training run on WebGPU (see TrainingSession). The dataset, the parameters, the optimizer
 * state and every activation live on the GPU from creation to dispose; a step is a fixed list
 * of dispatches (trainPass.ts) whose per-step inputs (batch start, step number, Adam's bias
 * corrections, loss slot) come from a 256-byte record in a uniform buffer (stepEncoding.ts), so
 * up to STEPS_PER_SUBMIT steps go in one command buffer and nothing is read back until readLoss.
 */
export class GpuTrainingSession implements TrainingSession {
  private epoch = 0;
  private stepInEpoch = 0;
  private globalStep = 0;
  private readonly losses: LossSlots;
  private inflight: Promise<unknown> = Promise.resolve();
  private readonly order: BatchOrder;
  private readonly evalData = new Map<Dataset, ResidentData>();
  private readonly start: SessionStats;
  private readonly scheduler: LrScheduler;
  private disposed = false;

  private constructor(
    private readonly ctx: PassContext,
    private readonly model: ModelSpec,
    private readonly data: Dataset,
    private readonly resident: ResidentData,
    private readonly options: TrainOptions,
    private readonly buffers: SessionBuffers,
    private readonly passes: StepPasses,
    private readonly trainStages: readonly Stage[],
  ) {
    this.losses = new LossSlots(ctx.runner, buffers.losses);
    this.order = new BatchOrder(data.count, options.batchSize, options.shuffle, options.seed);
    this.scheduler = schedulerAt(options.optimizer.lr, options.schedule, options.firstEpoch ?? 0);
    const { dispatches, submits, readbacks } = ctx.runner.stats;
    this.start = { steps: 0, dispatches, submits, readbacks };
  }

  /**
   * Uploads the data and parameters and compiles the step's kernels: with `tuning`, the fastest
   * variant of each big matmul on this adapter (see sessionSetup.ts, tuner.ts).
   */
  static async create(
    runner: GpuRunner,
    pool: BufferPool,
    model: ModelSpec,
    params: ModelParams,
    data: Dataset,
    options: TrainOptions,
    tuning?: Tuning,
  ): Promise<GpuTrainingSession> {
    const parts = await setUpSession(runner, pool, model, params, data, options, tuning);
    const { ctx, resident, buffers, passes, stages } = parts;
    return new GpuTrainingSession(ctx, model, data, resident, options, buffers, passes, stages);
  }

  get progress(): Progress {
    return { epoch: this.epoch, step: this.stepInEpoch, stepsPerEpoch: this.stepsPerEpoch };
  }

  get learningRate(): number {
    return this.scheduler.lr;
  }

  private get stepsPerEpoch(): number {
    return this.order.stepsPerEpoch;
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
    const { params, bnState, state1, state2, losses } = this.buffers;
    const kept = [params, bnState, state1, state2, losses].filter((b) => b !== undefined);
    return profileKernels(this.ctx.runner, this.passes.full, kept);
  }

  async train(steps: number): Promise<number> {
    const n = Math.min(Math.max(0, Math.floor(steps)), this.stepsPerEpoch - this.stepInEpoch);
    if (n === 0) return 0;
    const device = this.ctx.runner.device;
    const { perm } = this.buffers;
    if (this.stepInEpoch === 0 && perm) {
      // DataLoader(shuffle=True): a fresh permutation each epoch, as the CPU backend draws it.
      device.queue.writeBuffer(perm, 0, this.order.nextEpoch());
    }
    for (let done = 0; done < n; ) {
      if (this.losses.free === 0) await this.losses.drain();
      const chunk = Math.min(STEPS_PER_SUBMIT, n - done, this.losses.free);
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
    const { stepInEpoch, globalStep } = this;
    const at = { stepInEpoch, globalStep, lossSlot: this.losses.used };
    const chunk = stepRecords(this.options, this.data.count, at, count, this.scheduler.lr);
    const { runner } = this.ctx;
    encodeSteps(runner, this.buffers.stepRec, this.passes, this.options.batchSize, chunk);
    this.losses.fill(chunk.rows);
    this.globalStep += count;
    this.stepInEpoch += count;
    if (this.stepInEpoch === this.stepsPerEpoch) {
      this.epoch++;
      this.stepInEpoch = 0;
      // scheduler.step() after the epoch's batches: the next records carry the next rate.
      this.scheduler.step();
    }
  }

  readLoss(): Promise<LossReadout> {
    return this.losses.read();
  }

  async evaluate(data: Dataset): Promise<Evaluation> {
    let resident = data === this.data ? this.resident : this.evalData.get(data);
    if (!resident) {
      const { runner, pool } = this.ctx;
      const inputs = this.model.inputShape.reduce((a, b) => a * b, 1);
      resident = uploadDataset(runner.device, pool, data, inputs, this.outputs, this.options.loss);
      this.evalData.set(data, resident);
    }
    return evaluateOnGpu(this.ctx, this.stages(false), this.options.loss, resident);
  }

  async predict(x: Float32Array, count: number): Promise<Float32Array> {
    const inputs = this.model.inputShape.reduce((a, b) => a * b, 1);
    return predictOnGpu(this.ctx, this.stages(true), x, count, inputs);
  }

  /**
   * The insides of every layer with weights, from the parameters and the activations the last
   * training step left: one histogram program each for its weights and its outputs z (with the
   * dead units when a ReLU follows), one submit, one readback.
   */
  async insides(): Promise<LayerInsides[]> {
    if (this.globalStep === 0) return [];
    await this.inflight;
    const { runner, pool, layout } = this.ctx;
    const stages = this.trainStages;
    // The last step's batch: the epoch's last (maybe smaller) when an epoch just ended.
    const { batchSize } = this.options;
    const full = Math.min(batchSize, this.data.count);
    const rows = this.stepInEpoch === 0 ? this.data.count % full || full : full;
    const jobs: { program: Program; values: GPUBuffer }[] = [];
    const layers: { layer: number; weights: number; outputs: number; relu: boolean }[] = [];
    stages.forEach((stage, s) => {
      if (!('slot' in stage)) return;
      const slot = layout.slots[stage.slot]!;
      const z = this.buffers.acts.pre[s] ?? this.buffers.acts.out[s]!;
      const units = this.layerUnits(stage.layer);
      const width = stageWidth(stage);
      const relu = reluFollows(this.model, stage.layer);
      const at = jobs.length;
      jobs.push({
        program: histogramProgram({
          name: `insides ${stage.layer} weights`,
          offset: slot.weight,
          count: slot.weightSize,
          slot: at,
        }),
        values: this.ctx.params,
      });
      jobs.push({
        program: histogramProgram({
          name: `insides ${stage.layer} outputs`,
          offset: 0,
          count: rows * width,
          slot: at + 1,
          ...(relu ? { dead: { rows, units, spatial: width / units } } : {}),
        }),
        values: z,
      });
      layers.push({ layer: stage.layer, weights: at, outputs: at + 1, relu });
    });
    if (jobs.length === 0) return [];
    const out = pool.acquire(jobs.length * HISTOGRAM_WORDS * 4, storageUsage(), 'insides');
    try {
      const bound = await Promise.all(
        jobs.map((job) => runner.bind(job.program, [{ buffer: job.values }, { buffer: out }])),
      );
      const encoder = runner.device.createCommandEncoder({ label: 'insides' });
      const compute = encoder.beginComputePass({ label: 'insides' });
      for (const b of bound) runner.dispatch(compute, b, 0);
      compute.end();
      runner.submit(encoder);
      const [bytes] = await runner.read([{ buffer: out, offset: 0, size: out.size }]);
      const words = new Uint32Array(bytes!);
      return layers.map(({ layer, weights, outputs, relu }) => {
        const w = readHistogram(words, weights);
        const z = readHistogram(words, outputs);
        const units = this.layerUnits(layer);
        return {
          layer,
          weights: { min: w.min, max: w.max, counts: w.counts },
          outputs: { min: z.min, max: z.max, counts: z.counts },
          ...(relu ? { dead: z.deadUnits / units } : {}),
        };
      });
    } finally {
      pool.release(out);
    }
  }

  /** Units (features, or channels) of layer `i`'s output. */
  private layerUnits(i: number): number {
    return layerShapes(this.model)[i + 1]![0]!;
  }

  async getParams(): Promise<ModelParams> {
    const { layout } = this.ctx;
    const stats = layout.norms.length > 0;
    const [bytes, statBytes] = await this.ctx.runner.read([
      { buffer: this.ctx.params, offset: 0, size: layout.size * 4 },
      ...(stats ? [{ buffer: this.ctx.bnState, offset: 0, size: layout.statsSize * 4 }] : []),
    ]);
    return unpackParams(
      layout,
      new Float32Array(bytes!),
      statBytes ? new Float32Array(statBytes) : undefined,
    );
  }

  /** Writes `params` over the parameter and running-statistics buffers, after queued steps. */
  async setParams(params: ModelParams): Promise<void> {
    const { layout } = this.ctx;
    const { queue } = this.ctx.runner.device;
    const write = (buffer: GPUBuffer, data: Float32Array) =>
      queue.writeBuffer(buffer, 0, data.buffer, data.byteOffset, data.byteLength);
    write(this.ctx.params, packParams(layout, params));
    if (layout.norms.length > 0) write(this.ctx.bnState, packStats(layout, params));
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    const { pool } = this.ctx;
    for (const buffer of eachBuffer(this.buffers)) pool.release(buffer);
    for (const data of [this.resident, ...this.evalData.values()]) {
      pool.release(data.x);
      pool.release(data.targets);
    }
    this.evalData.clear();
    pool.trim();
  }

  /** Evaluation stages (no dropout); for prediction, a final Softmax kept. */
  private stages(predict: boolean): Stage[] {
    const fold = !predict && foldsFinalSoftmax(this.options.loss, this.model.layers);
    return planStages(this.model, { training: false, foldSoftmax: fold });
  }

  private get outputs(): number {
    return stageWidth(this.stages(false).at(-1)!);
  }
}

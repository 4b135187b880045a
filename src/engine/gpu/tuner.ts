import { throwIfStopped } from '../errors';
import { MT19937 } from '../random';
import type { Program } from './program';
import { packStepRecords, STEP_RECORD_BYTES } from './programs/step';
import type { BoundProgram, GpuRunner } from './runner';

/** One way to compute a kernel: `make` builds it for a batch of any size. */
export interface Variant<Spec> {
  readonly id: string;
  make(spec: Spec): Program;
}

/** What is asked of the tuner: the variants of one kernel (the first is the reference). */
export interface TuneRequest<Spec> {
  /** The kernel and its shapes, without the variant: the key of the cached choice. */
  readonly key: string;
  readonly spec: Spec;
  readonly variants: readonly Variant<Spec>[];
  /** Floats of each storage binding, by name. */
  readonly sizes: Readonly<Record<string, number>>;
  /** Rows a `perm` binding may point at (its entries are drawn below this). */
  readonly rows: number;
  /** Bindings the kernel writes, compared with the reference's to reject a wrong variant. */
  readonly outputs: readonly string[];
}

/** Timed rounds over all variants; each variant's best round counts (the machine may be busy). */
const ROUNDS = 3;
/** Dispatches per timed round. */
const REPS = 4;
/**
 * What timing one kernel may cost, in milliseconds: a kernel so big that its rounds would take
 * longer is timed in fewer of them (down to one dispatch a variant), and one whose single
 * dispatch takes a quarter of this is not timed at all (the reference is used): the choice
 * matters little next to such a kernel's own time, and a 784-16000 layer took minutes to tune.
 */
const BUDGET_MS = 2000;
/** Largest difference from the reference, relative to the reference's largest value. */
const TOLERANCE = 1e-4;

/** Choices per adapter and kernel shape, for every backend in this page or worker. */
const chosen = new Map<string, string>();

/**
 * Picks the fastest correct variant of a kernel by timing them all on this device, on scratch
 * buffers of random numbers, once per adapter and shape (the choice is kept in memory, keyed by
 * the adapter's name and the kernel's shapes). Variants are compiled in parallel
 * (createComputePipelineAsync); one that fails to compile, or whose numbers differ from the
 * first variant's, is never chosen.
 */
export class KernelTuner {
  /** Timings of the last choices made, for `npm run bench -- --profile`. */
  readonly log: { key: string; id: string; ms: number }[] = [];

  constructor(
    private readonly runner: GpuRunner,
    /** The adapter's identity: choices made on one adapter are not reused on another. */
    private readonly adapterKey: string,
  ) {}

  /**
   * Starts compiling the variants `choose(request)` will time, unless chosen before: call it for
   * every request first, so that all of a session's candidates compile at once.
   */
  prepare<Spec>(request: TuneRequest<Spec>): void {
    if (this.known(request) !== undefined) return;
    for (const variant of request.variants) this.runner.prepare(variant.make(request.spec));
  }

  /**
   * The id of the fastest variant for `request`, timing them unless chosen before. A Stop
   * (`signal`) ends the timing between dispatches with StoppedError.
   */
  async choose<Spec>(request: TuneRequest<Spec>, signal?: AbortSignal): Promise<string> {
    const [first] = request.variants;
    if (!first) throw new Error(`${request.key}: no variant to choose from`);
    const known = this.known(request);
    if (known !== undefined) return known;
    if (request.variants.length === 1) return first.id;
    const scratch = this.scratchBuffers(request);
    try {
      const bound = await Promise.all(
        request.variants.map((variant) =>
          this.bindScratch(variant.make(request.spec), scratch).catch(() => undefined),
        ),
      );
      throwIfStopped(signal);
      const started = performance.now();
      const reference = bound[0] ? await this.outputsOf(bound[0], scratch, request) : undefined;
      const once = performance.now() - started;
      if (once > BUDGET_MS / 4) {
        chosen.set(`${this.adapterKey}|${request.key}`, first.id);
        return first.id;
      }
      const usable: { id: string; bound: BoundProgram; best: number }[] = [];
      for (let i = 0; i < bound.length; i++) {
        const b = bound[i];
        if (!b || !reference) continue;
        throwIfStopped(signal);
        const outputs = i === 0 ? reference : await this.outputsOf(b, scratch, request);
        if (agrees(outputs, reference)) {
          usable.push({ id: request.variants[i]!.id, bound: b, best: Number.POSITIVE_INFINITY });
        }
      }
      // Within the budget: rounds of REPS dispatches while they fit, else fewer dispatches.
      const affordable = Math.floor(BUDGET_MS / Math.max(1, once * usable.length));
      const reps = Math.max(1, Math.min(REPS, affordable));
      const rounds = Math.max(1, Math.min(ROUNDS, Math.floor(affordable / reps)));
      for (let round = 0; round < rounds; round++) {
        for (const u of usable) {
          throwIfStopped(signal);
          u.best = Math.min(u.best, await this.time(u.bound, reps));
        }
      }
      usable.sort((a, b) => a.best - b.best);
      const winner = usable[0];
      for (const u of usable) this.log.push({ key: request.key, id: u.id, ms: u.best });
      const id = winner?.id ?? first.id;
      chosen.set(`${this.adapterKey}|${request.key}`, id);
      return id;
    } finally {
      for (const buffer of scratch.values()) buffer.destroy();
    }
  }

  /** The variant chosen for `request` on this adapter before, if one was. */
  private known(request: TuneRequest<unknown>): string | undefined {
    const id = chosen.get(`${this.adapterKey}|${request.key}`);
    return request.variants.some((v) => v.id === id) ? id : undefined;
  }

  /** A buffer per binding name, of random numbers (valid row indices for `perm`). */
  private scratchBuffers(request: TuneRequest<unknown>): Map<string, GPUBuffer> {
    const { device } = this.runner;
    const rng = new MT19937(1);
    const buffers = new Map<string, GPUBuffer>();
    const usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC;
    for (const [name, floats] of Object.entries(request.sizes)) {
      const data =
        name === 'perm'
          ? Uint32Array.from({ length: floats }, () => rng.nextInt(request.rows))
          : Float32Array.from({ length: floats }, () => 2 * rng.nextFloat24() - 1);
      const buffer = device.createBuffer({ label: `tuning ${name}`, size: data.byteLength, usage });
      device.queue.writeBuffer(buffer, 0, data);
      buffers.set(name, buffer);
    }
    const step = device.createBuffer({
      label: 'tuning step record',
      size: STEP_RECORD_BYTES,
      usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST,
    });
    device.queue.writeBuffer(step, 0, packStepRecords([{ start: 0, t: 0, lossSlot: 0 }]));
    buffers.set('stepRec', step);
    return buffers;
  }

  private bindScratch(program: Program, scratch: Map<string, GPUBuffer>): Promise<BoundProgram> {
    return this.runner.bind(
      program,
      program.bindings.map((b) => {
        const buffer = scratch.get(b.name);
        if (!buffer) throw new Error(`${program.name}: no scratch buffer for ${b.name}`);
        return b.dynamicOffset ? { buffer, size: STEP_RECORD_BYTES } : { buffer };
      }),
    );
  }

  /** Runs `bound` once on the scratch buffers and reads what it wrote. */
  private async outputsOf(
    bound: BoundProgram,
    scratch: Map<string, GPUBuffer>,
    request: TuneRequest<unknown>,
  ): Promise<Float32Array[]> {
    const { device } = this.runner;
    const encoder = device.createCommandEncoder({ label: 'tuning check' });
    for (const name of request.outputs) encoder.clearBuffer(scratch.get(name)!);
    const pass = encoder.beginComputePass();
    this.runner.dispatch(pass, bound);
    pass.end();
    this.runner.submit(encoder);
    const regions = request.outputs.map((name) => {
      const buffer = scratch.get(name)!;
      return { buffer, offset: 0, size: buffer.size };
    });
    return (await this.runner.read(regions)).map((bytes) => new Float32Array(bytes));
  }

  /** Milliseconds a dispatch of `bound` takes: `reps` of them in one submit, waited for. */
  private async time(bound: BoundProgram, reps: number): Promise<number> {
    const { device } = this.runner;
    const encoder = device.createCommandEncoder({ label: 'tuning' });
    const pass = encoder.beginComputePass();
    for (let i = 0; i < reps; i++) this.runner.dispatch(pass, bound);
    pass.end();
    const start = performance.now();
    this.runner.submit(encoder);
    await device.queue.onSubmittedWorkDone();
    return (performance.now() - start) / reps;
  }
}

/** Whether every output matches the reference's to TOLERANCE of its largest magnitude. */
function agrees(outputs: readonly Float32Array[], reference: readonly Float32Array[]): boolean {
  return reference.every((ref, i) => {
    const out = outputs[i]!;
    let scale = 0;
    for (const v of ref) scale = Math.max(scale, Math.abs(v));
    for (let j = 0; j < ref.length; j++) {
      if (!(Math.abs(out[j]! - ref[j]!) <= TOLERANCE * (scale || 1))) return false;
    }
    return true;
  });
}

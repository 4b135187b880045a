import type { BufferPool } from './bufferPool';
import type { Program } from './program';

/** What the engine asked of the GPU: the benchmark prints these per step and per epoch. */
export interface GpuStats {
  dispatches: number;
  submits: number;
  /** GPU-to-CPU copies waited for (`mapAsync`): each is a full round trip. */
  readbacks: number;
  /** Distinct shaders compiled. */
  pipelines: number;
}

interface Compiled {
  readonly pipeline: GPUComputePipeline;
  readonly layout: GPUBindGroupLayout;
}

/** A program with its pipeline and buffers: ready to dispatch any number of times. */
export interface BoundProgram {
  readonly program: Program;
  readonly pipeline: GPUComputePipeline;
  readonly bindGroup: GPUBindGroup;
}

/**
 * Compiles programs (one pipeline per shaderKey), binds them to buffers, encodes their dispatches
 * and counts what it sends. Callers encode many dispatches into one pass and submit once.
 */
export class GpuRunner {
  readonly stats: GpuStats = { dispatches: 0, submits: 0, readbacks: 0, pipelines: 0 };
  private readonly cache = new Map<string, Promise<Compiled>>();

  constructor(
    readonly device: GPUDevice,
    private readonly pool: BufferPool,
  ) {}

  /** Compiles `program` unless a program with its shaderKey was compiled before. */
  private compile(program: Program): Promise<Compiled> {
    const cached = this.cache.get(program.shaderKey);
    if (cached) return cached;
    const layout = this.device.createBindGroupLayout({
      label: program.name,
      entries: program.bindings.map((b, i) => ({
        binding: i,
        visibility: GPUShaderStage.COMPUTE,
        buffer: { type: b.kind, hasDynamicOffset: b.dynamicOffset === true },
      })),
    });
    const module = this.device.createShaderModule({ label: program.name, code: program.wgsl() });
    const compiled = this.device
      .createComputePipelineAsync({
        label: program.name,
        layout: this.device.createPipelineLayout({
          label: program.name,
          bindGroupLayouts: [layout],
        }),
        compute: { module, entryPoint: 'main' },
      })
      .then((pipeline) => ({ pipeline, layout }));
    this.cache.set(program.shaderKey, compiled);
    this.stats.pipelines++;
    return compiled;
  }

  /**
   * Starts compiling `program` in the background, so that several shaders compile at once;
   * a compile error surfaces when the program is bound.
   */
  prepare(program: Program): void {
    this.compile(program).catch(() => undefined);
  }

  /**
   * Binds `program` to `resources` (in the order of `program.bindings`), compiling it first.
   * A dynamic-offset uniform binding takes `{ buffer, size }`: one record of the buffer.
   */
  async bind(program: Program, resources: readonly GPUBufferBinding[]): Promise<BoundProgram> {
    if (resources.length !== program.bindings.length) {
      throw new Error(
        `${program.name}: ${resources.length} buffers for ${program.bindings.length}`,
      );
    }
    const { pipeline, layout } = await this.compile(program);
    const bindGroup = this.device.createBindGroup({
      label: program.name,
      layout,
      entries: resources.map((resource, binding) => ({ binding, resource })),
    });
    return { program, pipeline, bindGroup };
  }

  /**
   * Encodes one dispatch of `bound` into `pass`; a program with a dynamic-offset binding (the
   * step record) sees the record at `stepOffset` bytes.
   */
  dispatch(pass: GPUComputePassEncoder, bound: BoundProgram, stepOffset = 0): void {
    const [x, y, z] = bound.program.dispatch;
    pass.setPipeline(bound.pipeline);
    if (bound.program.bindings.some((b) => b.dynamicOffset)) {
      pass.setBindGroup(0, bound.bindGroup, [stepOffset]);
    } else {
      pass.setBindGroup(0, bound.bindGroup);
    }
    pass.dispatchWorkgroups(x, y, z);
    this.stats.dispatches++;
  }

  submit(encoder: GPUCommandEncoder): void {
    this.device.queue.submit([encoder.finish()]);
    this.stats.submits++;
  }

  /**
   * Copies each region (byte offsets and sizes, multiples of 4) to the CPU in one submit and one
   * readback: the round trip costs far more than the bytes.
   */
  async read(
    regions: readonly { buffer: GPUBuffer; offset: number; size: number }[],
  ): Promise<ArrayBuffer[]> {
    const total = regions.reduce((sum, r) => sum + r.size, 0);
    const usage = GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST;
    const staging = this.pool.acquire(total, usage, 'readback');
    try {
      const encoder = this.device.createCommandEncoder({ label: 'readback' });
      let at = 0;
      for (const r of regions) {
        if (r.size > 0) encoder.copyBufferToBuffer(r.buffer, r.offset, staging, at, r.size);
        at += r.size;
      }
      this.submit(encoder);
      this.stats.readbacks++;
      await staging.mapAsync(GPUMapMode.READ, 0, staging.size);
      const mapped = staging.getMappedRange(0, staging.size);
      at = 0;
      const out = regions.map((r) => {
        const copy = mapped.slice(at, at + r.size);
        at += r.size;
        return copy;
      });
      staging.unmap();
      return out;
    } finally {
      this.pool.release(staging);
    }
  }
}

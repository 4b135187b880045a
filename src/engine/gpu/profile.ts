import type { BoundProgram, GpuRunner } from './runner';

/** One kernel of a train step and the time one dispatch of it takes on the device. */
export interface KernelTime {
  readonly name: string;
  readonly ms: number;
}

export interface KernelProfile {
  /** `timestamp-query` (GPU timestamps around each kernel) or `wall clock` (host timing). */
  readonly method: 'timestamp-query' | 'wall clock';
  readonly kernels: readonly KernelTime[];
}

/** Dispatches of each kernel per measurement: timestamps may be coarse (Chromium: 100 us). */
const REPS = 10;
/** Measurements of each kernel; the best counts (a busy machine only ever adds time). */
const ROUNDS = 3;

/**
 * Times each kernel of a train step on its own, `REPS` dispatches in a row, the best of `ROUNDS`
 * rounds: with GPU timestamps written at the start and end of one compute pass per kernel where
 * the device has the `timestamp-query` feature, otherwise from the host, one submit per kernel
 * waited for. The kernels run on the session's own buffers: the contents of `keep` (parameters,
 * optimizer state) are copied aside first and put back after, so training goes on as if nothing
 * had run.
 *
 * @example
 * const { method, kernels } = await profileKernels(runner, passes.full, [params]);
 * for (const k of kernels) console.log(`${k.name}: ${k.ms.toFixed(2)} ms`);
 */
export async function profileKernels(
  runner: GpuRunner,
  programs: readonly BoundProgram[],
  keep: readonly GPUBuffer[],
): Promise<KernelProfile> {
  const { device } = runner;
  const copies = keep.map((buffer) =>
    device.createBuffer({
      label: `${buffer.label} (kept)`,
      size: buffer.size,
      usage: GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST,
    }),
  );
  const copy = (from: readonly GPUBuffer[], to: readonly GPUBuffer[]) => {
    const encoder = device.createCommandEncoder({ label: 'profile: keep' });
    from.forEach((buffer, i) => {
      encoder.copyBufferToBuffer(buffer, 0, to[i]!, 0, buffer.size);
    });
    device.queue.submit([encoder.finish()]);
  };
  copy(keep, copies);
  try {
    let best = await timeKernels(runner, programs);
    for (let round = 1; round < ROUNDS; round++) {
      const next = await timeKernels(runner, programs);
      best = {
        method: best.method,
        kernels: best.kernels.map((k, i) => ({
          name: k.name,
          ms: Math.min(k.ms, next.kernels[i]!.ms),
        })),
      };
    }
    return best;
  } finally {
    copy(copies, keep);
    await device.queue.onSubmittedWorkDone();
    for (const buffer of copies) buffer.destroy();
  }
}

async function timeKernels(
  runner: GpuRunner,
  programs: readonly BoundProgram[],
): Promise<KernelProfile> {
  const { device } = runner;
  if (device.features.has('timestamp-query')) {
    const count = 2 * programs.length;
    const querySet = device.createQuerySet({ type: 'timestamp', count });
    const resolved = device.createBuffer({
      size: 8 * count,
      usage: GPUBufferUsage.QUERY_RESOLVE | GPUBufferUsage.COPY_SRC,
    });
    try {
      const encoder = device.createCommandEncoder({ label: 'kernel profile' });
      programs.forEach((bound, i) => {
        const pass = encoder.beginComputePass({
          label: bound.program.name,
          timestampWrites: {
            querySet,
            beginningOfPassWriteIndex: 2 * i,
            endOfPassWriteIndex: 2 * i + 1,
          },
        });
        for (let r = 0; r < REPS; r++) runner.dispatch(pass, bound);
        pass.end();
      });
      encoder.resolveQuerySet(querySet, 0, count, resolved, 0);
      runner.submit(encoder);
      const [bytes] = await runner.read([{ buffer: resolved, offset: 0, size: 8 * count }]);
      const ns = new BigUint64Array(bytes!);
      const kernels = programs.map((bound, i) => ({
        name: bound.program.name,
        ms: Number(ns[2 * i + 1]! - ns[2 * i]!) / 1e6 / REPS,
      }));
      return { method: 'timestamp-query', kernels };
    } finally {
      querySet.destroy();
      resolved.destroy();
    }
  }
  const kernels: KernelTime[] = [];
  for (const bound of programs) {
    const encoder = device.createCommandEncoder({ label: 'kernel profile' });
    const pass = encoder.beginComputePass({ label: bound.program.name });
    for (let r = 0; r < REPS; r++) runner.dispatch(pass, bound);
    pass.end();
    const start = performance.now();
    runner.submit(encoder);
    await device.queue.onSubmittedWorkDone();
    kernels.push({ name: bound.program.name, ms: (performance.now() - start) / REPS });
  }
  return { method: 'wall clock', kernels };
}

import { BufferPool } from '../bufferPool';
import type { GpuContext } from '../device';
import type { Program } from '../program';
import { packStepRecords, type StepRecord } from '../programs/step';
import { GpuRunner } from '../runner';

export type HostArray = Float32Array | Uint32Array;

/**
 * Runs one program once, for kernel tests: `inputs` are uploaded into the bindings of the same
 * name (read-write ones too, as their initial contents), the `step` record is bound where the
 * program asks for it, and every storage binding is read back.
 */
export async function runProgram(
  gpu: GpuContext,
  program: Program,
  inputs: Readonly<Record<string, HostArray>>,
  sizes: Readonly<Record<string, number>> = {},
  step: StepRecord = { start: 0, t: 0, lossSlot: 0 },
): Promise<Record<string, Float32Array>> {
  const { device } = gpu;
  const pool = new BufferPool(device);
  const runner = new GpuRunner(device, pool);
  const usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC;
  const buffers: Record<string, GPUBuffer> = {};
  for (const b of program.bindings) {
    if (b.kind === 'uniform') {
      const buffer = device.createBuffer({
        size: 256,
        usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST,
      });
      device.queue.writeBuffer(buffer, 0, packStepRecords([step]));
      buffers[b.name] = buffer;
      continue;
    }
    const data = inputs[b.name];
    const floats = data?.length ?? sizes[b.name];
    if (floats === undefined) throw new Error(`no input or size for ${b.name}`);
    const buffer = device.createBuffer({ size: Math.max(16, floats * 4), usage });
    if (data) device.queue.writeBuffer(buffer, 0, data as Float32Array<ArrayBuffer>);
    buffers[b.name] = buffer;
  }
  const bound = await runner.bind(
    program,
    program.bindings.map((b) =>
      b.kind === 'uniform' ? { buffer: buffers[b.name]!, size: 256 } : { buffer: buffers[b.name]! },
    ),
  );
  const encoder = device.createCommandEncoder();
  const pass = encoder.beginComputePass();
  runner.dispatch(pass, bound, 0);
  pass.end();
  runner.submit(encoder);
  const writable = program.bindings.filter((b) => b.kind === 'storage');
  const regions = writable.map((b) => ({
    buffer: buffers[b.name]!,
    offset: 0,
    size: buffers[b.name]!.size,
  }));
  const bytes = await runner.read(regions);
  const out: Record<string, Float32Array> = {};
  writable.forEach((b, i) => {
    out[b.name] = new Float32Array(bytes[i]!);
  });
  for (const buffer of Object.values(buffers)) buffer.destroy();
  return out;
}

/** Uniform random floats in [lo, hi) from a small seeded generator (mulberry32). */
export function randomArray(n: number, seed: number, lo = -1, hi = 1): Float32Array {
  let s = seed >>> 0;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = lo + (hi - lo) * (((t ^ (t >>> 14)) >>> 0) / 4294967296);
  }
  return out;
}

/**
 * Largest |a - b| / (|b| + rms(b)) over the elements of the reference `b`: relative error where
 * values are large, and error relative to the typical size where a sum cancels to near zero.
 */
export function maxRelError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length < b.length) return Number.POSITIVE_INFINITY;
  let squares = 0;
  for (let i = 0; i < b.length; i++) squares += b[i]! * b[i]!;
  const rms = Math.sqrt(squares / Math.max(1, b.length)) || 1;
  let worst = 0;
  for (let i = 0; i < b.length; i++) {
    worst = Math.max(worst, Math.abs(a[i]! - b[i]!) / (Math.abs(b[i]!) + rms));
  }
  return worst;
}

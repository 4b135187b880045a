/**
 * Counts WebGPU calls made on the page by wrapping the prototypes, so that every contender's
 * dispatches, submits and readbacks are counted the same way, without its cooperation; and WebGL
 * draw calls, the dispatches of a backend on WebGL (TF.js's webgl: one per shader program run).
 */
export interface GpuCounts {
  dispatches: number;
  submits: number;
  /** `mapAsync` for reading: each is one GPU-to-CPU round trip. */
  readbacks: number;
  /** WebGL `drawArrays` and `drawElements`. */
  draws: number;
}

export const gpuCounts: GpuCounts = { dispatches: 0, submits: 0, readbacks: 0, draws: 0 };

// biome-ignore lint/suspicious/noExplicitAny: wraps methods of any signature.
type Method = (this: unknown, ...args: any[]) => unknown;

function wrap<T extends object>(proto: T, key: string, count: (args: unknown[]) => void): void {
  const original = (proto as Record<string, Method | undefined>)[key];
  if (typeof original !== 'function') return;
  (proto as Record<string, Method>)[key] = function (this: unknown, ...args: unknown[]) {
    count(args);
    return original.apply(this, args);
  };
}

/** Installs the counters once, before any contender makes a device. */
export function countGpuCalls(): void {
  for (const gl of [WebGLRenderingContext, WebGL2RenderingContext]) {
    wrap(gl.prototype, 'drawArrays', () => gpuCounts.draws++);
    wrap(gl.prototype, 'drawElements', () => gpuCounts.draws++);
  }
  if (typeof GPUComputePassEncoder === 'undefined') return;
  const pass = GPUComputePassEncoder.prototype;
  wrap(pass, 'dispatchWorkgroups', () => gpuCounts.dispatches++);
  wrap(pass, 'dispatchWorkgroupsIndirect', () => gpuCounts.dispatches++);
  wrap(GPUQueue.prototype, 'submit', () => gpuCounts.submits++);
  wrap(GPUBuffer.prototype, 'mapAsync', (args) => {
    if ((Number(args[0]) & GPUMapMode.READ) !== 0) gpuCounts.readbacks++;
  });
}

import type { Backend } from '../engine/backend';
import { createCpuBackend } from '../engine/cpu/backend';
import { InputError } from '../engine/errors';

type WebGpuResult = { ok: true; backend: Backend } | { ok: false; reason: string };

/**
 * Dawn's instance, held for the life of the process: once the object `create()` returns is
 * garbage-collected, its device crashes (and while it is held Node does not exit: main.ts exits).
 */
let dawn: GPU | undefined;

/**
 * The WebGPU backend on Dawn (the `webgpu` package), loaded only when asked for: the native
 * module is large, and the GPU object it creates keeps Node running until process.exit.
 */
async function loadWebGpu(): Promise<WebGpuResult> {
  const { openDawn } = await import('../engine/gpu/dawn.node.ts');
  const opened = await openDawn();
  if (!opened.ok) return opened;
  dawn = opened.gpu;
  const { acquireDevice } = await import('../engine/gpu/device');
  const device = await acquireDevice(dawn);
  if (!device.ok) return { ok: false, reason: device.reason };
  const { createWebGpuBackend } = await import('../engine/gpu/backend');
  return { ok: true, backend: createWebGpuBackend(device.gpu) };
}

/**
 * The backend a command runs on: the one asked for with `--backend`, or WebGPU when an adapter is
 * found and the CPU otherwise, with a notice saying why.
 */
export async function chooseBackend(
  requested: 'webgpu' | 'cpu' | undefined,
  notice: (message: string) => void,
): Promise<Backend> {
  if (requested === 'cpu') return createCpuBackend();
  const webgpu = await loadWebGpu();
  if (webgpu.ok) return webgpu.backend;
  if (requested === 'webgpu') {
    throw new InputError(
      `--backend webgpu: WebGPU backend not available (${webgpu.reason}): use --backend cpu`,
    );
  }
  notice(`WebGPU is not available (${webgpu.reason}): training on the CPU`);
  return createCpuBackend();
}

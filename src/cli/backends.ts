import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { Backend } from '../engine/backend';
import { createCpuBackend } from '../engine/cpu/backend';
import { InputError } from '../engine/errors';

/** Where Debian's Chromium puts SwiftShader's Vulkan driver: Dawn's adapter on a machine without a GPU. */
const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

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
  if (!process.env.VK_ICD_FILENAMES && existsSync(SWIFTSHADER_ICD)) {
    process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
  }
  // A driver list naming no existing file would only make Vulkan's loader print warnings.
  const drivers = process.env.VK_ICD_FILENAMES?.split(':').filter((f) => f !== '') ?? [];
  if (drivers.length > 0 && !drivers.some((f) => existsSync(f))) {
    return {
      ok: false,
      reason: `VK_ICD_FILENAMES names no Vulkan driver that exists (${drivers.join(', ')})`,
    };
  }
  // Dawn's window-system probe prints "error: XDG_RUNTIME_DIR is invalid or not set" twice
  // without it, which would read like our own error line; a headless run needs no real one.
  process.env.XDG_RUNTIME_DIR ??= tmpdir();
  let webgpu: typeof import('webgpu');
  try {
    webgpu = await import('webgpu');
  } catch (err) {
    return { ok: false, reason: `the webgpu package cannot be loaded (${(err as Error).message})` };
  }
  Object.assign(globalThis, webgpu.globals);
  const { acquireDevice } = await import('../engine/gpu/device');
  dawn = webgpu.create([]);
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

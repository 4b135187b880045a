import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';

/** Where Debian's Chromium puts SwiftShader's Vulkan driver: Dawn's adapter on a machine without a GPU. */
export const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

export type DawnResult = { ok: true; gpu: GPU } | { ok: false; reason: string };

/**
 * WebGPU in Node: Dawn (the `webgpu` package), on SwiftShader when no other Vulkan driver is
 * named. Loaded only when asked for: the native module is large. Hold the returned object for as
 * long as a device of it is used: once it is garbage-collected its devices crash at random, and
 * while it is held Node does not exit.
 */
export async function openDawn(): Promise<DawnResult> {
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
  try {
    return { ok: true, gpu: webgpu.create([]) };
  } catch (err) {
    return { ok: false, reason: `Dawn cannot start (${(err as Error).message})` };
  }
}

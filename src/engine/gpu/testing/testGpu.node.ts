import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { create, globals } from 'webgpu';
import { acquireDevice, type GpuContext } from '../device';

/** SwiftShader's Vulkan driver, as Debian's Chromium installs it (see docs/DESIGN.md). */
const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

/**
 * Dawn lives as long as the object `create()` returns is referenced: dropped early, its device
 * crashes at random; kept, Node does not exit. Held here until `releaseTestGpu`.
 */
let instance: GPU | undefined;
let context: GpuContext | undefined;

export type TestGpu = { gpu: GpuContext; reason: '' } | { gpu: undefined; reason: string };

/**
 * A WebGPU device for tests, from the `webgpu` package (Dawn) on SwiftShader when no other
 * Vulkan driver is configured; `reason` says why there is none, for the skipped tests' names.
 */
export async function testGpu(): Promise<TestGpu> {
  if (!process.env.VK_ICD_FILENAMES && existsSync(SWIFTSHADER_ICD)) {
    process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
  }
  if (context) return { gpu: context, reason: '' };
  // Dawn's window-system probe prints "XDG_RUNTIME_DIR is invalid" without one; none is needed.
  process.env.XDG_RUNTIME_DIR ??= tmpdir();
  Object.assign(globalThis, globals);
  instance = create([]);
  const result = await acquireDevice(instance);
  if (!result.ok) {
    instance = undefined;
    return { gpu: undefined, reason: `(skipped: ${result.reason})` };
  }
  context = result.gpu;
  return { gpu: context, reason: '' };
}

/** Destroys the test device and lets Node exit (call in `afterAll`). */
export function releaseTestGpu(): void {
  context?.device.destroy();
  context = undefined;
  instance = undefined;
}

/** Compiles `code` and returns its error messages (none when the WGSL is valid). */
export async function shaderErrors(device: GPUDevice, code: string): Promise<string[]> {
  const module = device.createShaderModule({ code });
  const info = await module.getCompilationInfo();
  return info.messages
    .filter((m) => m.type === 'error')
    .map((m) => `${m.lineNum}:${m.linePos} ${m.message}`);
}

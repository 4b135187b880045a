import type { Need } from '../../testing/needs.node';
import { openDawn } from '../dawn.node';
import { acquireDevice, type GpuContext } from '../device';

/**
 * Dawn lives as long as the object `create()` returns is referenced: dropped early, its device
 * crashes at random; kept, Node does not exit. Held here until `releaseTestGpu`.
 */
let instance: GPU | undefined;
let context: GpuContext | undefined;

export type TestGpu = { gpu: GpuContext | undefined; need: Need };

/**
 * A WebGPU device for tests, from the `webgpu` package (Dawn) on SwiftShader when no other
 * Vulkan driver is configured; `need` says why there is none, for `describeWith`.
 */
export async function testGpu(): Promise<TestGpu> {
  if (context) return { gpu: context, need: { what: 'WebGPU', missing: undefined } };
  const dawn = await openDawn();
  if (!dawn.ok) return { gpu: undefined, need: { what: 'WebGPU', missing: dawn.reason } };
  instance = dawn.gpu;
  const result = await acquireDevice(instance);
  if (!result.ok) {
    instance = undefined;
    return { gpu: undefined, need: { what: 'WebGPU', missing: result.reason } };
  }
  context = result.gpu;
  return { gpu: context, need: { what: 'WebGPU', missing: undefined } };
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

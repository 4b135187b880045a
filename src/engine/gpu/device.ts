/** A WebGPU device and what to call it in the status bar. */
export interface GpuContext {
  readonly adapter: GPUAdapter;
  readonly device: GPUDevice;
  /** The adapter's name for people: "swiftshader", or the GPU's description. */
  readonly label: string;
}

/** A short, human name for an adapter from its `GPUAdapterInfo`. */
export function adapterLabel(info: GPUAdapterInfo): string {
  const description = info.description.trim();
  if (description) return description;
  // SwiftShader reports vendor "google", which names the emulator's author, not a GPU.
  const vendor = info.architecture === 'swiftshader' ? '' : info.vendor;
  const parts = [vendor, info.architecture, info.device].filter((s) => s.trim() !== '');
  return parts.length > 0 ? parts.join(' ') : 'unknown adapter';
}

/**
 * Whether the device's subgroups are exactly 4 lanes, as on SwiftShader and other CPU
 * emulations, where the quad-shared matmuls (programs/*Shared.ts) pay.
 */
export function hasQuadSubgroups(gpu: GpuContext): boolean {
  const info = gpu.adapter.info;
  return (
    gpu.device.features.has('subgroups') && info.subgroupMinSize === 4 && info.subgroupMaxSize === 4
  );
}

/**
 * Optional features the engine uses where the adapter has them (strings: the DOM typings of
 * some TypeScript versions lack 'subgroups').
 */
const OPTIONAL_FEATURES: readonly string[] = ['subgroups', 'timestamp-query'];

export type DeviceResult = { ok: true; gpu: GpuContext } | { ok: false; reason: string };

/**
 * Asks `gpu` (the browser's `navigator.gpu`, or the `webgpu` package's in Node) for a
 * high-performance adapter and a device with the adapter's largest buffer limits, which a
 * resident dataset needs (Fashion-MNIST is 188 MB as float32), and with subgroups (faster
 * matmuls on some adapters) and timestamp queries (kernel profiles) where the adapter has them.
 */
export async function acquireDevice(gpu: GPU | undefined): Promise<DeviceResult> {
  if (!gpu) return { ok: false, reason: 'this browser has no WebGPU (navigator.gpu is missing)' };
  let adapter: GPUAdapter | null;
  try {
    adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (err) {
    return { ok: false, reason: `the WebGPU adapter request failed: ${(err as Error).message}` };
  }
  if (!adapter) return { ok: false, reason: 'no WebGPU adapter was found' };
  try {
    const device = await adapter.requestDevice({
      label: 'layerboard',
      requiredFeatures: OPTIONAL_FEATURES.filter((f) =>
        adapter.features.has(f),
      ) as GPUFeatureName[],
      requiredLimits: {
        maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
        maxBufferSize: adapter.limits.maxBufferSize,
        maxComputeWorkgroupStorageSize: adapter.limits.maxComputeWorkgroupStorageSize,
        maxComputeInvocationsPerWorkgroup: adapter.limits.maxComputeInvocationsPerWorkgroup,
        maxStorageBuffersPerShaderStage: adapter.limits.maxStorageBuffersPerShaderStage,
      },
    });
    return { ok: true, gpu: { adapter, device, label: adapterLabel(adapter.info) } };
  } catch (err) {
    return { ok: false, reason: `the WebGPU device request failed: ${(err as Error).message}` };
  }
}

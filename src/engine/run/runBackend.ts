import type { Backend } from '../backend';
import { createCpuBackend } from '../cpu/backend';
import { checkDeviceLimits } from '../data/limits';
import type { PreparedData } from '../data/loadData';
import { createWebGpuBackend } from '../gpu/backend';
import type { GpuContext } from '../gpu/device';
import { bytesText, type TrainingMemory } from '../model/budget';

/** The backend a run trains on, and why it is the CPU when WebGPU was wanted. */
export interface BackendChoice {
  readonly backend: Backend;
  readonly fallback?: string;
  /** The device the backend runs on: its loss stops the run. */
  readonly device?: GPUDevice;
}

/** One backend per device: its sessions share the pipeline cache, so a second run compiles nothing. */
const webgpuBackends = new WeakMap<GPUDevice, Backend>();

function webgpuBackend(gpu: GpuContext): Backend {
  let backend = webgpuBackends.get(gpu.device);
  if (!backend) {
    backend = createWebGpuBackend(gpu);
    webgpuBackends.set(gpu.device, backend);
  }
  return backend;
}

/**
 * WebGPU where the worker has a device and the data and the parameters (`memory`) fit its
 * buffers; otherwise the CPU
 * reference (the same numbers, slower), with the reason in plain words for the panel.
 */
export async function chooseRunBackend(
  wanted: 'auto' | 'cpu' | undefined,
  gpu: () => Promise<GpuContext | undefined>,
  data: PreparedData,
  memory: TrainingMemory,
): Promise<BackendChoice> {
  if (wanted === 'cpu') return { backend: createCpuBackend() };
  const context = await gpu();
  if (!context) {
    return {
      backend: createCpuBackend(),
      fallback:
        'WebGPU is not available here, so the model trains on the CPU: slower, same numbers',
    };
  }
  const limit = context.device.limits.maxStorageBufferBindingSize;
  for (const split of [data.train, data.validation, data.test]) {
    const problem = split && checkDeviceLimits(split, limit);
    if (problem)
      return { backend: createCpuBackend(), fallback: `${problem}: training on the CPU` };
  }
  // The GPU keeps every parameter in one buffer (and each of their copies in one more).
  const bytes = memory.parameterBytes / memory.copies;
  if (bytes > limit) {
    return {
      backend: createCpuBackend(),
      fallback: `the model's ${memory.parameters.toLocaleString('en-US')} parameters take ${bytesText(bytes)}, more than the ${bytesText(limit)} this GPU holds in one buffer: training on the CPU (slower, same numbers)`,
    };
  }
  return { backend: webgpuBackend(context), device: context.device };
}

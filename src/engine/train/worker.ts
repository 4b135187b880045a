/// <reference lib="webworker" />
import { acquireDevice, type GpuContext } from '../gpu/device';
import {
  type AdapterReport,
  PROTOCOL_VERSION,
  unknownMessage,
  type WorkerEvent,
  type WorkerRequest,
} from './protocol';

// The training worker: the engine's home in the app. The app talks to it only through protocol.ts.
declare const self: DedicatedWorkerGlobalScope;

let gpu: GpuContext | undefined;

function post(event: WorkerEvent): void {
  self.postMessage(event);
}

async function probe(): Promise<AdapterReport> {
  if (gpu) return { backend: 'webgpu', label: gpu.label };
  const result = await acquireDevice(self.navigator.gpu);
  if (!result.ok) return { backend: 'cpu', label: 'CPU', reason: result.reason };
  gpu = result.gpu;
  return { backend: 'webgpu', label: gpu.label };
}

async function handle(request: WorkerRequest): Promise<void> {
  switch (request.type) {
    case 'probe':
      post({ type: 'probed', id: request.id, adapter: await probe() });
      return;
    default:
      unknownMessage(request.type satisfies never);
  }
}

self.onmessage = (message: MessageEvent<WorkerRequest>) => {
  const request = message.data;
  handle(request).catch((err: unknown) => {
    post({ type: 'failed', id: request.id, message: (err as Error).message });
  });
};

post({ type: 'ready', protocol: PROTOCOL_VERSION });

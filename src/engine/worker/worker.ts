/// <reference lib="webworker" />

import { isInputError } from '../errors';
import { acquireDevice, type GpuContext } from '../gpu/device';
import { dataHandlers } from './dataHandlers';
import type { HandlerContext, Handlers } from './handlerContext';
import { trainHandlers } from './trainHandlers';
import {
  type AdapterReport,
  PROTOCOL_VERSION,
  type RequestType,
  type WorkerEvent,
  type WorkerRequest,
} from './workerProtocol';

// The engine worker: the engine's home in the app. The app talks to it only through protocol.ts.
declare const self: DedicatedWorkerGlobalScope;

let device: Promise<{ gpu?: GpuContext; reason?: string }> | undefined;

/** The WebGPU device, asked for once; asked for again after the device is lost. */
function gpuDevice(): Promise<{ gpu?: GpuContext; reason?: string }> {
  device ??= acquireDevice(self.navigator.gpu).then((result) => {
    if (!result.ok) return { reason: result.reason };
    void result.gpu.device.lost.then(() => {
      device = undefined;
    });
    return { gpu: result.gpu };
  });
  return device;
}

const running = new Map<number, AbortController>();

const coreHandlers: Handlers<'probe' | 'cancel'> = {
  probe: async (): Promise<AdapterReport> => {
    const { gpu, reason } = await gpuDevice();
    return gpu
      ? { backend: 'webgpu', label: gpu.label }
      : { backend: 'cpu', label: 'CPU', ...(reason ? { reason } : {}) };
  },
  cancel: async (request) => {
    const controller = running.get(request.target);
    controller?.abort();
    return { cancelled: controller !== undefined };
  },
};

const handlers = {
  ...coreHandlers,
  ...dataHandlers,
  ...trainHandlers,
} satisfies Handlers<RequestType>;

function post(event: WorkerEvent, transfer: Transferable[] = []): void {
  self.postMessage(event, transfer);
}

async function handle(request: WorkerRequest): Promise<void> {
  const handler = handlers[request.type] as Handlers<RequestType>[RequestType] | undefined;
  if (!handler) throw new Error(`unknown request type "${request.type}"`);
  const controller = new AbortController();
  running.set(request.id, controller);
  const ctx: HandlerContext = {
    notify: (notice, transfer) => post({ type: 'notice', id: request.id, notice }, transfer),
    signal: controller.signal,
    gpu: async () => (await gpuDevice()).gpu,
    transfer: [],
  };
  try {
    const payload = await (handler as (r: WorkerRequest, c: HandlerContext) => Promise<unknown>)(
      request,
      ctx,
    );
    post({ type: 'reply', id: request.id, payload }, ctx.transfer);
  } finally {
    running.delete(request.id);
  }
}

self.onmessage = (message: MessageEvent<WorkerRequest>) => {
  const request = message.data;
  handle(request).catch((err: unknown) => {
    const userError = isInputError(err);
    // A bug keeps its stack in the console; the app shows the message either way.
    if (!userError) console.error(err);
    post({ type: 'failed', id: request.id, message: (err as Error).message, userError });
  });
};

post({ type: 'ready', protocol: PROTOCOL_VERSION });

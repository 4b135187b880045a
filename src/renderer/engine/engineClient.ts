import {
  type AdapterReport,
  PROTOCOL_VERSION,
  unknownMessage,
  type WorkerEvent,
  type WorkerRequest,
} from '../../engine/train/protocol';

type Pending = { resolve: (event: WorkerEvent) => void; reject: (err: Error) => void };
type RequestBody<T extends WorkerRequest['type']> = Omit<
  Extract<WorkerRequest, { type: T }>,
  'id' | 'type'
>;

/**
 * The app's side of the training worker: requests carry ids, and each answer settles the promise
 * of the request with the same id.
 */
export class EngineClient {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(worker: Worker) {
    this.worker = worker;
    worker.onmessage = (message: MessageEvent<WorkerEvent>) => this.receive(message.data);
    worker.onerror = (event) =>
      this.failAll(new Error(`the training worker crashed: ${event.message}`));
  }

  /** Which WebGPU adapter the worker got, or why it falls back to the CPU. */
  async probe(): Promise<AdapterReport> {
    const event = await this.request('probe', {});
    if (event.type !== 'probed') throw new Error(`unexpected answer to probe: ${event.type}`);
    return event.adapter;
  }

  terminate(): void {
    this.worker.terminate();
    this.failAll(new Error('the training worker was stopped'));
  }

  private request<T extends WorkerRequest['type']>(
    type: T,
    body: RequestBody<T>,
  ): Promise<WorkerEvent> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...body, type, id } as WorkerRequest);
    });
  }

  private receive(event: WorkerEvent): void {
    switch (event.type) {
      case 'ready':
        if (event.protocol !== PROTOCOL_VERSION) {
          this.failAll(
            new Error(`worker protocol ${event.protocol}, app ${PROTOCOL_VERSION}: reload`),
          );
        }
        return;
      case 'probed':
        this.settle(event.id, event);
        return;
      case 'failed':
        this.pending.get(event.id)?.reject(new Error(event.message));
        this.pending.delete(event.id);
        return;
      default:
        unknownMessage(event satisfies never);
    }
  }

  private settle(id: number, event: WorkerEvent): void {
    this.pending.get(id)?.resolve(event);
    this.pending.delete(id);
  }

  private failAll(err: Error): void {
    for (const pending of this.pending.values()) pending.reject(err);
    this.pending.clear();
  }
}

/** Starts the training worker (bundled by Vite as a module worker). */
export function startEngine(): EngineClient {
  const worker = new Worker(new URL('../../engine/train/worker.ts', import.meta.url), {
    type: 'module',
    name: 'layerboard-engine',
  });
  return new EngineClient(worker);
}

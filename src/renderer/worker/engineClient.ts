import {
  type AdapterReport,
  type Notice,
  PROTOCOL_VERSION,
  type ReplyOf,
  type RequestBody,
  type RequestType,
  unknownMessage,
  type WorkerEvent,
  type WorkerRequest,
} from '../../engine';

/** A request the worker refused; `userError` when the input was at fault (a bad file, say). */
export class EngineError extends Error {
  override readonly name = 'EngineError';
  constructor(
    message: string,
    readonly userError: boolean,
  ) {
    super(message);
  }
}

interface Pending {
  resolve(payload: unknown): void;
  reject(err: Error): void;
  onNotice?: ((notice: Notice) => void) | undefined;
}

/** A request on its way: its id (to cancel it) and its reply. */
export interface Call<T> {
  readonly id: number;
  readonly reply: Promise<T>;
}

/**
 * The app's side of the engine worker: each request gets an id, its notices go to its listener,
 * and its reply or failure settles its promise.
 */
export class EngineClient {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(worker: Worker) {
    this.worker = worker;
    worker.onmessage = (message: MessageEvent<WorkerEvent>) => this.receive(message.data);
    worker.onerror = (event) =>
      this.failAll(new Error(`the engine worker crashed: ${event.message}`));
  }

  /** Sends a request; `transfer` moves buffers instead of copying them. */
  call<K extends RequestType>(
    type: K,
    body: RequestBody<K>,
    options: { onNotice?: (notice: Notice) => void; transfer?: Transferable[] } = {},
  ): Call<ReplyOf<K>> {
    const id = this.nextId++;
    const reply = new Promise<ReplyOf<K>>((resolve, reject) => {
      this.pending.set(id, {
        resolve: resolve as (payload: unknown) => void,
        reject,
        onNotice: options.onNotice,
      });
    });
    this.worker.postMessage({ ...body, type, id } as WorkerRequest, options.transfer ?? []);
    return { id, reply };
  }

  request<K extends RequestType>(type: K, body: RequestBody<K>): Promise<ReplyOf<K>> {
    return this.call(type, body).reply;
  }

  /** Asks the worker to abort request `id`. */
  cancel(id: number): Promise<{ cancelled: boolean }> {
    return this.request('cancel', { target: id });
  }

  /** Which WebGPU adapter the worker got, or why it falls back to the CPU. */
  probe(): Promise<AdapterReport> {
    return this.request('probe', {});
  }

  terminate(): void {
    this.worker.terminate();
    this.failAll(new Error('the engine worker was stopped'));
  }

  private receive(event: WorkerEvent): void {
    switch (event.type) {
      case 'ready':
        if (event.protocol !== PROTOCOL_VERSION) {
          this.failAll(
            new Error(`engine protocol ${event.protocol}, app ${PROTOCOL_VERSION}: reload`),
          );
        }
        return;
      case 'reply':
        this.pending.get(event.id)?.resolve(event.payload);
        this.pending.delete(event.id);
        return;
      case 'failed':
        this.pending.get(event.id)?.reject(new EngineError(event.message, event.userError));
        this.pending.delete(event.id);
        return;
      case 'notice':
        this.pending.get(event.id)?.onNotice?.(event.notice);
        return;
      default:
        unknownMessage(event satisfies never);
    }
  }

  private failAll(err: Error): void {
    for (const pending of this.pending.values()) pending.reject(err);
    this.pending.clear();
  }
}

/** Starts the engine worker (bundled by Vite as a module worker). */
export function startEngine(): EngineClient {
  const worker = new Worker(new URL('../../engine/worker/worker.ts', import.meta.url), {
    type: 'module',
    name: 'layerboard-engine',
  });
  return new EngineClient(worker);
}

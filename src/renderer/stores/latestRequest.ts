import type { DataNotices, DataRequests } from '../../engine';

export type DataRequest = keyof DataRequests;

/** The part of the engine client that data requests use: `EngineClient` has it, tests fake it. */
export interface DataEngine {
  call<K extends DataRequest>(
    type: K,
    body: DataRequests[K]['request'],
    options?: { onNotice?: (notice: DataNotices) => void },
  ): { readonly id: number; readonly reply: Promise<DataRequests[K]['reply']> };
  cancel(id: number): Promise<unknown>;
}

/** How a request ended, unless a newer one overtook it. */
export type Outcome<T> =
  | { readonly ok: true; readonly reply: T }
  | { readonly ok: false; readonly message: string; readonly userError: boolean };

/**
 * Data requests one at a time, the latest winning: sending one cancels the one before in the
 * worker, and an overtaken request's notices and answer are dropped (undefined), so a slow read
 * of an old file never overwrites what the user chose since.
 */
export class LatestRequest {
  private generation = 0;
  private running: number | undefined;

  constructor(private readonly engine: () => DataEngine) {}

  async send<K extends DataRequest>(
    type: K,
    body: DataRequests[K]['request'],
    onNotice: (notice: DataNotices) => void,
  ): Promise<Outcome<DataRequests[K]['reply']> | undefined> {
    this.stop();
    const token = this.generation;
    const call = this.engine().call(type, body, {
      onNotice: (notice) => {
        if (token === this.generation) onNotice(notice);
      },
    });
    this.running = call.id;
    try {
      const reply = await call.reply;
      return token === this.generation ? { ok: true, reply } : undefined;
    } catch (err) {
      if (token !== this.generation) return undefined;
      const { message, userError } = err as { message: string; userError?: boolean };
      return { ok: false, message, userError: userError === true };
    } finally {
      if (token === this.generation) this.running = undefined;
    }
  }

  /** Cancels the request under way, if any; its answer will be dropped. */
  stop(): void {
    this.generation++;
    if (this.running !== undefined)
      this.engine()
        .cancel(this.running)
        .catch(() => undefined);
    this.running = undefined;
  }
}

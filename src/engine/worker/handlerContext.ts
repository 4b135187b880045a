import type { GpuContext } from '../gpu/device';
import type { Notice, ReplyOf, RequestOf, RequestType } from './workerProtocol';

/** What a request handler may use: notices for its request, cancellation, the shared device. */
export interface HandlerContext {
  /** Sends a notice tagged with this request's id (progress, live metrics). */
  notify(notice: Notice, transfer?: Transferable[]): void;
  /** Fires when the app cancels this request. */
  readonly signal: AbortSignal;
  /** The worker's WebGPU device, or undefined where there is none (then the CPU backend runs). */
  gpu(): Promise<GpuContext | undefined>;
  /** Buffers to move (not copy) with the reply. */
  readonly transfer: Transferable[];
}

export type Handler<K extends RequestType> = (
  request: RequestOf<K>,
  ctx: HandlerContext,
) => Promise<ReplyOf<K>>;

/** One handler per request type of a concern: the type checker sees that none is missing. */
export type Handlers<K extends RequestType> = { readonly [T in K]: Handler<T> };

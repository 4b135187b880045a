import type { DataNotices, DataRequests } from './dataMessages';
import type { TrainNotices, TrainRequests } from './trainMessages';

/**
 * The typed protocol between the app and its engine worker (Netron's worker, tldraw's execution
 * graph): every request has an id and gets exactly one answer, `reply` or `failed`; long requests
 * send `notice`s for the same id meanwhile (progress, live metrics). Each concern declares its
 * requests in its own file; this one joins them. Bump PROTOCOL_VERSION on any incompatible change.
 */
export const PROTOCOL_VERSION = 3;

export interface AdapterReport {
  readonly backend: 'webgpu' | 'cpu';
  /** "swiftshader", a GPU's name, or "CPU". */
  readonly label: string;
  /** Why WebGPU is not used, when `backend` is `cpu`. */
  readonly reason?: string;
}

/** Each request type: what the app sends (`request`) and what the worker answers (`reply`). */
export interface RequestMap extends DataRequests, TrainRequests {
  probe: { request: Record<never, never>; reply: AdapterReport };
  /** Aborts the request `target` (its handler sees its AbortSignal fire). */
  cancel: { request: { target: number }; reply: { cancelled: boolean } };
}

export type RequestType = keyof RequestMap;
export type RequestBody<K extends RequestType> = RequestMap[K]['request'];
export type ReplyOf<K extends RequestType> = RequestMap[K]['reply'];

export type WorkerRequest = {
  [K in RequestType]: { readonly type: K; readonly id: number } & RequestBody<K>;
}[RequestType];

export type RequestOf<K extends RequestType> = Extract<WorkerRequest, { type: K }>;

/** Notices a request may send before its reply, by concern. */
export type Notice = DataNotices | TrainNotices;

export type WorkerEvent =
  | { readonly type: 'ready'; readonly protocol: number }
  | { readonly type: 'reply'; readonly id: number; readonly payload: unknown }
  | {
      readonly type: 'failed';
      readonly id: number;
      readonly message: string;
      readonly userError: boolean;
    }
  | { readonly type: 'notice'; readonly id: number; readonly notice: Notice };

/** Thrown by the exhaustive switches of both sides on a message they do not know. */
export function unknownMessage(message: never): never {
  throw new Error(`unknown worker message: ${JSON.stringify(message)}`);
}

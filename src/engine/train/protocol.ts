/**
 * The typed protocol between the app and its training worker: requests from the app and events
 * from the worker, each a discriminated union. Bump PROTOCOL_VERSION on any incompatible change.
 */
export const PROTOCOL_VERSION = 1;

export interface AdapterReport {
  readonly backend: 'webgpu' | 'cpu';
  /** "swiftshader", a GPU's name, or "CPU". */
  readonly label: string;
  /** Why WebGPU is not used, when `backend` is `cpu`. */
  readonly reason?: string;
}

export type WorkerRequest = { readonly type: 'probe'; readonly id: number };

export type WorkerEvent =
  | { readonly type: 'ready'; readonly protocol: number }
  | { readonly type: 'probed'; readonly id: number; readonly adapter: AdapterReport }
  | { readonly type: 'failed'; readonly id: number; readonly message: string };

/** Thrown by the exhaustive switches of both sides on a message they do not know. */
export function unknownMessage(message: never): never {
  throw new Error(`unknown worker message: ${JSON.stringify(message)}`);
}

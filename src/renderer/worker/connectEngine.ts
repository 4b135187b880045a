import type { StoreApi } from 'zustand/vanilla';
import type { EngineState } from '../stores/engineStore';
import { type EngineClient, startEngine } from './engineClient';

/**
 * The app's one training worker, started on the first call and then shared: the first call also
 * asks it which WebGPU adapter it got, and tells `engine` (the status bar shows it).
 */
export function engineConnection(engine: StoreApi<EngineState>): () => EngineClient {
  let client: EngineClient | undefined;
  return () => {
    if (client) return client;
    client = startEngine();
    client
      .probe()
      .then((report) => engine.getState().setAdapter(report))
      .catch((err: Error) => engine.getState().setAdapterFailed(err.message));
    return client;
  };
}

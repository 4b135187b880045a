import { engineStore } from '../stores/appStores';
import { type EngineClient, startEngine } from './engineClient';

let client: EngineClient | undefined;

/**
 * Starts the app's one training worker and asks it which WebGPU adapter it got; the answer goes
 * to the engine store for the status bar. Called once at start-up.
 */
export function connectEngine(): EngineClient {
  if (client) return client;
  client = startEngine();
  client
    .probe()
    .then((report) => engineStore.getState().setAdapter(report))
    .catch((err: Error) => engineStore.getState().setAdapterFailed(err.message));
  return client;
}

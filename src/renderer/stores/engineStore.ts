import { createStore } from 'zustand/vanilla';
import type { AdapterReport } from '../../engine';

export type AdapterStatus =
  | { state: 'checking' }
  | { state: 'ready'; adapter: AdapterReport }
  | { state: 'failed'; message: string };

export interface EngineState {
  adapter: AdapterStatus;
  setAdapter(adapter: AdapterReport): void;
  setAdapterFailed(message: string): void;
}

/** Where the engine runs (WebGPU adapter or CPU), as the status bar reports it. */
export function createEngineStore() {
  return createStore<EngineState>()((set) => ({
    adapter: { state: 'checking' },
    setAdapter: (adapter) => set({ adapter: { state: 'ready', adapter } }),
    setAdapterFailed: (message) => set({ adapter: { state: 'failed', message } }),
  }));
}

/** The status bar's words for an adapter status. */
export function describeAdapter(status: AdapterStatus): string {
  switch (status.state) {
    case 'checking':
      return 'Looking for a WebGPU adapter…';
    case 'ready':
      return status.adapter.backend === 'webgpu'
        ? `WebGPU: ${status.adapter.label}`
        : 'WebGPU unavailable: using the CPU';
    case 'failed':
      return `Training engine failed to start: ${status.message}`;
  }
}

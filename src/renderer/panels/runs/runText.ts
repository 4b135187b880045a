import type { CurvePoint, RunRecord } from '../../../shared/project';

/** A backend as the status bar names it. */
export const BACKEND_NAMES: Record<RunRecord['backend'], string> = { webgpu: 'WebGPU', cpu: 'CPU' };

/** When a run started, in the reader's own date and time format: "6 Dec 2026, 14:03". */
export function whenText(at: string): string {
  return new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** A run's length: "40 ms", "2.5 s", "12 s", "2 min 5 s", "1 h 4 min". */
export function durationText(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 10) return `${seconds.toFixed(1)} s`;
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${Math.round(seconds - minutes * 60)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/**
 * The epochs a run trained: "epochs 1–8", "epoch 1", or "epochs 101–200" for a continued run
 * (its epochs go on from the run it continued); "no finished epoch" for one that diverged at once.
 */
export function epochsText(history: readonly CurvePoint[]): string {
  const first = history[0]?.epoch;
  const last = history.at(-1)?.epoch;
  if (first === undefined || last === undefined) return 'no finished epoch';
  return first === last ? `epoch ${first}` : `epochs ${first}–${last}`;
}

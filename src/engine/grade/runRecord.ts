import type { RunRecord } from '../../shared/project';
import type { EarlyStop, EpochReport } from '../train/trainer';
import { lossCurve, runMetrics } from './grading';
import type { RunSetup } from './runDiff';

/** A run as it ended in the app: what it trained, where, when, and what the Trainer reported. */
export interface EndedRun {
  /** The frozen snapshot the run started from. */
  readonly setup: RunSetup;
  /** When it started and ended, in milliseconds since 1970 (Date.now()). */
  readonly startedAt: number;
  readonly endedAt: number;
  readonly backend: 'webgpu' | 'cpu';
  readonly outcome: RunRecord['outcome'];
  /** This run's epochs only: a continued run's are numbered on from the run it continued. */
  readonly history: readonly EpochReport[];
  readonly earlyStop?: EarlyStop;
}

/**
 * The record a project keeps of a finished run, or undefined for a run stopped before its first
 * epoch ended (it measured nothing). Its metrics are those of the epoch whose weights it kept
 * (early stopping's best epoch, else the last); its curve has one point per finished epoch. A
 * continued run ("Continue from epoch 100") is a record of its own, with its own settings, its
 * epochs numbered on (101, 102...) and `training.epochs` the epochs it added.
 *
 * @example
 * runRecord({ setup, startedAt, endedAt: Date.now(), backend: 'cpu', outcome: 'completed', history });
 */
export function runRecord(run: EndedRun): RunRecord | undefined {
  if (run.outcome === 'stopped' && run.history.length === 0) return undefined;
  return {
    at: new Date(run.startedAt).toISOString(),
    durationMs: Math.max(0, run.endedAt - run.startedAt),
    backend: run.backend,
    outcome: run.outcome,
    graph: run.setup.graph,
    dataset: run.setup.dataset,
    training: run.setup.training,
    metrics: runMetrics(run.history, run.earlyStop?.bestEpoch),
    history: lossCurve(run.history),
  };
}

/** A kept run's number: its own, or its place in the list for a record saved without one. */
export function runNumber(run: Pick<RunRecord, 'number'>, index: number): number {
  return run.number ?? index + 1;
}

/**
 * The number the next run gets: one above every kept run's, so that forgetting a run leaves the
 * others' numbers (and what a comparison names) as they were.
 */
export function nextRunNumber(runs: readonly Pick<RunRecord, 'number'>[]): number {
  return Math.max(0, ...runs.map(runNumber)) + 1;
}

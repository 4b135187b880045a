import type { Notice } from '../../engine';
import type { EpochEntry, TrainingState } from './trainingState';

/**
 * Epochs whose histograms are kept: the latest. A tiny model trains thousands of epochs a minute,
 * and a few hundred numbers each would add up to hundreds of megabytes.
 */
export const INSIDES_KEPT = 500;

type Get = () => TrainingState;
type Set = (changes: Partial<TrainingState>) => void;

/**
 * Gathers a run's worker notices into one pending change and applies it once per `schedule` tick:
 * a fast run sends hundreds of notices a second, and a render per notice would starve the window.
 * Batch losses and epoch entries are appended, never replaced, so nothing is lost between ticks.
 */
export class NoticeBatcher {
  private patch: Partial<TrainingState> = {};
  private losses: number[] = [];
  private entries: EpochEntry[] = [];
  private scheduled = false;

  constructor(
    private readonly get: Get,
    private readonly set: Set,
    private readonly schedule: (flush: () => void) => void,
  ) {}

  /** Forgets what is pending: a new run starts. */
  reset(): void {
    this.patch = {};
    this.losses = [];
    this.entries = [];
    this.scheduled = false;
  }

  /** Applies what is pending now (the run ended, or the tick came). */
  flush(): void {
    const { patch, losses, entries } = this;
    const s = this.get();
    this.reset();
    this.set({
      ...patch,
      ...(losses.length > 0 ? { batchLosses: s.batchLosses.concat(losses) } : {}),
      ...(entries.length > 0 ? { history: withRecentInsides(s.history.concat(entries)) } : {}),
    });
  }

  /** Takes one notice of run `run`; notices of another run (an old one still talking) are dropped. */
  receive(run: number, notice: Notice): void {
    if (!('run' in notice) || notice.run !== run || this.get().run !== run) return;
    const changes = this.changesOf(notice);
    if (changes) this.later(changes);
  }

  /** What one notice changes in the state; batch losses and epochs go to their lists. */
  private changesOf(notice: Notice): Partial<TrainingState> | undefined {
    switch (notice.type) {
      case 'train-started': {
        const { phase } = this.get();
        return { facts: notice.facts, phase: phase === 'loading' ? 'running' : phase };
      }
      case 'train-state':
        return notice.state === 'running' || notice.state === 'paused'
          ? { phase: notice.state }
          : undefined;
      case 'train-progress':
        this.losses.push(...notice.batchLosses);
        return {
          epoch: notice.epoch,
          stepInEpoch: notice.step,
          samplesPerSecond: notice.samplesPerSecond,
        };
      case 'train-epoch': {
        const { report, evaluation, gallery, insides, deadUnits } = notice;
        this.entries.push({
          report,
          ...(evaluation ? { evaluation } : {}),
          ...(insides ? { insides } : {}),
        });
        // The run's first hint stays: a hint at every epoch would be noise.
        const hinted = this.patch.deadUnits ?? this.get().deadUnits;
        return {
          ...(evaluation ? { evaluation } : {}),
          ...(gallery ? { gallery } : {}),
          ...(deadUnits && !hinted ? { deadUnits: { ...deadUnits, epoch: report.epoch } } : {}),
        };
      }
      case 'train-view':
        return { view: notice.view };
      case 'train-step':
        return { stepDetails: notice.details };
      case 'train-recovered':
        return { message: notice.message };
      default:
        return undefined;
    }
  }

  private later(changes: Partial<TrainingState>): void {
    Object.assign(this.patch, changes);
    if (this.scheduled) return;
    this.scheduled = true;
    this.schedule(() => {
      // A flush in between (the run ended) already applied it.
      if (this.scheduled) this.flush();
    });
  }
}

/** The history with the histograms of its INSIDES_KEPT latest epochs only (older ones dropped). */
export function withRecentInsides(history: EpochEntry[]): EpochEntry[] {
  for (let i = history.length - INSIDES_KEPT - 1; i >= 0 && history[i]!.insides; i--) {
    const { insides: _, ...entry } = history[i]!;
    history[i] = entry;
  }
  return history;
}

import { createStore } from 'zustand/vanilla';
import type { ModelParams } from '../../engine/model/spec';
import type { Divergence } from '../../engine/train/divergence';
import type { LiveView } from '../../engine/train/liveViews';
import type { Notice } from '../../engine/train/protocol';
import type { SampleSet } from '../../engine/train/sampleSets';
import type { StepDetails } from '../../engine/train/stepDetails';
import type { EpochReport } from '../../engine/train/trainer';
import type {
  RunFacts,
  SplitEvaluation,
  TrainAction,
  TrainRequests,
  TrainResult,
  TrainStart,
} from '../../engine/train/trainProtocol';
import type { TrainingSettings } from '../../shared/project';

/** Where the current run stands: `loading` until the worker has its data and model. */
export type RunPhase = 'idle' | 'loading' | 'running' | 'paused' | 'finished';

/** One finished epoch: the Trainer's report and the evaluated split's loss and accuracy. */
export interface EpochEntry {
  readonly report: EpochReport;
  readonly evaluation?: Omit<SplitEvaluation, 'confusionMatrix'>;
}

/** The confusion-matrix cell the user opened, and its samples once the worker sent them. */
export interface OpenCell {
  readonly truth: number;
  readonly predicted: number;
  readonly samples?: SampleSet;
}

export interface TrainingState {
  phase: RunPhase;
  /** A run is loading, training or paused: the graph must not change under it. */
  running: boolean;
  run: number | undefined;
  facts: RunFacts | undefined;
  /** Completed epochs and steps into the current one. */
  epoch: number;
  stepInEpoch: number;
  /** Every batch's loss of the run, in order. */
  batchLosses: readonly number[];
  history: readonly EpochEntry[];
  samplesPerSecond: number;
  /** The last epoch's confusion matrix on the evaluated split. */
  evaluation: SplitEvaluation | undefined;
  gallery: SampleSet | undefined;
  view: LiveView | undefined;
  stepDetails: StepDetails | undefined;
  outcome: 'completed' | 'stopped' | 'diverged' | undefined;
  divergence: Divergence | undefined;
  /** Something to tell the user about the run (device lost and recovered). */
  message: string | undefined;
  error: string | undefined;
  /** Parameters the last run ended with, and the model they belong to. */
  trained: { readonly modelKey: string; readonly params: ModelParams } | undefined;
  logScale: boolean;
  cell: OpenCell | undefined;
  train(): void;
  step(): void;
  pause(): void;
  resume(): void;
  stop(): void;
  /** Back to the project's initial weights, clearing the charts. */
  resetWeights(): void;
  /** The doctor's fixes: a 10 times smaller learning rate, or standardised inputs. */
  applyFix(fix: 'learning-rate' | 'normalize'): void;
  setLogScale(on: boolean): void;
  openCell(truth: number, predicted: number): Promise<void>;
  closeCell(): void;
}

/** The part of the engine client the store uses (EngineClient, or a fake in tests). */
export interface TrainEngine {
  call<K extends keyof TrainRequests>(
    type: K,
    body: TrainRequests[K]['request'],
    options?: { onNotice?: (notice: Notice) => void },
  ): { readonly id: number; readonly reply: Promise<TrainRequests[K]['reply']> };
}

export interface TrainingStoreDeps {
  readonly engine: () => TrainEngine;
  /** The project as it is now: the frozen snapshot a run trains. */
  readonly snapshot: () => Omit<TrainStart, 'run' | 'params' | 'stepFirst'>;
  /** The compiled model of the graph now, as a string, to tell whether trained weights fit it. */
  readonly modelKey: () => string | undefined;
  readonly updateTraining: (patch: Partial<TrainingSettings>) => void;
  /** Runs a batch of notices' changes later: often enough to look live, rarely enough to be cheap. */
  readonly schedule?: (flush: () => void) => void;
}

const CLEARED = {
  facts: undefined,
  epoch: 0,
  stepInEpoch: 0,
  batchLosses: [],
  history: [],
  samplesPerSecond: 0,
  evaluation: undefined,
  gallery: undefined,
  view: undefined,
  stepDetails: undefined,
  outcome: undefined,
  divergence: undefined,
  message: undefined,
  error: undefined,
  cell: undefined,
} satisfies Partial<TrainingState>;

const message = (err: unknown) => (err as Error).message;

/**
 * The training panel's state: starts runs in the engine worker on a snapshot of the project,
 * forwards the controls, and gathers the worker's notices. Notices are applied in batches (every
 * ~100 ms) so that a fast run never floods the window with renders.
 */
export function createTrainingStore(deps: TrainingStoreDeps) {
  const schedule = deps.schedule ?? ((flush: () => void) => setTimeout(flush, 100));
  let nextRun = 1;
  return createStore<TrainingState>()((set, get) => {
    let patch: Partial<TrainingState> = {};
    let losses: number[] = [];
    let entries: EpochEntry[] = [];
    let scheduled = false;

    const flush = () => {
      scheduled = false;
      const s = get();
      set({
        ...patch,
        ...(losses.length > 0 ? { batchLosses: s.batchLosses.concat(losses) } : {}),
        ...(entries.length > 0 ? { history: s.history.concat(entries) } : {}),
      });
      patch = {};
      losses = [];
      entries = [];
    };
    const later = (changes: Partial<TrainingState>) => {
      Object.assign(patch, changes);
      if (!scheduled) {
        scheduled = true;
        schedule(() => {
          if (scheduled) flush();
        });
      }
    };

    const receive = (run: number, notice: Notice) => {
      if (!('run' in notice) || notice.run !== run || get().run !== run) return;
      switch (notice.type) {
        case 'train-started':
          return later({
            facts: notice.facts,
            phase: get().phase === 'loading' ? 'running' : get().phase,
          });
        case 'train-state':
          if (notice.state === 'running' || notice.state === 'paused')
            later({ phase: notice.state });
          return;
        case 'train-progress':
          losses.push(...notice.batchLosses);
          return later({
            epoch: notice.epoch,
            stepInEpoch: notice.step,
            samplesPerSecond: notice.samplesPerSecond,
          });
        case 'train-epoch': {
          const { report, evaluation, gallery } = notice;
          const { confusionMatrix: _, ...summary } = evaluation ?? { confusionMatrix: [] };
          entries.push({
            report,
            ...(evaluation ? { evaluation: summary as EpochEntry['evaluation'] } : {}),
          });
          return later({
            ...(evaluation ? { evaluation } : {}),
            ...(gallery ? { gallery } : {}),
          });
        }
        case 'train-view':
          return later({ view: notice.view });
        case 'train-step':
          return later({ stepDetails: notice.details });
        case 'train-recovered':
          return later({ message: notice.message });
      }
    };

    const start = (stepFirst: boolean) => {
      const run = nextRun++;
      const { trained } = get();
      const key = deps.modelKey();
      const params = trained && trained.modelKey === key ? trained.params : undefined;
      patch = {};
      losses = [];
      entries = [];
      scheduled = false;
      set({ ...CLEARED, run, phase: 'loading', running: true });
      let call: { reply: Promise<TrainResult> };
      try {
        const body: TrainStart = {
          ...deps.snapshot(),
          run,
          ...(params ? { params } : {}),
          ...(stepFirst ? { stepFirst } : {}),
        };
        call = deps.engine().call('train-start', body, { onNotice: (n) => receive(run, n) });
      } catch (err) {
        set({ phase: 'idle', running: false, error: message(err) });
        return;
      }
      call.reply.then(
        (result) => {
          if (get().run !== run) return;
          flush();
          const diverged = result.outcome === 'diverged';
          set({
            phase: 'finished',
            running: false,
            outcome: result.outcome,
            divergence: result.divergence,
            // Diverged weights are overflowed numbers: the next run starts afresh.
            trained: diverged
              ? undefined
              : { modelKey: JSON.stringify(result.model), params: result.params },
          });
        },
        (err: unknown) => {
          if (get().run !== run) return;
          flush();
          set({ phase: 'idle', running: false, error: message(err) });
        },
      );
    };

    const control = (action: TrainAction) => {
      const { run } = get();
      if (run === undefined || !get().running) return;
      deps
        .engine()
        .call('train-control', { run, action })
        .reply.catch((err: unknown) => set({ error: message(err) }));
    };

    return {
      phase: 'idle',
      running: false,
      run: undefined,
      ...CLEARED,
      trained: undefined,
      logScale: false,
      train: () => {
        const { phase } = get();
        if (phase === 'paused') control('resume');
        else if (!get().running) start(false);
      },
      step: () => (get().running ? control('step') : start(true)),
      pause: () => control('pause'),
      resume: () => control('resume'),
      stop: () => control('stop'),
      resetWeights: () => {
        if (get().running) return;
        set({ ...CLEARED, phase: 'idle', trained: undefined });
      },
      applyFix: (fix) => {
        const { run } = get();
        if (fix === 'learning-rate') {
          const lr = deps.snapshot().training.optimizer.lr;
          const optimizer = deps.snapshot().training.optimizer;
          deps.updateTraining({
            optimizer: { ...optimizer, lr: Number((lr / 10).toPrecision(3)) },
          });
        } else deps.updateTraining({ normalize: 'standardize' });
        if (get().run === run) get().resetWeights();
      },
      setLogScale: (logScale) => set({ logScale }),
      openCell: async (truth, predicted) => {
        const { run } = get();
        if (run === undefined) return;
        set({ cell: { truth, predicted } });
        try {
          const samples = await deps
            .engine()
            .call('train-cell', { run, truth, predicted, limit: 24 }).reply;
          const cell = get().cell;
          if (cell?.truth === truth && cell.predicted === predicted) {
            set({ cell: { truth, predicted, samples } });
          }
        } catch (err) {
          set({ cell: undefined, error: message(err) });
        }
      },
      closeCell: () => set({ cell: undefined }),
    };
  });
}

export type TrainingStore = ReturnType<typeof createTrainingStore>;

import { createStore } from 'zustand/vanilla';
import type { Notice, TrainAction, TrainRequests, TrainResult, TrainStart } from '../../engine';
import type { TrainingSettings } from '../../shared/project';
import { NoticeBatcher } from './trainingNotices';
import type { TrainingState } from './trainingState';

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
 * forwards the controls, and gathers the worker's notices (in batches, every ~100 ms: see
 * NoticeBatcher).
 */
export function createTrainingStore(deps: TrainingStoreDeps) {
  const schedule = deps.schedule ?? ((flush: () => void) => setTimeout(flush, 100));
  let nextRun = 1;
  return createStore<TrainingState>()((set, get) => {
    const notices = new NoticeBatcher(get, set, schedule);

    const start = (stepFirst: boolean) => {
      const run = nextRun++;
      const { trained } = get();
      const key = deps.modelKey();
      const params = trained && trained.modelKey === key ? trained.params : undefined;
      notices.reset();
      set({ ...CLEARED, run, phase: 'loading', running: true });
      let call: { reply: Promise<TrainResult> };
      let snapshot: ReturnType<TrainingStoreDeps['snapshot']>;
      try {
        snapshot = deps.snapshot();
        const body: TrainStart = {
          ...snapshot,
          run,
          ...(params ? { params } : {}),
          ...(stepFirst ? { stepFirst } : {}),
        };
        call = deps
          .engine()
          .call('train-start', body, { onNotice: (n) => notices.receive(run, n) });
      } catch (err) {
        set({ phase: 'idle', running: false, error: message(err) });
        return;
      }
      call.reply.then(
        (result) => {
          if (get().run !== run) return;
          notices.flush();
          const diverged = result.outcome === 'diverged';
          set({
            phase: 'finished',
            running: false,
            outcome: result.outcome,
            divergence: result.divergence,
            // Diverged weights are overflowed numbers: the next run starts afresh.
            trained: diverged
              ? undefined
              : {
                  modelKey: JSON.stringify(result.model),
                  params: result.params,
                  training: snapshot.training,
                  dataset: snapshot.dataset,
                },
          });
        },
        (err: unknown) => {
          if (get().run !== run) return;
          notices.flush();
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

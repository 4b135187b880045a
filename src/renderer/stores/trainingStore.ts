import { createStore } from 'zustand/vanilla';
import {
  type Notice,
  type Problem,
  runRecord,
  type TrainAction,
  type TrainRequests,
  type TrainResult,
  type TrainStart,
} from '../../engine';
import type { DatasetRef, RunRecord, TrainingSettings } from '../../shared/project';
import { FeatureMapRequests } from './trainingFeatures';
import { NoticeBatcher } from './trainingNotices';
import type { TrainedWeights, TrainingState, TrainPlan } from './trainingState';

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
  /** Keeps a finished run in the project's history (`runRecord` says which runs count). */
  readonly recordRun?: (run: RunRecord) => void;
  /** The clock a run's start and duration are read from (Date.now). */
  readonly now?: () => number;
}

/** What a continued run clears: its charts go on from the last run's epochs and batches. */
const CONTINUED = {
  evaluation: undefined,
  stepDetails: undefined,
  outcome: undefined,
  divergence: undefined,
  earlyStop: undefined,
  advice: undefined,
  message: undefined,
  error: undefined,
  cell: undefined,
  deadUnits: undefined,
} satisfies Partial<TrainingState>;

/** What a run from the start clears: everything of the runs before it. */
const CLEARED = {
  ...CONTINUED,
  facts: undefined,
  epoch: 0,
  stepInEpoch: 0,
  batchLosses: [],
  history: [],
  samplesPerSecond: 0,
  gallery: undefined,
  view: undefined,
  inspected: undefined,
} satisfies Partial<TrainingState>;

const message = (err: unknown) => (err as Error).message;

/**
 * What Train does next, from the last run's weights and the project now: it continues them when
 * only training settings changed (learning rate, epochs, batch size...), and starts from the
 * project's initial weights when the graph, the dataset or the normalisation changed, since the
 * weights were fitted to another model or to inputs on another scale.
 */
export function trainPlan(
  trained: TrainedWeights | undefined,
  now: {
    readonly modelKey: string | undefined;
    readonly dataset: DatasetRef;
    readonly training: TrainingSettings;
  },
): TrainPlan {
  if (!trained) return { from: 'start' };
  if (trained.modelKey !== now.modelKey) {
    return { from: 'start', why: 'the graph changed since the last run' };
  }
  if (JSON.stringify(trained.dataset) !== JSON.stringify(now.dataset)) {
    return { from: 'start', why: 'the dataset changed since the last run' };
  }
  if (trained.training.normalize !== now.training.normalize) {
    return { from: 'start', why: 'the normalisation changed since the last run' };
  }
  return { from: 'continue', epoch: trained.epoch };
}

/**
 * Why Train cannot start now: each field whose draft is not a valid value (the ui store's
 * `invalidFields`), each error of the whole model (the data, the memory it needs), and errors on
 * nodes, which the canvas marks. Empty when it can.
 */
export function trainBlockers(
  invalidFields: Readonly<Record<string, string>>,
  problems: readonly Problem[],
): string[] {
  const errors = problems.filter((p) => p.severity === 'error');
  const reasons = [
    ...Object.values(invalidFields),
    ...errors.filter((p) => p.nodeId === undefined).map((p) => p.message),
  ];
  const onNodes = errors.filter((p) => p.nodeId !== undefined).length;
  if (onNodes === 1) reasons.push('A layer has a problem: see the note beside it');
  if (onNodes > 1) reasons.push(`${onNodes} layers have problems: see the notes beside them`);
  return reasons;
}

/**
 * The training panel's state: starts runs in the engine worker on a snapshot of the project,
 * forwards the controls, and gathers the worker's notices (in batches, every ~100 ms: see
 * NoticeBatcher).
 */
export function createTrainingStore(deps: TrainingStoreDeps) {
  const schedule = deps.schedule ?? ((flush: () => void) => setTimeout(flush, 100));
  const now = deps.now ?? Date.now;
  let nextRun = 1;
  return createStore<TrainingState>()((set, get) => {
    const notices = new NoticeBatcher(get, set, schedule);
    const features = new FeatureMapRequests(
      get,
      set,
      (run, index) => deps.engine().call('train-features', { run, index }).reply,
    );
    /** Each notice goes to the batcher; a CNN's facts and epochs also ask for feature maps. */
    const receive = (run: number, notice: Notice) => {
      notices.receive(run, notice);
      if (!('run' in notice) || notice.run !== run || get().run !== run) return;
      if (notice.type === 'train-started' && notice.facts.featureMaps) features.started(run);
      if (notice.type === 'train-epoch') features.refresh();
    };

    /** Hands a finished run to the project's history, with the backend its facts name. */
    const record = (
      snapshot: ReturnType<TrainingStoreDeps['snapshot']>,
      startedAt: number,
      result: TrainResult,
    ) => {
      const backend = get().facts?.backend;
      if (!deps.recordRun || !backend) return;
      const { graph, dataset, training } = snapshot;
      const kept = runRecord({
        setup: { graph, dataset, training },
        startedAt,
        endedAt: now(),
        backend,
        outcome: result.outcome,
        history: result.history,
        ...(result.earlyStop ? { earlyStop: result.earlyStop } : {}),
      });
      if (kept) deps.recordRun(kept);
    };

    const start = (stepFirst: boolean) => {
      const run = nextRun++;
      const startedAt = now();
      let snapshot: ReturnType<TrainingStoreDeps['snapshot']>;
      let call: { reply: Promise<TrainResult> };
      let plan: TrainPlan;
      try {
        snapshot = deps.snapshot();
        plan = trainPlan(get().trained, { ...snapshot, modelKey: deps.modelKey() });
        const resume = plan.from === 'continue' ? get().trained : undefined;
        notices.reset();
        features.forget();
        // A continued run adds to the charts of the runs before it; a new start clears them.
        set({
          ...(resume ? CONTINUED : CLEARED),
          run,
          phase: 'loading',
          running: true,
        });
        const body: TrainStart = {
          ...snapshot,
          run,
          ...(resume ? { resume: { params: resume.params, epoch: resume.epoch } } : {}),
          ...(stepFirst ? { stepFirst } : {}),
        };
        call = deps.engine().call('train-start', body, { onNotice: (n) => receive(run, n) });
      } catch (err) {
        set({ phase: 'idle', running: false, error: message(err) });
        return;
      }
      const before = get().trained;
      call.reply.then(
        (result) => {
          if (get().run !== run) return;
          notices.flush();
          const { params, model } = result;
          const last = get().history.at(-1)?.report.epoch;
          set({
            phase: 'finished',
            running: false,
            outcome: result.outcome,
            divergence: result.divergence,
            earlyStop: result.earlyStop,
            advice: result.advice,
            // Diverged weights are overflowed numbers: the next run starts afresh. A run stopped
            // before its first step leaves the weights as they were.
            trained:
              result.outcome === 'diverged'
                ? undefined
                : params && model
                  ? {
                      modelKey: JSON.stringify(model),
                      params,
                      epoch: last ?? (plan.from === 'continue' ? plan.epoch : 0),
                      training: snapshot.training,
                      dataset: snapshot.dataset,
                    }
                  : before,
          });
          record(snapshot, startedAt, result);
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
      stop: () => {
        const { phase } = get();
        control('stop');
        // Loading and compiling a large model can take long: the panel is idle at once, and the
        // worker drops the run at its next phase (its reply, for a run forgotten, is ignored).
        if (phase === 'loading') set({ ...CLEARED, run: undefined, phase: 'idle', running: false });
      },
      resetWeights: () => {
        if (get().running) return;
        features.forget();
        set({ ...CLEARED, phase: 'idle', trained: undefined });
      },
      reset: () => {
        if (get().running) control('stop');
        notices.reset();
        features.forget();
        set({ ...CLEARED, run: undefined, phase: 'idle', running: false, trained: undefined });
      },
      applyFix: (fix) => {
        const { run } = get();
        if (fix.kind === 'learning-rate') {
          const optimizer = deps.snapshot().training.optimizer;
          deps.updateTraining({ optimizer: { ...optimizer, lr: fix.lr } });
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
      inspect: (index) => features.inspect(index),
    };
  });
}

export type TrainingStore = ReturnType<typeof createTrainingStore>;

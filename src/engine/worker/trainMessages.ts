import type { DatasetRef, Graph, InitialWeights, TrainingSettings } from '../../shared/project';
import type { LayerInsides } from '../backend';
import type { Preprocessing } from '../data/normalize';
import type { ModelParams, ModelSpec } from '../model/spec';
import type { FeatureMaps } from '../run/featureMaps';
import type { LiveView } from '../run/liveViews';
import type { SampleSet } from '../run/sampleSets';
import type { StepDetails } from '../run/stepDetails';
import type { Divergence } from '../train/divergence';
import type { DeadUnits, DoctorAdvice } from '../train/doctor';
import type { EarlyStop, EpochReport, TrainerState } from '../train/trainer';

/**
 * A training run as the app starts it: a frozen snapshot of the project (graph, dataset, settings,
 * initial weights), compiled in the worker, so that editing the graph meanwhile changes nothing.
 */
export interface TrainStart {
  /** The app's number for this run: control requests and notices name it. */
  readonly run: number;
  readonly graph: Graph;
  readonly dataset: DatasetRef;
  readonly training: TrainingSettings;
  readonly weights?: InitialWeights;
  /**
   * A finished run to continue: its parameters (instead of `weights` and the seeded init) and the
   * epochs it trained, from which this run counts on (`training.epochs` more).
   */
  readonly resume?: { readonly params: ModelParams; readonly epoch: number };
  /** `new URL('./datasets/', document.baseURI).href`: the worker cannot tell it itself. */
  readonly datasetsUrl: string;
  /** Imported files (a CSV, an IDX pair) by the name the dataset ref gives them. */
  readonly imports: ReadonlyMap<string, Blob>;
  /** `cpu` forces the reference backend; otherwise WebGPU where the worker has it. */
  readonly backend?: 'auto' | 'cpu';
  /** Start paused and run one batch: the Step button pressed before any run. */
  readonly stepFirst?: boolean;
}

/** What the run works on, sent once before the first batch. */
export interface RunFacts {
  readonly backend: 'webgpu' | 'cpu';
  /** The adapter's name, or "CPU". */
  readonly label: string;
  /** Why the CPU trains although WebGPU was asked for, in plain words. */
  readonly fallback?: string;
  readonly model: ModelSpec;
  readonly task: 'regression' | 'classification';
  readonly classes?: readonly string[];
  readonly targetNames: readonly string[];
  /** What the run did to raw inputs (scaling, normalisation fitted on its training split). */
  readonly preprocessing: Preprocessing;
  readonly epochs: number;
  readonly stepsPerEpoch: number;
  readonly trainCount: number;
  /** Where the confusion matrix and the gallery come from: the test split when there is one. */
  readonly evaluatedOn?: EvaluatedOn;
  readonly evaluatedCount: number;
  /** The model has conv or pool layers, whose feature maps `train-features` answers with. */
  readonly featureMaps?: true;
}

export type EvaluatedOn = 'test' | 'validation' | 'training';

/** One epoch's measurement on the evaluated split (classification). */
export interface SplitEvaluation {
  readonly on: EvaluatedOn;
  readonly count: number;
  readonly loss: number;
  readonly accuracy: number;
  /** `[true][predicted]` counts over the whole split. */
  readonly confusionMatrix: number[][];
}

/** How a run ended, with the parameters it ended with. */
export interface TrainResult {
  readonly outcome: 'completed' | 'stopped' | 'diverged';
  readonly divergence?: Divergence;
  /** A completed run that early stopping ended: `params` are its best epoch's. */
  readonly earlyStop?: EarlyStop;
  /** The divergence doctor's advice, for a diverged run. */
  readonly advice?: DoctorAdvice;
  readonly history: readonly EpochReport[];
  /**
   * Moved with the reply (transferred). Absent when a Stop came before the first step (while the
   * data loaded or the model compiled): there are no trained parameters then.
   */
  readonly params?: ModelParams;
  readonly model?: ModelSpec;
}

export type TrainAction = 'pause' | 'resume' | 'stop' | 'step';

/** Requests about training: start a run, control it, and look at the samples behind a result. */
export interface TrainRequests {
  /**
   * Trains until the last epoch, a stop or divergence, sending `train-*` notices meanwhile (live
   * losses several times a second, a report per epoch). Cancelling it stops the run.
   */
  'train-start': { request: TrainStart; reply: TrainResult };
  /** Pauses, resumes, stops or steps (one batch) run `run`; answers the trainer's state after. */
  'train-control': {
    request: { readonly run: number; readonly action: TrainAction };
    reply: { readonly state: TrainerState | 'none' };
  };
  /**
   * The evaluated samples of class `truth` predicted as `predicted` (a confusion-matrix cell) at
   * the last epoch, with their predicted probabilities; `undefined` for either means any class.
   */
  'train-cell': {
    request: {
      readonly run: number;
      readonly truth?: number;
      readonly predicted?: number;
      readonly limit: number;
    };
    reply: SampleSet;
  };
  /**
   * The feature maps of evaluated sample `index` (a position in the gallery's and the cells'
   * split): every conv and pool layer's output for it, from the run's last finished epoch's
   * parameters, or its final ones once it ended. For a model with such layers only.
   */
  'train-features': {
    request: { readonly run: number; readonly index: number };
    reply: FeatureMaps;
  };
}

/** Notices a training run sends before its reply, tagged with its run number. */
export type TrainNotices = { readonly run: number } & (
  | { readonly type: 'train-started'; readonly facts: RunFacts }
  | { readonly type: 'train-state'; readonly state: TrainerState }
  | {
      readonly type: 'train-progress';
      /** Completed epochs, and steps done in the current one. */
      readonly epoch: number;
      readonly step: number;
      readonly stepsPerEpoch: number;
      /** Mean loss of each batch since the last notice (transferred). */
      readonly batchLosses: Float32Array;
      readonly samplesPerSecond: number;
    }
  | {
      readonly type: 'train-epoch';
      readonly report: EpochReport;
      readonly evaluation?: SplitEvaluation;
      /** Histograms of every layer with weights and their dead units, at this epoch's end. */
      readonly insides?: readonly LayerInsides[];
      /** The doctor's hint when a layer's ReLUs are mostly dead at this epoch's end. */
      readonly deadUnits?: DeadUnits;
      /** Evaluated images (or rows), misclassified first (classification). */
      readonly gallery?: SampleSet;
    }
  | { readonly type: 'train-view'; readonly view: LiveView }
  | { readonly type: 'train-step'; readonly details: StepDetails }
  | { readonly type: 'train-recovered'; readonly message: string }
);

import type {
  DeadUnits,
  Divergence,
  DoctorAdvice,
  EarlyStop,
  EpochReport,
  FeatureMaps,
  LayerInsides,
  LiveView,
  ModelParams,
  RunFacts,
  SampleSet,
  SplitEvaluation,
  StepDetails,
} from '../../engine';
import type { DatasetRef, TrainingSettings } from '../../shared/project';

// The training panel's state, apart from the store that changes it (trainingStore.ts), so that
// views and the notice batching can name its parts without importing the store's machinery.

/** What the divergence doctor's buttons change in the project's settings. */
export type DoctorFix =
  | { readonly kind: 'normalize' }
  | { readonly kind: 'learning-rate'; readonly lr: number };

/** Where the current run stands: `loading` until the worker has its data and model. */
export type RunPhase = 'idle' | 'loading' | 'running' | 'paused' | 'finished';

/**
 * One finished epoch: the Trainer's report, the evaluated split's loss, accuracy and confusion
 * matrix (k x k counts: a past epoch's matrix and per-class metrics stay on view), and the
 * histograms of every layer with weights at its end.
 */
export interface EpochEntry {
  readonly report: EpochReport;
  readonly evaluation?: SplitEvaluation;
  readonly insides?: readonly LayerInsides[];
}

/** The doctor's dead-ReLU hint, and the epoch at whose end it was first seen in this run. */
export interface DeadUnitsHint extends DeadUnits {
  readonly epoch: number;
}

/**
 * The evaluated image whose feature maps the panel shows (a position in the evaluated split, as
 * SampleSet.indices count), and its maps once the worker sent them.
 */
export interface InspectedImage {
  readonly index: number;
  readonly maps?: FeatureMaps;
  readonly error?: string;
}

/**
 * Parameters a run ended with, the model they belong to, the epochs behind them, and the settings
 * and dataset the run trained with (a copy: the project's settings may change after the run, the
 * export must not).
 */
export interface TrainedWeights {
  readonly modelKey: string;
  readonly params: ModelParams;
  /** Epochs trained to reach these parameters, over every run continued from the first. */
  readonly epoch: number;
  readonly training: TrainingSettings;
  readonly dataset: DatasetRef;
}

/**
 * What Train does next: start from the project's initial weights (`why` says why trained weights
 * are not used, when there are some), or continue the last run's weights from its epoch.
 */
export type TrainPlan =
  | { readonly from: 'start'; readonly why?: string }
  | { readonly from: 'continue'; readonly epoch: number };

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
  /** Where early stopping ended the last run, keeping an earlier epoch's weights. */
  earlyStop: EarlyStop | undefined;
  /** The doctor's advice for a diverged run, worked out on its model and data. */
  advice: DoctorAdvice | undefined;
  /** The first dead-ReLU hint of the run: shown (and announced) once, not at every epoch. */
  deadUnits: DeadUnitsHint | undefined;
  /** The image whose feature maps are shown, for a model with conv or pool layers. */
  inspected: InspectedImage | undefined;
  /** Something to tell the user about the run (device lost and recovered). */
  message: string | undefined;
  error: string | undefined;
  /** What the last run ended with: what an export records, and where Train continues from. */
  trained: TrainedWeights | undefined;
  logScale: boolean;
  cell: OpenCell | undefined;
  train(): void;
  step(): void;
  pause(): void;
  resume(): void;
  stop(): void;
  /** Back to the project's initial weights, clearing the charts. */
  resetWeights(): void;
  /**
   * Forgets everything of the runs so far (a new project is open): stops a run under way, clears
   * the charts, the trained weights and the messages; the next Train starts from the project's
   * own initial weights.
   */
  reset(): void;
  /** A doctor's fix: standardised inputs, or another learning rate. */
  applyFix(fix: DoctorFix): void;
  setLogScale(on: boolean): void;
  openCell(truth: number, predicted: number): Promise<void>;
  closeCell(): void;
  /** Shows the feature maps of evaluated sample `index` (from the gallery or a cell's samples). */
  inspect(index: number): void;
}

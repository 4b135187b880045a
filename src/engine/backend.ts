import type { LossName, LrSchedule, OptimizerSettings } from '../shared/project';
import type { Dataset } from './data/dataset';
import type { ModelParams, ModelSpec } from './model/spec';

/** What a training run needs beyond the model: PyTorch's names and semantics throughout. */
export interface TrainOptions {
  readonly loss: LossName;
  readonly optimizer: OptimizerSettings;
  readonly batchSize: number;
  /** A seeded permutation per epoch (`DataLoader(shuffle=True)`), or the data in order. */
  readonly shuffle: boolean;
  readonly seed: number;
  /** The rate per epoch (engine/train/schedule.ts); absent, the optimizer's `lr` throughout. */
  readonly schedule?: LrSchedule;
  /**
   * Epochs trained before this session (a continued run, or one moved to another device): the
   * schedule counts from there.
   */
  readonly firstEpoch?: number;
  /** Aborted by a Stop: creating a session then gives up between its phases (StoppedError). */
  readonly signal?: AbortSignal;
}

/** Training loss accumulated on the device since the last read. */
export interface LossReadout {
  /** Mean loss of each optimizer step, in order. */
  readonly batchLosses: Float32Array;
  /** Sum over those steps of (batch mean loss x batch size): divide by `samples` for the mean. */
  readonly sum: number;
  readonly samples: number;
}

export interface Evaluation {
  /** Mean loss over the samples (PyTorch's `reduction='mean'`). */
  readonly loss: number;
  readonly count: number;
  /** Classification only. */
  readonly accuracy?: number;
  /** Classification only: `confusionMatrix[true][predicted]` counts. */
  readonly confusionMatrix?: number[][];
}

/** Values binned in equal-width bins from `min` to `max` (one bin when they are all equal). */
export interface Histogram {
  readonly min: number;
  readonly max: number;
  readonly counts: readonly number[];
}

/** Bins of every histogram of the model's insides. */
export const INSIDES_BINS = 32;

/**
 * One layer with weights (Linear, Conv2d, batch norm) seen from inside at an epoch end: the
 * distribution of its weights, and of its outputs z on the epoch's last training batch.
 */
export interface LayerInsides {
  /** The layer's index in ModelSpec.layers. */
  readonly layer: number;
  readonly weights: Histogram;
  readonly outputs: Histogram;
  /**
   * When a ReLU follows the layer: the fraction of its units (features, or channels of an image)
   * whose z was at most 0 for every sample and position of that batch, so the ReLU gave them 0
   * and passed no gradient back: dead units.
   */
  readonly dead?: number;
}

/** Where training stands, in optimizer steps. */
export interface Progress {
  /** Completed epochs. */
  readonly epoch: number;
  /** Steps done in the current epoch. */
  readonly step: number;
  readonly stepsPerEpoch: number;
}

/**
 * One training run of one model on one dataset, on one backend. Both backends implement it with
 * the same numbers (to float32 rounding): the CPU one is the reference and the fallback.
 */
export interface TrainingSession {
  readonly progress: Progress;
  /**
   * The learning rate the next step uses (`optimizer.param_groups[0]['lr']`): the schedule moves
   * it after each epoch's last step, as `scheduler.step()` does.
   */
  readonly learningRate: number;
  /**
   * Runs up to `steps` optimizer steps, stopping early at the end of the epoch; the next call
   * starts the next epoch (with a new seeded permutation when shuffling). Losses stay on the device
   * until `readLoss`. Returns the number of steps run.
   */
  train(steps: number): Promise<number>;
  /** Reads and clears the accumulated training losses (one readback). */
  readLoss(): Promise<LossReadout>;
  /** Loss, accuracy and confusion matrix of the current parameters on `data` (no training). */
  evaluate(data: Dataset): Promise<Evaluation>;
  /** Model outputs for `count` samples (`x` row-major), `[count][outputs]`. */
  predict(x: Float32Array, count: number): Promise<Float32Array>;
  getParams(): Promise<ModelParams>;
  /**
   * Puts parameters back (early stopping's best epoch), in the layout `getParams` gives, batch
   * norm's running statistics included (`model.load_state_dict`); the optimizer's state stays.
   */
  setParams(params: ModelParams): Promise<void>;
  /**
   * Histograms of every layer with weights, from the last training step (see LayerInsides): on
   * the GPU binned there and read back once.
   */
  insides(): Promise<LayerInsides[]>;
  dispose(): void;
}

export interface Backend {
  readonly name: 'webgpu' | 'cpu';
  /** What the status bar shows: the adapter's name, or "CPU". */
  readonly label: string;
  createSession(
    model: ModelSpec,
    params: ModelParams,
    data: Dataset,
    options: TrainOptions,
  ): Promise<TrainingSession>;
}

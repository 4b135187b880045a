import type { EarlyStopping } from '../../shared/project';
import type { Progress, TrainingSession } from '../backend';
import type { Dataset } from '../data/dataset';
import { regressionMetrics, type TargetMetrics } from '../metrics';
import type { ModelParams } from '../model/spec';
import {
  DEFAULT_DIVERGENCE,
  type Divergence,
  type DivergenceOptions,
  explodedWeights,
  explodingLoss,
  nonFiniteLoss,
  risingLoss,
} from './divergence';

/** What one finished epoch measured. */
export interface EpochReport {
  /** 1-based number of the epoch just finished. */
  readonly epoch: number;
  readonly epochs: number;
  /** Mean training loss over the epoch's steps (each batch weighted by its size). */
  readonly loss: number;
  readonly valLoss?: number;
  /** Classification only: accuracy on the validation data, or on the training data without it. */
  readonly accuracy?: number;
  readonly accuracyOn?: 'validation' | 'training';
  readonly confusionMatrix?: number[][];
  /** Regression only: R², MAE and RMSE per target, on the validation data or the training data. */
  readonly regression?: RegressionReport;
  readonly seconds: number;
  /** The learning rate the epoch trained with (its schedule's value). */
  readonly lr: number;
}

/** One epoch's regression metrics, one per target column, and the split they were measured on. */
export interface RegressionReport {
  readonly on: 'validation' | 'training';
  readonly targets: readonly TargetMetrics[];
}

/**
 * The regression metrics of the session's predictions on `data` (none for a classification): one
 * forward pass, which a regression set (a table) affords at every epoch end.
 */
async function regressionReport(
  session: TrainingSession,
  data: Dataset,
  on: RegressionReport['on'],
): Promise<RegressionReport | undefined> {
  const { targets } = data;
  if (targets.task !== 'regression') return undefined;
  const outputs = await session.predict(data.x, data.count);
  return { on, targets: regressionMetrics(outputs, targets.values, data.count, targets.size) };
}

/** The part of the trainer's options (TrainerOptions) that decides what a report holds. */
export interface EpochReportOptions {
  readonly epochs: number;
  readonly train: Dataset;
  readonly validation?: Dataset;
  readonly trainingMetrics?: boolean;
}

/**
 * The report of the epoch just finished, evaluating the session on the data the options name;
 * `seconds` is read after the evaluation, so the epoch's time includes it.
 *
 * @example
 * const report = await epochReport(session, options, 3, meanLoss, 0.01, () => elapsedSeconds);
 */
export async function epochReport(
  session: TrainingSession,
  options: EpochReportOptions,
  epoch: number,
  loss: number,
  lr: number,
  seconds: () => number,
): Promise<EpochReport> {
  const { validation, train, trainingMetrics = true } = options;
  const classification = train.targets.task === 'classification';
  const valuation = validation ? await session.evaluate(validation) : undefined;
  const metrics =
    valuation ?? (classification && trainingMetrics ? await session.evaluate(train) : undefined);
  const regression = await regressionReport(
    session,
    validation ?? train,
    validation ? 'validation' : 'training',
  );
  return {
    epoch,
    epochs: options.epochs,
    loss,
    ...(valuation ? { valLoss: valuation.loss } : {}),
    ...(metrics?.accuracy !== undefined
      ? {
          accuracy: metrics.accuracy,
          accuracyOn: valuation ? ('validation' as const) : ('training' as const),
          ...(metrics.confusionMatrix ? { confusionMatrix: metrics.confusionMatrix } : {}),
        }
      : {}),
    ...(regression ? { regression } : {}),
    seconds: seconds(),
    lr,
  };
}

export type TrainerState = 'idle' | 'running' | 'paused' | 'finished';

/**
 * How early stopping ended a run: at epoch `epoch`, the validation loss had not gone below epoch
 * `bestEpoch`'s for `patience` epochs; the session holds `bestEpoch`'s weights again.
 */
export interface EarlyStop {
  readonly epoch: number;
  readonly bestEpoch: number;
  readonly bestValLoss: number;
  readonly patience: number;
}

/**
 * "Stopped early at epoch 14: the validation loss had not improved for 5 epochs since epoch 9;
 * keeping epoch 9's weights." What the app and `layerboard train` say of an EarlyStop.
 */
export function earlyStopMessage(stop: EarlyStop): string {
  const epochs = stop.epoch - stop.bestEpoch;
  return `Stopped early at epoch ${stop.epoch}: the validation loss had not improved for ${epochs} ${epochs === 1 ? 'epoch' : 'epochs'} since epoch ${stop.bestEpoch}; keeping epoch ${stop.bestEpoch}'s weights.`;
}

export type TrainOutcome = (
  | { readonly kind: 'completed'; readonly earlyStop?: EarlyStop }
  | { readonly kind: 'stopped' }
  | { readonly kind: 'diverged'; readonly divergence: Divergence }
) & { readonly history: readonly EpochReport[] };

export type TrainerEvent =
  | { readonly type: 'state'; readonly state: TrainerState }
  | {
      readonly type: 'progress';
      readonly progress: Progress;
      /** Mean loss of each step since the last event, in order. */
      readonly batchLosses: Float32Array;
      readonly samplesPerSecond: number;
    }
  | { readonly type: 'epoch'; readonly report: EpochReport }
  | { readonly type: 'done'; readonly outcome: TrainOutcome };

export interface TrainerOptions {
  /** Total epochs; a session that already ran some continues up to this number. */
  readonly epochs: number;
  /** The training data, for the accuracy when there is no validation data. */
  readonly train: Dataset;
  readonly validation?: Dataset;
  /**
   * Measure a classification's accuracy on the training data when there is no validation data
   * (default true): a whole extra pass, which the app makes itself. A regression's metrics are
   * always measured.
   */
  readonly trainingMetrics?: boolean;
  readonly onEvent?: (event: TrainerEvent) => void;
  /** How long one `session.train` call should take: losses are read back once per call. */
  readonly targetChunkMs?: number;
  readonly divergence?: DivergenceOptions;
  /** The clock, in milliseconds (tests pass a fake one). */
  readonly now?: () => number;
  /** Stop when the validation loss has not gone down for `patience` epochs (needs `validation`). */
  readonly earlyStopping?: EarlyStopping;
}

/** The lowest validation loss so far, its epoch and that epoch's parameters. */
interface Best {
  readonly valLoss: number;
  readonly epoch: number;
  readonly params: ModelParams;
}

/** Lets messages (pause, stop) reach a worker between chunks: a macrotask, not a microtask. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Drives any TrainingSession through its epochs: it reads losses back once per `train(k)` call,
 * growing k until a call takes about `targetChunkMs` (a GPU readback is expensive, so never per
 * step), measures each epoch, watches for divergence, stops early when asked (keeping the best
 * epoch's weights), and can pause, resume, stop or step one batch.
 *
 * @example
 * const trainer = new Trainer(session, { epochs: 10, train: data, onEvent: console.log });
 * const outcome = await trainer.run(); // { kind: 'completed', history: [...] }
 */
export class Trainer {
  private state: TrainerState = 'idle';
  private chunk = 1;
  private pendingSteps = 0;
  private stopRequested = false;
  /** Paused (or stepped) before `run`: start paused. */
  private startPaused = false;
  private wake: (() => void) | undefined;
  private readonly history: EpochReport[] = [];
  /** The run's first batch loss: what an exploding loss is measured against. */
  private firstLoss: number | undefined;
  private readonly now: () => number;
  /** The learning rate of the epoch under way, read from the session as the epoch starts. */
  private epochLr: number;
  private best: Best | undefined;

  constructor(
    private readonly session: TrainingSession,
    private readonly options: TrainerOptions,
  ) {
    this.now = options.now ?? (() => performance.now());
    this.epochLr = session.learningRate;
    if (options.earlyStopping && !options.validation) {
      throw new Error('early stopping needs validation data: it watches the validation loss');
    }
  }

  get currentState(): TrainerState {
    return this.state;
  }

  /** Trains until the last epoch, a stop, or divergence. */
  async run(): Promise<TrainOutcome> {
    if (this.state !== 'idle') throw new Error('this trainer has already run');
    this.setState(this.startPaused ? 'paused' : 'running');
    let epochStart = this.now();
    let lossSum = 0;
    let lossSamples = 0;
    let outcome: TrainOutcome | undefined;
    while (!outcome && !this.stopRequested && this.session.progress.epoch < this.options.epochs) {
      if (this.currentState === 'paused' && this.pendingSteps === 0) {
        await new Promise<void>((resolve) => {
          this.wake = resolve;
        });
        continue;
      }
      const stepping = this.pendingSteps > 0;
      if (stepping) this.pendingSteps--;
      if (this.session.progress.step === 0) this.epochLr = this.session.learningRate;
      const started = this.now();
      const ran = await this.session.train(stepping ? 1 : this.chunk);
      if (ran === 0) throw new Error('the training session ran no step before its last epoch');
      const readout = await this.session.readLoss();
      const elapsed = this.now() - started;
      if (!stepping) this.adaptChunk(elapsed);
      lossSum += readout.sum;
      lossSamples += readout.samples;
      const progress = this.session.progress;
      this.emit({
        type: 'progress',
        progress,
        batchLosses: readout.batchLosses,
        samplesPerSecond: elapsed > 0 ? (readout.samples * 1000) / elapsed : 0,
      });
      const epoch = progress.step === 0 ? progress.epoch : progress.epoch + 1;
      this.firstLoss ??= readout.batchLosses[0];
      const divergence =
        nonFiniteLoss(readout.batchLosses, epoch) ??
        explodingLoss(readout.batchLosses, this.firstLoss ?? Number.NaN, epoch);
      if (divergence) outcome = this.finish({ kind: 'diverged', divergence });
      else if (progress.step === 0) {
        const report = await epochReport(
          this.session,
          this.options,
          progress.epoch,
          lossSum / lossSamples,
          this.epochLr,
          () => (this.now() - epochStart) / 1000,
        );
        this.history.push(report);
        this.emit({ type: 'epoch', report });
        const rising = risingLoss(
          this.history.map((r) => r.loss),
          this.options.divergence ?? DEFAULT_DIVERGENCE,
        );
        if (rising) outcome = this.finish({ kind: 'diverged', divergence: rising });
        else {
          const earlyStop = await this.watchValidation(report);
          if (earlyStop) outcome = this.finish({ kind: 'completed', earlyStop });
        }
        epochStart = this.now();
        lossSum = 0;
        lossSamples = 0;
      }
      await yieldToEventLoop();
    }
    if (outcome) return outcome;
    // A run that ends well still has no use for weights that blew up without the loss showing it.
    const exploded = explodedWeights(await this.session.getParams());
    if (exploded) return this.finish({ kind: 'diverged', divergence: exploded });
    return this.finish({ kind: this.stopRequested ? 'stopped' : 'completed' });
  }

  /**
   * Early stopping, as the exported script does it: keeps the parameters of the epoch with the
   * lowest validation loss so far (`copy.deepcopy(model.state_dict())`); after `patience` epochs
   * without a lower one, puts them back in the session (`model.load_state_dict`) and says so.
   */
  private async watchValidation(report: EpochReport): Promise<EarlyStop | undefined> {
    const { earlyStopping } = this.options;
    if (!earlyStopping || report.valLoss === undefined) return undefined;
    // A NaN validation loss is never lower: it counts as an epoch without improvement.
    if (report.valLoss < (this.best?.valLoss ?? Number.POSITIVE_INFINITY)) {
      const params = await this.session.getParams();
      this.best = { valLoss: report.valLoss, epoch: report.epoch, params };
      return undefined;
    }
    if (!this.best || report.epoch - this.best.epoch < earlyStopping.patience) return undefined;
    await this.session.setParams(this.best.params);
    return {
      epoch: report.epoch,
      bestEpoch: this.best.epoch,
      bestValLoss: this.best.valLoss,
      patience: earlyStopping.patience,
    };
  }

  /** Holds training after the current chunk (or from the start, before `run`). */
  pause(): void {
    if (this.state === 'idle') this.startPaused = true;
    if (this.state === 'running') this.setState('paused');
  }

  resume(): void {
    if (this.state !== 'paused') return;
    this.setState('running');
    this.wakeUp();
  }

  /** Ends training after the current chunk; `run` resolves with a 'stopped' outcome. */
  stop(): void {
    this.stopRequested = true;
    this.wakeUp();
  }

  /** Runs exactly one batch, pausing first if training was running. */
  step(): void {
    if (this.state === 'finished') return;
    this.pause();
    this.pendingSteps++;
    this.wakeUp();
  }

  /** Grows or shrinks the steps per call so that each call takes about the target time. */
  private adaptChunk(elapsedMs: number): void {
    const target = this.options.targetChunkMs ?? 150;
    const scale = elapsedMs > 0 ? target / elapsedMs : 4;
    this.chunk = Math.max(1, Math.round(this.chunk * Math.min(4, Math.max(0.25, scale))));
  }

  private finish(
    result:
      | { kind: 'completed'; earlyStop?: EarlyStop }
      | { kind: 'stopped' }
      | { kind: 'diverged'; divergence: Divergence },
  ): TrainOutcome {
    const outcome: TrainOutcome = { ...result, history: [...this.history] };
    this.setState('finished');
    this.emit({ type: 'done', outcome });
    return outcome;
  }

  private wakeUp(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private setState(state: TrainerState): void {
    this.state = state;
    this.emit({ type: 'state', state });
  }

  private emit(event: TrainerEvent): void {
    this.options.onEvent?.(event);
  }
}

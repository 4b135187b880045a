/**
 * What one finished epoch measured, and how the Trainer measures it: the mean training loss it
 * summed itself, plus the loss and accuracy from evaluating the validation data (or the training
 * data, for accuracy, when there is none). Apart from trainer.ts, whose loop is about pacing,
 * pausing and divergence, not about which data gets evaluated.
 */
import type { TrainingSession } from '../backend';
import type { Dataset } from '../data/dataset';

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
  readonly seconds: number;
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
 * const report = await epochReport(session, options, 3, meanLoss, () => elapsedSeconds);
 */
export async function epochReport(
  session: TrainingSession,
  options: EpochReportOptions,
  epoch: number,
  loss: number,
  seconds: () => number,
): Promise<EpochReport> {
  const { validation, train, trainingMetrics = true } = options;
  const classification = train.targets.task === 'classification';
  const valuation = validation ? await session.evaluate(validation) : undefined;
  const metrics =
    valuation ?? (classification && trainingMetrics ? await session.evaluate(train) : undefined);
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
    seconds: seconds(),
  };
}

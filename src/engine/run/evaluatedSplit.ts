// Which split a run's confusion matrix and gallery show, who measures it (the Trainer or the
// RunSession) and how the epoch's measurement is read back: one choice, kept in one place so that
// what the RunSession is asked to evaluate and where the notice looks for it cannot drift apart.

import type { Evaluation } from '../backend';
import type { Dataset } from '../data/dataset';
import type { PreparedData } from '../data/loadData';
import type { EpochReport } from '../train/trainer';
import type { EvaluatedOn, SplitEvaluation } from '../worker/trainMessages';
import type { RunSessionOptions } from './runSession';

/**
 * The split the confusion matrix and the gallery show, and its name; neither for a regression
 * without held-out data.
 */
export interface EvaluatedSplit {
  readonly split?: Dataset;
  readonly on?: EvaluatedOn;
}

/** The split the confusion matrix and the gallery show: test, else validation, else training. */
export function evaluatedSplit(data: PreparedData): EvaluatedSplit {
  if (data.test) return { split: data.test, on: 'test' };
  if (data.validation) return { split: data.validation, on: 'validation' };
  return data.info.task === 'classification' ? { split: data.train, on: 'training' } : {};
}

/**
 * What the RunSession measures of a classification's evaluated split at each epoch end: it
 * evaluates the test or training split itself, since the Trainer only evaluates the validation
 * split (and the run turns its training metrics off), and keeps the outputs of any for the gallery.
 */
export function sessionSplits(
  { split, on }: EvaluatedSplit,
  classification: boolean,
): Pick<RunSessionOptions, 'evaluate' | 'predict'> {
  return {
    ...(split && on !== 'validation' && classification ? { evaluate: split } : {}),
    ...(split && classification ? { predict: split } : {}),
  };
}

/**
 * The epoch's measurement of the evaluated split: the RunSession's own evaluation (test or
 * training split), else the Trainer's report on the validation split; none for a regression.
 */
export function splitEvaluation(
  { split, on }: EvaluatedSplit,
  own: Evaluation | undefined,
  report: EpochReport,
): SplitEvaluation | undefined {
  if (own?.confusionMatrix && on) {
    const { count, loss, accuracy = 0, confusionMatrix } = own;
    return { on, count, loss, accuracy, confusionMatrix };
  }
  if (report.confusionMatrix && on === 'validation') {
    return {
      on,
      count: split!.count,
      loss: report.valLoss ?? Number.NaN,
      accuracy: report.accuracy ?? 0,
      confusionMatrix: report.confusionMatrix,
    };
  }
  return undefined;
}

// The notices a training run sends, built from what the run has at hand: the facts before the
// first batch, and the Trainer's progress and epoch reports (an epoch's with its confusion matrix
// and gallery). The run (run.ts) decides when to send each.

import type { PreparedData } from '../data/loadData';
import type { ModelSpec } from '../model/spec';
import { deadUnits } from '../train/doctor';
import type { EpochReport, TrainerEvent } from '../train/trainer';
import type { RunFacts, TrainNotices } from '../worker/trainMessages';
import { type EvaluatedSplit, splitEvaluation } from './evaluatedSplit';
import { hasFeatureMaps } from './featureMaps';
import type { BackendChoice } from './runBackend';
import type { RunSession } from './runSession';
import { EvaluatedPredictions, probabilitiesOf, sampleSetBuffers } from './sampleSets';

/** Images (or rows) in the gallery each epoch. */
const GALLERY = 24;

/** A notice before Run tags it with its run number. */
export type RunNotice = TrainNotices extends infer N
  ? N extends unknown
    ? Omit<N, 'run'>
    : never
  : never;

/** What the `train-started` facts are made of. */
export interface FactsSource {
  readonly choice: BackendChoice;
  readonly model: ModelSpec;
  readonly data: PreparedData;
  readonly epochs: number;
  readonly stepsPerEpoch: number;
  readonly evaluated: EvaluatedSplit;
}

/** What the run works on, for the `train-started` notice. */
export function runFacts({
  choice,
  model,
  data,
  epochs,
  stepsPerEpoch,
  evaluated: { split, on },
}: FactsSource): RunFacts {
  return {
    backend: choice.backend.name,
    label: choice.backend.label,
    ...(choice.fallback ? { fallback: choice.fallback } : {}),
    model,
    task: data.info.task,
    ...(data.info.classes ? { classes: data.info.classes } : {}),
    targetNames: data.info.targetNames,
    preprocessing: data.preprocessing,
    epochs,
    stepsPerEpoch,
    trainCount: data.train.count,
    ...(on ? { evaluatedOn: on } : {}),
    evaluatedCount: split?.count ?? 0,
    ...(split && hasFeatureMaps(model) ? { featureMaps: true as const } : {}),
  };
}

/**
 * The `train-progress` notice for a Trainer progress event of a session that started `offset`
 * epochs into the run, with the batch losses' buffer to transfer (a copy: the Trainer keeps its own).
 */
export function progressNotice(
  event: Extract<TrainerEvent, { type: 'progress' }>,
  offset: number,
): [notice: RunNotice, transfer: Transferable[]] {
  const batchLosses = event.batchLosses.slice();
  const notice: RunNotice = {
    type: 'train-progress',
    epoch: event.progress.epoch + offset,
    step: event.progress.step,
    stepsPerEpoch: event.progress.stepsPerEpoch,
    batchLosses,
    samplesPerSecond: event.samplesPerSecond,
  };
  return [notice, [batchLosses.buffer]];
}

/** What an epoch's notice reads besides the report: the data and the session's epoch-end results. */
export interface EpochSource {
  readonly model: ModelSpec;
  readonly data: PreparedData;
  readonly evaluated: EvaluatedSplit;
  /** The model ends with a Softmax node: its outputs already are probabilities. */
  readonly softmaxLast: boolean;
  readonly session: Pick<RunSession, 'lastEvaluation' | 'lastOutputs' | 'lastInsides'>;
}

/** An epoch's notice, the buffers it moves, and the predictions behind its gallery. */
export interface EpochNotice {
  readonly notice: RunNotice;
  readonly transfer?: Transferable[];
  /** Kept by the run to answer `train-cell` until the next epoch. */
  readonly predictions?: EvaluatedPredictions;
}

/**
 * The `train-epoch` notice for `report` (its epoch counted from the run's start): with the
 * evaluated split's confusion matrix, the layers' insides (a few hundred numbers: copied, not
 * transferred) and the doctor's hint when a layer's ReLUs are mostly dead, and for a
 * classification the gallery, misclassified first.
 */
export function epochNotice(report: EpochReport, from: EpochSource): EpochNotice {
  const { data, evaluated, session } = from;
  const evaluation = splitEvaluation(evaluated, session.lastEvaluation, report);
  const insides = session.lastInsides;
  const dead = insides && deadUnits(from.model, insides);
  const measured = {
    ...(evaluation ? { evaluation } : {}),
    ...(insides && insides.length > 0 ? { insides } : {}),
    ...(dead ? { deadUnits: dead } : {}),
  };
  const outputs = session.lastOutputs;
  const { split } = evaluated;
  if (!outputs || !split || !data.info.classes) {
    return { notice: { type: 'train-epoch', report, ...measured } };
  }
  const probabilities = probabilitiesOf(outputs, data.info.classes.length, from.softmaxLast);
  const predictions = new EvaluatedPredictions(split, probabilities, data.preprocessing);
  const gallery = predictions.gallery(GALLERY);
  return {
    notice: { type: 'train-epoch', report, ...measured, gallery },
    transfer: sampleSetBuffers(gallery),
    predictions,
  };
}

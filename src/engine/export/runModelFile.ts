import type { DatasetRef, TrainingSettings } from '../../shared/project';
import type { Preprocessing } from '../data/normalize';
import type { Task } from '../model/dataShape';
import type { ModelParams, ModelSpec } from '../model/spec';
import type { EpochReport } from '../train/trainer';
import type { EvaluatedOn, SplitEvaluation } from '../worker/trainMessages';
import { classificationSummary, regressionSummary } from './metricsSummary';
import type { ModelFile } from './modelFile';
import { buildModelFile } from './modelFile';

/** A finished run, as the app's training store and `layerboard train` both know it. */
export interface FinishedRun {
  readonly name?: string | undefined;
  readonly model: ModelSpec;
  /** The parameters at the end of the run. */
  readonly params: ModelParams;
  /** What the run knew of its targets. */
  readonly data: {
    readonly task: Task;
    readonly classes?: readonly string[] | undefined;
    readonly targetNames: readonly string[];
  };
  readonly preprocessing: Preprocessing;
  /** The settings the run trained with (its `epochs` the number it was asked for). */
  readonly training: TrainingSettings;
  readonly dataset: DatasetRef;
  readonly backend: 'webgpu' | 'cpu';
  /** Every epoch's report, in order. */
  readonly history: readonly RunEpoch[];
  /** The epoch whose parameters the run ended with, when early stopping kept an earlier one. */
  readonly keptEpoch?: number | undefined;
}

/**
 * An epoch's report and, in the app, the split its run evaluated at the epoch's end (test, else
 * validation, else training): the confusion matrix the app shows, which the file records.
 */
export type RunEpoch = EpochReport & { readonly evaluation?: SplitEvaluation };

/** The epoch's confusion matrix and its split: the app's evaluated one, else the report's. */
function gradedMatrix(epoch: RunEpoch): { on: EvaluatedOn; matrix: number[][] } | undefined {
  const { evaluation, confusionMatrix, accuracyOn } = epoch;
  if (evaluation) return { on: evaluation.on, matrix: evaluation.confusionMatrix };
  return confusionMatrix && accuracyOn ? { on: accuracyOn, matrix: confusionMatrix } : undefined;
}

/**
 * The model file of a finished run (docs/DESIGN.md, "Model file"): its model with its final
 * parameters, the preprocessing, the classes or target names, the settings and dataset it trained
 * with, and its metrics. The one builder of a run's metrics: `epochs` is the number of the last
 * epoch trained (or the epoch early stopping kept, whose parameters these are), `loss` that
 * epoch's mean training loss, `valLoss` and `accuracy` (with the split it was measured on) its
 * evaluation, `classification` its per-class metrics (from its confusion matrix, on the split the
 * app shows when it evaluated one) or `regression` its per-target ones, and `history` every
 * epoch's figures with that confusion matrix.
 *
 * @example
 * const file = modelFileOfRun({ model, params, data: info, preprocessing, training, dataset,
 *   backend: 'cpu', history });
 */
export function modelFileOfRun(run: FinishedRun): ModelFile {
  const { data, history } = run;
  const last =
    run.keptEpoch === undefined ? history.at(-1) : history.find((r) => r.epoch === run.keptEpoch);
  const graded = last && gradedMatrix(last);
  const classification =
    graded && data.classes
      ? { on: graded.on, ...classificationSummary(graded.matrix, data.classes) }
      : undefined;
  const regression = last?.regression && {
    on: last.regression.on,
    ...regressionSummary(last.regression.targets, data.targetNames),
  };
  return buildModelFile(run.model, run.params, {
    ...(run.name === undefined ? {} : { name: run.name }),
    task: data.task,
    ...(data.task === 'classification' && data.classes ? { classes: [...data.classes] } : {}),
    ...(data.task === 'regression' ? { targets: [...data.targetNames] } : {}),
    preprocessing: run.preprocessing,
    training: { ...run.training, dataset: run.dataset, backend: run.backend },
    metrics: {
      epochs: last?.epoch ?? 0,
      ...(last ? { loss: last.loss } : {}),
      ...(last?.valLoss !== undefined ? { valLoss: last.valLoss } : {}),
      ...(last?.accuracy !== undefined
        ? { accuracy: last.accuracy, ...(last.accuracyOn ? { accuracyOn: last.accuracyOn } : {}) }
        : {}),
      ...(classification ? { classification } : {}),
      ...(regression ? { regression } : {}),
      history: history.map((r) => {
        const matrix = gradedMatrix(r)?.matrix;
        return {
          epoch: r.epoch,
          loss: r.loss,
          ...(r.valLoss !== undefined ? { valLoss: r.valLoss } : {}),
          ...(r.accuracy !== undefined ? { accuracy: r.accuracy } : {}),
          ...(matrix ? { confusionMatrix: matrix } : {}),
        };
      }),
    },
  });
}

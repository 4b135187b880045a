import {
  buildModelFile,
  type EpochReport,
  type ModelFile,
  type ModelParams,
  type Preprocessing,
  type RunFacts,
} from '../../engine';
import type { DatasetRef, TrainingSettings } from '../../shared/project';

/** A finished run as the app knows it: what the training panel's store and the project hold. */
export interface TrainedRun {
  readonly name: string;
  readonly facts: RunFacts;
  readonly params: ModelParams;
  readonly history: readonly EpochReport[];
  readonly training: TrainingSettings;
  readonly dataset: DatasetRef;
  readonly preprocessing: Preprocessing;
}

/**
 * The model file of a trained run, as `layerboard train` writes it: the run's compiled model
 * with its final parameters, the preprocessing, the classes or target names, the settings and
 * every epoch's metrics.
 *
 * @example
 * const file = modelFileOfRun({ name, facts, params, history, training, dataset, preprocessing });
 */
export function modelFileOfRun(run: TrainedRun): ModelFile {
  const { facts, history } = run;
  const last = history.at(-1);
  return buildModelFile(facts.model, run.params, {
    name: run.name,
    task: facts.task,
    ...(facts.classes ? { classes: [...facts.classes] } : {}),
    ...(facts.task === 'regression' ? { targets: [...facts.targetNames] } : {}),
    preprocessing: run.preprocessing,
    training: { ...run.training, dataset: run.dataset, backend: facts.backend },
    metrics: {
      epochs: last?.epoch ?? 0,
      ...(last ? { loss: last.loss } : {}),
      ...(last?.valLoss !== undefined ? { valLoss: last.valLoss } : {}),
      ...(last?.accuracy !== undefined
        ? { accuracy: last.accuracy, ...(last.accuracyOn ? { accuracyOn: last.accuracyOn } : {}) }
        : {}),
      history: history.map((r) => ({
        epoch: r.epoch,
        loss: r.loss,
        ...(r.valLoss !== undefined ? { valLoss: r.valLoss } : {}),
        ...(r.accuracy !== undefined ? { accuracy: r.accuracy } : {}),
      })),
    },
  });
}

import { type ModelFile, modelFileOfRun, modelFromFile } from '../../engine';
import { projectStore, trainingStore } from '../stores/appStores';
import type { TrainingState } from '../stores/trainingState';

/** Why there is nothing to export yet, or undefined when a trained model is there. */
export function notExportable(
  s: Pick<TrainingState, 'running' | 'trained' | 'facts' | 'outcome'>,
): string | undefined {
  if (s.running) return 'Training is running: export when it has finished or is stopped';
  if (s.outcome === 'diverged') {
    return 'The last run diverged, so its weights are not numbers: fix it as the doctor says and train again';
  }
  if (!s.trained || !s.facts)
    return 'Train the model first: there are no trained weights to export yet';
  return undefined;
}

/**
 * The model file of the last finished run: its model, parameters, settings, dataset and
 * preprocessing as the run had them (not the project's settings now, which may have changed
 * since), under the project's name.
 */
export async function currentModelFile(): Promise<ModelFile> {
  const training = trainingStore.getState();
  const reason = notExportable(training);
  if (reason) throw new Error(reason);
  const trained = training.trained!;
  const facts = training.facts!;
  const file = modelFileOfRun({
    name: projectStore.getState().name,
    model: facts.model,
    params: trained.params,
    data: facts,
    preprocessing: facts.preprocessing,
    training: trained.training,
    dataset: trained.dataset,
    backend: facts.backend,
    // Each epoch with the split the app evaluated: the matrices and grades the app showed.
    history: training.history.map((e) => ({
      ...e.report,
      ...(e.evaluation ? { evaluation: e.evaluation } : {}),
    })),
    keptEpoch: training.earlyStop?.bestEpoch,
  });
  // The parameters must belong to the run's model (a failed run may have left other facts).
  modelFromFile(file);
  return file;
}

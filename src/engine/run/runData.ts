import { type PreparedData, prepareData } from '../data/loadData';
import type { DataFiles } from '../data/source';
import { paramsFromProject } from '../model/init';
import type { ModelParams, ModelSpec } from '../model/spec';
import type { TrainStart } from '../worker/trainMessages';

/** The last data a run loaded: Step after Train, or a second run, need not read it again. */
let cached: { key: string; data: Promise<PreparedData> } | undefined;

/** What makes two loads the same: the ref, the split and normalisation, the imported files. */
function dataKey(request: TrainStart): string {
  const { normalize, validationSplit, seed } = request.training;
  const files = [...request.imports].map(([name, blob]) => [
    name,
    blob.size,
    'lastModified' in blob ? blob.lastModified : 0,
  ]);
  return JSON.stringify([request.dataset, normalize, validationSplit, seed, files]);
}

/**
 * The run's data, split and normalised as the project says (prepareData), kept for the next run
 * on the same data. A failed load is not kept.
 */
export function loadRunData(request: TrainStart, files: DataFiles): Promise<PreparedData> {
  const key = dataKey(request);
  if (cached?.key === key) return cached.data;
  const data = prepareData(request.dataset, request.training, files);
  const entry = { key, data };
  cached = entry;
  data.catch(() => {
    if (cached === entry) cached = undefined;
  });
  return data;
}

/** True when `params` are a model's Linear parameters, layer by layer. */
function fits(model: ModelSpec, params: ModelParams): boolean {
  const linears = model.layers.filter((l) => l.kind === 'linear');
  return (
    linears.length === params.length &&
    linears.every(
      (l, i) =>
        params[i]!.weight.length === l.inFeatures * l.outFeatures &&
        params[i]!.bias.length === l.outFeatures,
    )
  );
}

/**
 * The run's first parameters and the epochs already behind them: a resumed run's when they fit the
 * model, else the project's (seeded init) from epoch 0.
 */
export function initialParams(
  request: TrainStart,
  model: ModelSpec,
): { params: ModelParams; epoch: number } {
  const { resume } = request;
  if (resume && fits(model, resume.params)) return resume;
  return { params: paramsFromProject(model, request.weights, request.training.seed), epoch: 0 };
}

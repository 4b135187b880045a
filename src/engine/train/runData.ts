import { type PreparedData, prepareData } from '../data/loadData';
import type { DataFiles } from '../data/source';
import { InputError } from '../errors';
import { compileGraph } from '../model/compile';
import { paramsFromProject } from '../model/init';
import type { ModelParams, ModelSpec } from '../model/spec';
import type { TrainStart } from './trainProtocol';

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

/**
 * The graph compiled against the loaded data: the frozen model the run trains, or an InputError
 * with the first problem (the editor shows them all on the graph).
 */
export function compileForRun(request: TrainStart, data: PreparedData): ModelSpec {
  const { info } = data;
  const outputs =
    info.task === 'classification' ? (info.classes?.length ?? 0) : info.targetNames.length;
  const result = compileGraph(
    request.graph,
    { sampleShape: info.sampleShape, task: info.task, outputs },
    request.training.loss,
  );
  if (result.model) return result.model;
  const first = result.problems.find((p) => p.severity === 'error');
  throw new InputError(
    `the model cannot train yet: ${first?.message ?? 'the graph has a problem'}. Fix it on the graph (the node is marked)`,
  );
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

/** The run's first parameters: the last run's when they fit, else the project's (seeded init). */
export function initialParams(request: TrainStart, model: ModelSpec): ModelParams {
  if (request.params && fits(model, request.params)) return request.params;
  return paramsFromProject(model, request.weights, request.training.seed);
}

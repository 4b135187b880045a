import { type PreparedData, prepareData } from '../data/loadData';
import type { DataFiles } from '../data/source';
import { paramsFromProject } from '../model/init';
import { layerTensors, tensorLayers } from '../model/layers';
import { shapeSize } from '../model/shapeText';
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

/**
 * True when `params` fit the model's layers with tensors one by one (Linear, Conv2d, batch norm):
 * each tensor the size its layer's shape asks for, running statistics where the layer keeps them.
 */
function fits(model: ModelSpec, params: ModelParams): boolean {
  const layers = tensorLayers(model);
  const sized = (values: Float32Array | undefined, shape: readonly number[] | undefined) =>
    shape === undefined ? values === undefined : values?.length === shapeSize(shape);
  return (
    layers.length === params.length &&
    layers.every((layer, i) => {
      const shapes = layerTensors(layer)!.shapes;
      const p = params[i]!;
      return (
        sized(p.weight, shapes.weight) &&
        sized(p.bias, shapes.bias) &&
        sized(p.runningMean, shapes.runningMean) &&
        sized(p.runningVar, shapes.runningVar)
      );
    })
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

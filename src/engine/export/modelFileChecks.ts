import { float32Problem } from '../../shared/numberLimits';
import { valueText } from '../../shared/parseProject';
import { encodedWidth, encodingText } from '../data/tableEncoding';
import { layerOutputShape, layerTensors } from '../model/layers';
import { nodeDefinition } from '../model/nodes';
import type { LayerParams, LayerSpec, ModelParams, ModelSpec } from '../model/spec';
import { flatTensor, shapeBrackets, TensorProblem } from '../model/tensors';
import type { ModelFile, ModelFileLayer } from './modelFileSchema';

/** A problem with one field of a model file: its path (`layers[1].weight[2]`) and what is wrong. */
export class ModelFileProblem extends Error {
  override readonly name = 'ModelFileProblem';
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${field}: ${problem}`);
  }
}

/** The numbers of a list, as float32: each must be a number a float32 holds. */
function float32s(values: readonly unknown[], field: string, out: Float32Array, at = 0): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const problem =
      typeof v === 'number' ? float32Problem(v) : `expected a number but found ${valueText(v)}`;
    if (problem) throw new ModelFileProblem(`${field}[${i}]`, problem);
    out[at + i] = v as number;
  }
}

/** A list of `size` float32 numbers. */
function vector(values: readonly unknown[], size: number, field: string, what: string) {
  if (values.length !== size) {
    throw new ModelFileProblem(
      field,
      `expected ${size} values (${what}) but found ${values.length}`,
    );
  }
  const out = new Float32Array(size);
  float32s(values, field, out);
  return out;
}

const shapeText = (shape: readonly number[]) => `[${shape.join(', ')}]`;

/** The sizes a layer states (a Linear's inFeatures) against the shape that reaches it. */
function checkInferredSizes(layer: LayerSpec, shape: readonly number[], field: string): void {
  const def = nodeDefinition(layer.kind);
  const stated = layer as unknown as Readonly<Record<string, number>>;
  const inferred = def.inferShape(shape, stated);
  if ('error' in inferred) throw new ModelFileProblem(field, inferred.error);
  // The node's own parameters only: the sizes the layer infers (a Conv2d's inChannels) must come
  // from the shape, not from the file's statement of them, or they would check against themselves.
  const params = Object.fromEntries(def.params.map((d) => [d.key, stated[d.key]!]));
  const expected = def.toLayer(layer.nodeId, shape, params) as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(expected)) {
    if (stated[key] !== value) {
      throw new ModelFileProblem(
        field,
        `a ${def.label} with ${key} ${String(stated[key])} receives ${shapeText(shape)} from the layers before it, which makes ${key} ${String(value)}`,
      );
    }
  }
}

/** A layer's tensors, each against the shape its sizes give. */
function layerParams(layer: LayerSpec, fileLayer: unknown, field: string): LayerParams {
  const { shapes } = layerTensors(layer)!;
  const given = fileLayer as Record<string, unknown>;
  const out: Record<string, Float32Array> = {};
  for (const [name, shape] of Object.entries(shapes)) {
    if (!shape) continue;
    try {
      out[name] = flatTensor(given[name], shape);
    } catch (err) {
      if (!(err instanceof TensorProblem)) throw err;
      const label = nodeDefinition(layer.kind).label;
      throw new ModelFileProblem(
        `${field}.${name}${err.path}`,
        `${err.problem} (${name} is ${shapeBrackets(shape)} in this ${label})`,
      );
    }
  }
  // A variance below 0 would be the square root of a negative number: NaN outputs everywhere.
  const bad = out.runningVar?.findIndex((v) => v < 0) ?? -1;
  if (bad >= 0) {
    throw new ModelFileProblem(
      `${field}.runningVar[${bad}]`,
      `a running variance cannot be below 0 but is ${out.runningVar![bad]} (batch norm divides by its square root)`,
    );
  }
  return out as unknown as LayerParams;
}

/** The layers as a model: each layer's sizes and tensors against the shape that reaches it. */
function layersOf(file: ModelFile): { model: ModelSpec; params: ModelParams; output: number[] } {
  const layers: LayerSpec[] = [];
  const params: ModelParams = [];
  let shape: readonly number[] = file.inputShape;
  file.layers.forEach((fileLayer, i) => {
    const field = `layers[${i}]`;
    const {
      weight: _w,
      bias: _b,
      runningMean: _m,
      runningVar: _v,
      ...sizes
    } = fileLayer as ModelFileLayer & Record<string, unknown>;
    const layer = { ...sizes, nodeId: fileLayer.nodeId ?? `layer${i}` } as LayerSpec;
    checkInferredSizes(layer, shape, field);
    if (layerTensors(layer)) params.push(layerParams(layer, fileLayer, field));
    layers.push(layer);
    shape = layerOutputShape(layer, shape);
  });
  return { model: { inputShape: [...file.inputShape], layers }, params, output: [...shape] };
}

/**
 * A table's column encodings against its feature columns (one each, same names) and the model's
 * input (as many values as the encodings make); a fill must be one of the categories.
 */
function checkColumns(file: ModelFile, size: number): void {
  const columns = file.preprocessing.columns!;
  const features = file.preprocessing.features ?? [];
  const names = columns.map((c) => c.name);
  if (names.join('\n') !== features.join('\n')) {
    throw new ModelFileProblem(
      'preprocessing.columns',
      `encode the columns ${names.join(', ')} but the model reads the columns ${features.join(', ')}: one encoding per feature column, in the same order`,
    );
  }
  const width = columns.reduce((w, c) => w + encodedWidth(c), 0);
  if (file.inputShape.length !== 1 || width !== size) {
    throw new ModelFileProblem(
      'preprocessing.columns',
      `make ${width} input values (${encodingText(columns)}) but the model takes samples of shape ${shapeText(file.inputShape)}`,
    );
  }
  columns.forEach((c, i) => {
    if (c.kind === 'category' && c.fill !== undefined && !c.categories.includes(c.fill)) {
      throw new ModelFileProblem(
        `preprocessing.columns[${i}].fill`,
        `${JSON.stringify(c.fill)} is not one of the categories of "${c.name}"`,
      );
    }
  });
}

/** The statistics and feature list against the model's input: one of each per input value. */
function checkPreprocessing(file: ModelFile): void {
  const prep = file.preprocessing;
  const size = file.inputShape.reduce((a, b) => a * b, 1);
  const field = (name: string) => `preprocessing.${name}`;
  if (prep.columns !== undefined) checkColumns(file, size);
  else if (prep.features !== undefined) {
    if (file.inputShape.length !== 1 || prep.features.length !== size) {
      throw new ModelFileProblem(
        field('features'),
        `names ${prep.features.length} columns but the model takes samples of shape ${shapeText(file.inputShape)}`,
      );
    }
  }
  const pairs =
    prep.kind === 'standardize'
      ? ([
          ['mean', prep.mean],
          ['std', prep.std],
        ] as const)
      : prep.kind === 'minmax'
        ? ([
            ['min', prep.min],
            ['max', prep.max],
          ] as const)
        : [];
  const values: Record<string, Float32Array> = {};
  for (const [name, list] of pairs) {
    values[name] = vector(
      list,
      size,
      field(name),
      `one per input value of ${shapeText(file.inputShape)}`,
    );
  }
  if (prep.kind === 'standardize') {
    const bad = values.std!.findIndex((s) => !(s > 0));
    if (bad >= 0) {
      throw new ModelFileProblem(
        `${field('std')}[${bad}]`,
        `a standard deviation must be above 0 but is ${prep.std[bad]} (the inputs are divided by it)`,
      );
    }
  }
  if (prep.kind === 'minmax') {
    const bad = values.max!.findIndex((m, j) => !(m >= values.min![j]!));
    if (bad >= 0) {
      throw new ModelFileProblem(
        `${field('max')}[${bad}]`,
        `the maximum ${prep.max[bad]} is below the minimum ${prep.min[bad]}`,
      );
    }
  }
}

/** The class or target names against the model's outputs. */
function checkOutputs(file: ModelFile, output: readonly number[]): void {
  if (output.length !== 1) {
    throw new ModelFileProblem(
      `layers[${file.layers.length - 1}]`,
      `the model ends with samples of shape ${shapeText(output)}, not one value per class or target (end it with a Flatten or a Linear)`,
    );
  }
  const outputs = output[0]!;
  if (file.task === 'classification') {
    if (file.classes === undefined) {
      throw new ModelFileProblem(
        'classes',
        `missing: a classification model names its ${outputs} classes`,
      );
    }
    if (file.classes.length !== outputs) {
      throw new ModelFileProblem(
        'classes',
        `names ${file.classes.length} classes but the model gives ${outputs} outputs, one per class`,
      );
    }
  } else if (file.targets !== undefined && file.targets.length !== outputs) {
    throw new ModelFileProblem(
      'targets',
      `names ${file.targets.length} targets but the model gives ${outputs} outputs, one per target`,
    );
  }
}

/** The metrics one per class or target, and each epoch's confusion matrix classes x classes. */
function checkMetrics({ metrics }: ModelFile, outputs: number): void {
  const per = metrics.classification?.classes ?? metrics.regression?.targets;
  const field = metrics.classification
    ? 'metrics.classification.classes'
    : 'metrics.regression.targets';
  if (per && per.length !== outputs) {
    throw new ModelFileProblem(
      field,
      `holds ${per.length} entries but the model gives ${outputs} outputs: expected one per output (leave them out or fix them)`,
    );
  }
  metrics.history?.forEach(({ confusionMatrix: matrix }, i) => {
    if (matrix && (matrix.length !== outputs || matrix.some((row) => row.length !== outputs))) {
      throw new ModelFileProblem(
        `metrics.history[${i}].confusionMatrix`,
        `expected ${outputs} rows of ${outputs} counts, one per class: leave it out or fix its size`,
      );
    }
  });
}

/**
 * The model and parameters a model file holds, after checking that its parts fit together: each
 * layer's sizes (a Linear's inFeatures, a Conv2d's inChannels, a batch norm's numFeatures) against
 * the shape reaching it, each tensor against those sizes, every weight and statistic a float32
 * (running variances 0 or more), the normalisation statistics and the feature list one per
 * input value (standard deviations above 0), and the classes or targets (and their metrics) one
 * per output. A ModelFileProblem names the first field that does not fit.
 */
export function checkedModel(file: ModelFile): {
  model: ModelSpec;
  params: ModelParams;
  /** Values per sample out: one per class or target. */
  outputs: number;
} {
  const { model, params, output } = layersOf(file);
  checkPreprocessing(file);
  checkOutputs(file, output);
  checkMetrics(file, output[0]!);
  return { model, params, outputs: output[0]! };
}

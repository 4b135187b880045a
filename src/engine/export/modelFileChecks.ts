import { FLOAT32_MAX } from '../../shared/numberLimits';
import { valueText } from '../../shared/parseProject';
import { nodeDefinition } from '../model/nodes';
import type { LayerSpec, ModelParams, ModelSpec } from '../model/spec';
import type { ModelFile } from './modelFileSchema';

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
    if (typeof v !== 'number' || !(Math.abs(v) <= FLOAT32_MAX)) {
      throw new ModelFileProblem(
        `${field}[${i}]`,
        typeof v === 'number'
          ? `${v} is beyond what a float32 holds (at most ${FLOAT32_MAX.toExponential(1)} in size)`
          : `expected a number but found ${valueText(v)}`,
      );
    }
    out[at + i] = v;
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

/** A `[rows][cols]` matrix of float32 numbers, row-major. */
function matrix(values: readonly unknown[], rows: number, cols: number, field: string) {
  const shape = `${rows} rows of ${cols} values ([outFeatures][inFeatures])`;
  if (values.length !== rows) {
    throw new ModelFileProblem(field, `expected ${shape} but found ${values.length} rows`);
  }
  const out = new Float32Array(rows * cols);
  values.forEach((row, r) => {
    if (!Array.isArray(row) || row.length !== cols) {
      const found = Array.isArray(row) ? `${row.length} values` : valueText(row);
      throw new ModelFileProblem(`${field}[${r}]`, `expected ${shape} but found ${found}`);
    }
    float32s(row, `${field}[${r}]`, out, r * cols);
  });
  return out;
}

const shapeText = (shape: readonly number[]) => `[${shape.join(', ')}]`;

/** The layers as a model, each Linear's size against the shape that reaches it. */
function layersOf(file: ModelFile): { model: ModelSpec; params: ModelParams; output: number[] } {
  const layers: LayerSpec[] = [];
  const params: ModelParams = [];
  let shape: readonly number[] = file.inputShape;
  file.layers.forEach((layer, i) => {
    const field = `layers[${i}]`;
    const id = layer.nodeId ?? `layer${i}`;
    if (layer.kind === 'linear') {
      const { inFeatures: n, outFeatures: m } = layer;
      if (shape.length !== 1 || shape[0] !== n) {
        throw new ModelFileProblem(
          field,
          `a Linear with inFeatures ${n} receives ${shapeText(shape)} from the layers before it`,
        );
      }
      params.push({
        weight: matrix(layer.weight, m, n, `${field}.weight`),
        bias: vector(layer.bias, m, `${field}.bias`, 'one per output'),
      });
      layers.push({ kind: 'linear', inFeatures: n, outFeatures: m, nodeId: id });
      shape = [m];
      return;
    }
    const def = nodeDefinition(layer.kind);
    const inferred = def.inferShape(shape, def.defaults);
    if ('error' in inferred) throw new ModelFileProblem(field, inferred.error);
    layers.push({ ...layer, nodeId: id } as LayerSpec);
    shape = inferred.shape;
  });
  return { model: { inputShape: [...file.inputShape], layers }, params, output: [...shape] };
}

/** The statistics and feature list against the model's input: one of each per input value. */
function checkPreprocessing(file: ModelFile): void {
  const prep = file.preprocessing;
  const size = file.inputShape.reduce((a, b) => a * b, 1);
  const field = (name: string) => `preprocessing.${name}`;
  if (prep.features !== undefined) {
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

/**
 * The model and parameters a model file holds, after checking that its parts fit together: each
 * Linear's size against the shape reaching it, each weight matrix and bias against those sizes,
 * every weight and statistic a float32, the normalisation statistics and the feature list one per
 * input value (standard deviations above 0), and the classes or targets one per output. A
 * ModelFileProblem names the first field that does not fit.
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
  return { model, params, outputs: output[0]! };
}

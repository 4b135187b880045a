// The model file of docs/DESIGN.md: its schema, and the functions that build it from a trained
// model, write it as JSON, parse and validate it on load, and unpack it into a model and its
// parameters.
import { z } from 'zod';
import { describeIssues } from '../../shared/parseProject';
import { datasetRefSchema, trainingSchema } from '../../shared/project';
import { InputError } from '../errors';
import { nodeDefinition } from '../model/nodes';
import type { LayerSpec, ModelParams, ModelSpec } from '../model/spec';
import { shortestFloat32 } from './numberText';

/**
 * The model file (`*.model.json`, "export as JSON") of docs/DESIGN.md: the trained Sequential
 * model with its weights in PyTorch's layout, what was done to raw inputs, how it was trained and
 * what it measured. Written by `layerboard train` and the app, read by `eval`, `predict`, `export`.
 */
export const MODEL_FORMAT = 'layerboard/model';
export const MODEL_VERSION = 1;

const finite = z.number().finite();
const size = z.number().int().positive();
const nodeId = z.string().min(1).optional();

const layerSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('linear'),
    nodeId,
    inFeatures: size,
    outFeatures: size,
    /** `[outFeatures][inFeatures]`, as nn.Linear.weight. */
    weight: z.array(z.array(finite)),
    bias: z.array(finite),
  }),
  z.object({ kind: z.literal('flatten'), nodeId }),
  z.object({ kind: z.literal('relu'), nodeId }),
  z.object({ kind: z.literal('sigmoid'), nodeId }),
  z.object({ kind: z.literal('tanh'), nodeId }),
  z.object({ kind: z.literal('leakyRelu'), nodeId, negativeSlope: finite.min(0) }),
  z.object({ kind: z.literal('softmax'), nodeId }),
  z.object({ kind: z.literal('dropout'), nodeId, p: finite.min(0).lt(1) }),
]);

const preprocessingSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('standardize'), mean: z.array(finite), std: z.array(finite) }),
  z.object({ kind: z.literal('minmax'), min: z.array(finite), max: z.array(finite) }),
]);
const rawInputSchema = z.object({
  imageScale: finite.positive().optional(),
  features: z.array(z.string()).readonly().optional(),
});

const epochMetricsSchema = z.object({
  epoch: size,
  loss: finite,
  valLoss: finite.optional(),
  accuracy: finite.optional(),
});

export const modelFileSchema = z.object({
  format: z.literal(MODEL_FORMAT),
  version: z.literal(MODEL_VERSION),
  name: z.string().optional(),
  inputShape: z.array(size).min(1),
  layers: z.array(layerSchema).min(1),
  task: z.enum(['regression', 'classification']),
  /** Class names in label order (classification). */
  classes: z.array(z.string()).optional(),
  /** Target column names (regression). */
  targets: z.array(z.string()).optional(),
  preprocessing: z.intersection(rawInputSchema, preprocessingSchema),
  training: trainingSchema.extend({
    dataset: datasetRefSchema,
    backend: z.enum(['webgpu', 'cpu']).optional(),
  }),
  metrics: z.object({
    epochs: z.number().int().min(0),
    loss: finite.optional(),
    valLoss: finite.optional(),
    accuracy: finite.optional(),
    accuracyOn: z.enum(['validation', 'training']).optional(),
    history: z.array(epochMetricsSchema).optional(),
  }),
});

export type ModelFile = z.infer<typeof modelFileSchema>;
export type ModelFileLayer = ModelFile['layers'][number];

/**
 * A float32 as the shortest decimal that reads back as the same float32 (`0.1`, not
 * `0.10000000149011612`): half the file, and `Float32Array.from` restores every bit.
 */
const shortest = (value: number) => Number(shortestFloat32(value));

/** A layer of the file from a layer of the model, with its parameters as nested lists. */
function fileLayer(
  spec: LayerSpec,
  params: ModelParams,
  linearIndex: () => number,
): ModelFileLayer {
  if (spec.kind !== 'linear') return { ...spec };
  const { weight, bias } = params[linearIndex()]!;
  const rows = Array.from({ length: spec.outFeatures }, (_, o) =>
    Array.from(weight.subarray(o * spec.inFeatures, (o + 1) * spec.inFeatures), shortest),
  );
  return { ...spec, weight: rows, bias: Array.from(bias, shortest) };
}

/** Everything but the layers, which come from the model and its trained parameters. */
export type ModelFileInfo = Omit<ModelFile, 'format' | 'version' | 'inputShape' | 'layers'>;

/**
 * Builds the model file of a trained model.
 *
 * @example
 * const file = buildModelFile(model, await session.getParams(), { task: 'regression', ... });
 * await writeFile('crops.model.json', modelFileText(file));
 */
export function buildModelFile(
  model: ModelSpec,
  params: ModelParams,
  info: ModelFileInfo,
): ModelFile {
  let next = 0;
  return {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    ...(info.name === undefined ? {} : { name: info.name }),
    inputShape: [...model.inputShape],
    layers: model.layers.map((spec) => fileLayer(spec, params, () => next++)),
    ...info,
  };
}

/** A JSON number or a string without quotes or backslashes inside, as JSON.stringify writes them. */
const SCALAR = String.raw`(?:-?[\d.eE+-]+|"[^"\\]*")`;
const SCALAR_LIST = new RegExp(String.raw`\[\s+(${SCALAR}(?:,\s+${SCALAR})*)\s+\]`, 'g');

/** The file as JSON text: indented, with each list of numbers or names on one line. */
export function modelFileText(file: ModelFile): string {
  const text = JSON.stringify(file, null, 2);
  return `${text.replace(SCALAR_LIST, (_, list: string) => `[${list.replace(/,\s+/g, ', ')}]`)}\n`;
}

/** Validates a parsed model file; an InputError names the first bad field. */
export function parseModelFile(raw: unknown): ModelFile {
  if (typeof raw === 'object' && raw !== null && 'format' in raw && raw.format !== MODEL_FORMAT) {
    throw new InputError(
      `format: expected "${MODEL_FORMAT}" but found ${JSON.stringify(raw.format)}: this is not a Layerboard model file (a project file is trained with \`layerboard train\`)`,
    );
  }
  const result = modelFileSchema.safeParse(raw);
  if (!result.success) {
    throw new InputError(
      `${describeIssues(result.error)}: this model file is damaged or from another program`,
    );
  }
  return result.data;
}

/** Parses model file text (JSON) and validates it. */
export function parseModelFileText(text: string): ModelFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new InputError(`not valid JSON (${(err as Error).message})`);
  }
  return parseModelFile(raw);
}

/**
 * The model and parameters a file holds, after checking that its layers fit together (each
 * Linear's size against the shape reaching it, each weight matrix against its sizes).
 */
export function modelFromFile(file: ModelFile): { model: ModelSpec; params: ModelParams } {
  const layers: LayerSpec[] = [];
  const params: ModelParams = [];
  let shape: readonly number[] = file.inputShape;
  file.layers.forEach((layer, i) => {
    const where = `layers[${i}]`;
    const id = layer.nodeId ?? `layer${i}`;
    if (layer.kind === 'linear') {
      const { inFeatures: n, outFeatures: m, weight, bias } = layer;
      if (shape.length !== 1 || shape[0] !== n) {
        throw new InputError(
          `${where}: a Linear with inFeatures ${n} receives [${shape.join(', ')}] from the layers before it: the model file is inconsistent`,
        );
      }
      const badRow = weight.findIndex((row) => row.length !== n);
      if (weight.length !== m || badRow >= 0) {
        throw new InputError(
          `${where}.weight: expected ${m} rows of ${n} values ([outFeatures][inFeatures])`,
        );
      }
      if (bias.length !== m) throw new InputError(`${where}.bias: expected ${m} values`);
      params.push({ weight: Float32Array.from(weight.flat()), bias: Float32Array.from(bias) });
      layers.push({ kind: 'linear', inFeatures: n, outFeatures: m, nodeId: id });
      shape = [m];
      return;
    }
    const spec = { ...layer, nodeId: id } as LayerSpec;
    const def = nodeDefinition(layer.kind);
    const inferred = def.inferShape(shape, def.defaults);
    if ('error' in inferred) throw new InputError(`${where}: ${inferred.error}`);
    layers.push(spec);
    shape = inferred.shape;
  });
  return { model: { inputShape: [...file.inputShape], layers }, params };
}

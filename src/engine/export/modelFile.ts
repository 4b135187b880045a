/**
 * The model file of docs/DESIGN.md in use: built from a trained model, written as JSON, parsed and
 * validated on load, and unpacked back into a model and its parameters. Its schema and types are
 * in modelFileSchema.ts, and re-exported here, where the readers and writers import them from.
 */
import { describeIssues } from '../../shared/parseProject';
import { InputError } from '../errors';
import { nodeDefinition } from '../model/nodes';
import type { LayerSpec, ModelParams, ModelSpec } from '../model/spec';
import {
  MODEL_FORMAT,
  MODEL_VERSION,
  type ModelFile,
  type ModelFileLayer,
  modelFileSchema,
} from './modelFileSchema';
import { shortestFloat32 } from './numberText';

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

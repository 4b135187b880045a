// The model file of docs/DESIGN.md (its schema is modelFileSchema.ts): the functions that build
// it from a trained model, write it as JSON, parse and check it on load, and unpack it into a
// model and its parameters.
import { describeIssues, valueText } from '../../shared/parseProject';
import { PROJECT_FORMAT } from '../../shared/project';
import { InputError } from '../errors';
import { layerTensors } from '../model/layers';
import type { LayerParams, LayerSpec, ModelParams, ModelSpec } from '../model/spec';
import { nestedTensor } from '../model/tensors';
import { JsonParser, JsonSyntaxError } from './jsonStream';
import { jsonPieces, NotFiniteError } from './jsonWrite';
import { checkedModel, ModelFileProblem } from './modelFileChecks';
import {
  MODEL_FORMAT,
  MODEL_VERSION,
  type ModelFile,
  type ModelFileLayer,
  modelFileSchema,
} from './modelFileSchema';
import { shortestFloat32 } from './numberText';

export { MODEL_FORMAT, MODEL_VERSION, type ModelFile, type ModelFileLayer };

/**
 * A float32 as the shortest decimal that reads back as the same float32 (`0.1`, not
 * `0.10000000149011612`): half the file, and `Float32Array.from` restores every bit.
 */
const shortest = (value: number) => Number(shortestFloat32(value));

/** A layer of the file from a layer of the model, with its tensors as nested lists. */
function fileLayer(
  spec: LayerSpec,
  params: ModelParams,
  tensorIndex: () => number,
): ModelFileLayer {
  const tensors = layerTensors(spec);
  if (!tensors) return { ...spec } as ModelFileLayer;
  const given = params[tensorIndex()]!;
  const nested: Record<string, unknown> = {};
  for (const [name, shape] of Object.entries(tensors.shapes)) {
    const flat = given[name as keyof LayerParams];
    if (shape && flat) nested[name] = nestedTensor(flat, shape, shortest);
  }
  return { ...spec, ...nested } as ModelFileLayer;
}

/** Everything but the layers, which come from the model and its trained parameters. */
export type ModelFileInfo = Omit<ModelFile, 'format' | 'version' | 'inputShape' | 'layers'>;

/**
 * Builds the model file of a trained model.
 *
 * @example
 * const file = buildModelFile(model, await session.getParams(), { task: 'regression', ... });
 * for (const piece of modelFilePieces(file)) stream.write(piece);
 */
export function buildModelFile(
  model: ModelSpec,
  params: ModelParams,
  info: ModelFileInfo,
): ModelFile {
  let next = 0;
  // A whole model file given as `info` (the settings of another file) must not bring its own
  // layers or input shape over the model's.
  const {
    format: _format,
    version: _version,
    inputShape: _inputShape,
    layers: _layers,
    ...rest
  } = info as ModelFileInfo & Partial<ModelFile>;
  return {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    ...(info.name === undefined ? {} : { name: info.name }),
    inputShape: [...model.inputShape],
    layers: model.layers.map((spec) => fileLayer(spec, params, () => next++)),
    ...rest,
  };
}

/**
 * The model file as JSON text in pieces (indented, each list of numbers or names on one line; see
 * jsonWrite.ts), to be written one after another, so that a model of any size can be saved. A
 * number that is not finite (a diverged run's weights) is an InputError, never a `null` in the file.
 *
 * @example
 * for (const piece of modelFilePieces(file)) stream.write(piece);
 */
export function* modelFilePieces(file: ModelFile): Generator<string> {
  try {
    yield* jsonPieces(file);
    yield '\n';
  } catch (err) {
    if (!(err instanceof NotFiniteError)) throw err;
    const why = /^layers\[\d+\]\.(weight|bias)/.test(err.path)
      ? 'the trained weights are not numbers: training diverged'
      : 'a model file holds finite numbers only';
    throw new InputError(
      `cannot write the model file: ${err.path} is ${String(err.value)}, and ${why}. Lower the learning rate and train again`,
    );
  }
}

/** The model file as one JSON text (see modelFilePieces), for a file small enough to be a string. */
export function modelFileText(file: ModelFile): string {
  return [...modelFilePieces(file)].join('');
}

/** What to do about a model file whose content does not read. */
const REWRITE =
  'the file was changed by hand or is damaged: export the model again from Layerboard, or train it again (layerboard train)';

/** What a model file is, for a file that is not one. */
export const GIVE_MODEL_FILE =
  'give a model file (*.model.json) as layerboard train or the app\'s "Export model JSON" writes it';

/** An InputError about a model file, naming it first when its name is known. */
export function modelFileError(problem: string, name: string | undefined): InputError {
  return new InputError(name === undefined ? problem : `"${name}": ${problem}`);
}

/** The format and version: another kind of file, or a file from a newer Layerboard. */
function checkFormat(raw: object, name: string | undefined): void {
  const { format, version } = raw as { format?: unknown; version?: unknown };
  if (format === PROJECT_FORMAT) {
    throw modelFileError(
      `format: expected "${MODEL_FORMAT}" but found "${PROJECT_FORMAT}": this is a Layerboard project file, not a model file: train it (layerboard train) and give the model file that writes`,
      name,
    );
  }
  if (format !== MODEL_FORMAT) {
    throw modelFileError(
      `format: expected "${MODEL_FORMAT}" but found ${valueText(format)}: this is not a Layerboard model file; ${GIVE_MODEL_FILE}`,
      name,
    );
  }
  if (typeof version === 'number' && Number.isInteger(version) && version > MODEL_VERSION) {
    throw modelFileError(
      `version: this model file was written by a newer Layerboard (version ${version}; this one reads up to ${MODEL_VERSION}): update Layerboard to open it`,
      name,
    );
  }
}

/**
 * Validates a parsed model file: its format and version, every field's type and range, and that
 * its parts fit together (modelFileChecks.ts: layers, weight shapes, statistics and feature list
 * against the input, classes or targets against the outputs, every number a float32). The one
 * check that `predict`, `eval`, `export` and the app make of a model file they read. An
 * InputError names the file (when `name` is given), the field, and what to do.
 *
 * @example
 * const file = parseModelFile(JSON.parse(text), 'crops.model.json');
 */
export function parseModelFile(raw: unknown, name?: string): ModelFile {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw modelFileError(
      `a model file holds a JSON object, and this one holds ${valueText(raw)}: ${GIVE_MODEL_FILE}`,
      name,
    );
  }
  checkFormat(raw, name);
  const result = modelFileSchema.safeParse(raw, { reportInput: true });
  if (!result.success) throw modelFileError(`${describeIssues(result.error)}: ${REWRITE}`, name);
  try {
    checkedModel(result.data);
  } catch (err) {
    if (err instanceof ModelFileProblem) throw modelFileError(`${err.message}: ${REWRITE}`, name);
    throw err;
  }
  return result.data;
}

/** The value of JSON text given in pieces, or an InputError saying where it is not JSON. */
function parseJsonPieces(pieces: Iterable<string>, name?: string): unknown {
  const parser = new JsonParser();
  try {
    for (const piece of pieces) parser.push(piece);
    return parser.end();
  } catch (err) {
    if (err instanceof JsonSyntaxError) {
      throw modelFileError(`${err.message}: ${GIVE_MODEL_FILE}`, name);
    }
    throw err;
  }
}

/** Parses model file text (JSON) and validates it (parseModelFile). */
export function parseModelFileText(text: string, name?: string): ModelFile {
  return parseModelFile(parseJsonPieces([text], name), name);
}

/**
 * The model and parameters a model file holds, and its number of outputs, its parts checked to
 * fit together (modelFileChecks.ts); an InputError names the first field that does not.
 */
export function modelFromFile(file: ModelFile): {
  model: ModelSpec;
  params: ModelParams;
  outputs: number;
} {
  try {
    return checkedModel(file);
  } catch (err) {
    if (err instanceof ModelFileProblem) throw new InputError(err.message);
    throw err;
  }
}

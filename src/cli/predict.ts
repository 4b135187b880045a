import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { imageSize } from '../engine/data/dataset';
import { imageSample, isImageName } from '../engine/data/imageFolder';
import { nodeFileSource } from '../engine/data/nodeFiles.node.ts';
import { InputError } from '../engine/errors';
import type { ModelFile } from '../engine/export/modelFile';
import { shortestFloat32 } from '../engine/export/numberText';
import { createPredictor } from '../engine/export/predict';
import { readPredictInputs } from '../engine/export/predictInput';
import { onePositional, parseCommandArgs } from './args';
import { readModel } from './files';
import type { Output } from './train';

export const PREDICT_USAGE =
  'layerboard predict <model.json> --input <file.csv, or an image for an image model> [--header]';

/** The names of the model's outputs: its classes or its target columns. */
function outputNames(
  classes: readonly string[] | undefined,
  targets: readonly string[] | undefined,
  size: number,
) {
  const names = classes ?? targets ?? [];
  return names.length === size ? names : Array.from({ length: size }, (_, i) => `output ${i + 1}`);
}

/** A CSV cell: quoted when it holds a comma, a quote or a line break. */
const csvCell = (text: string) => (/[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

/**
 * A PNG or JPEG as one sample of an image model: made the model's size and channels as an image
 * folder's files are (decoded, grey or RGB, resized with Pillow's bilinear filter), raw 0..255.
 */
async function readImageInput(path: string, name: string, file: ModelFile) {
  const size = imageSize(file.inputShape);
  if (!size || file.preprocessing.imageScale === undefined) {
    throw new InputError(
      `--input ${name}: an image, but this model takes ${file.inputShape.join(' x ')} numbers from a table: give a CSV file`,
    );
  }
  const pixels = imageSample(name, new Uint8Array(await readFile(path)), size);
  return { x: Float32Array.from(pixels), count: 1 };
}

/**
 * `layerboard predict`: the model's outputs for each row of a CSV file of raw inputs, one CSV row
 * per input row on stdout (class probabilities or scores, or the predicted targets), each value
 * the shortest decimal of its float32; or for one PNG or JPEG image given to an image model, its
 * one row. `--header` adds a first line naming the outputs.
 */
export async function predictCommand(args: readonly string[], io: Output): Promise<void> {
  const { values, positionals } = parseCommandArgs(
    args,
    { input: { type: 'string' }, header: { type: 'boolean' } },
    PREDICT_USAGE,
  );
  const modelPath = onePositional(positionals, 'the model file', PREDICT_USAGE);
  if (values.input === undefined) throw new InputError(`missing --input: usage: ${PREDICT_USAGE}`);
  const file = await readModel(modelPath);
  const inputPath = resolve(values.input);
  if (!existsSync(inputPath)) {
    throw new InputError(`cannot find the input file "${values.input}": check the path`);
  }
  const predictor = createPredictor(file);
  const { x, count } = isImageName(inputPath)
    ? await readImageInput(inputPath, values.input, file)
    : await readPredictInputs(nodeFileSource(inputPath, values.input), file);
  const y = predictor.predict(x, count);
  const width = predictor.outputSize;
  const lines: string[] = [];
  if (values.header)
    lines.push(outputNames(file.classes, file.targets, width).map(csvCell).join(','));
  for (let r = 0; r < count; r++) {
    lines.push(Array.from(y.subarray(r * width, (r + 1) * width), shortestFloat32).join(','));
  }
  io.out(lines.join('\n'));
}

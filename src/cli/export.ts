import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError } from '../engine/errors';
import { EXPORT_FORMATS, exportModel } from '../engine/export/exportFormats';
import { parseModelFileText } from '../engine/export/modelFile';
import { choiceOption, onePositional, parseCommandArgs } from './args';
import { checkWritable, readTextFile } from './files';
import type { Output } from './train';

export const EXPORT_USAGE = 'layerboard export <model.json> --format json|pytorch|onnx --out FILE';

/** Writes the whole file or nothing: a temporary file beside it first, then renamed over it. */
async function writeAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    await writeFile(temporary, data);
    await rename(temporary, path);
  } catch (err) {
    await rm(temporary, { force: true });
    throw new InputError(`cannot write "${path}" (${(err as Error).message})`);
  }
}

/**
 * `layerboard export`: a model file as model JSON (validated and rewritten), a PyTorch script
 * (importing it defines `model`, running it trains further) or an ONNX model; each takes raw
 * inputs, the preprocessing included.
 */
export async function exportCommand(args: readonly string[], io: Output): Promise<void> {
  const { values, positionals } = parseCommandArgs(
    args,
    { format: { type: 'string' }, out: { type: 'string' } },
    EXPORT_USAGE,
  );
  const modelPath = onePositional(positionals, 'the model file', EXPORT_USAGE);
  const format = choiceOption('format', values.format, EXPORT_FORMATS);
  if (format === undefined) throw new InputError(`missing --format: usage: ${EXPORT_USAGE}`);
  if (values.out === undefined) throw new InputError(`missing --out: usage: ${EXPORT_USAGE}`);
  const outPath = resolve(values.out);
  checkWritable(outPath, '--out');
  const file = parseModelFileText(await readTextFile(modelPath, 'model file'));
  await writeAtomic(outPath, exportModel(file, format, basename(outPath)));
  io.err(`wrote ${outPath}`);
}

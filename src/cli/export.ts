import { basename, resolve } from 'node:path';
import { InputError } from '../engine/errors';
import { EXPORT_FORMATS, exportPieces } from '../engine/export/exportFormats';
import { choiceOption, onePositional, parseCommandArgs } from './args';
import { checkOutput, readModel, writeFileAtomic } from './files';
import type { Output } from './train';

export const EXPORT_USAGE = 'layerboard export <model.json> --format json|pytorch|onnx --out FILE';

/**
 * `layerboard export`: a model file as model JSON (validated and rewritten), a PyTorch script
 * (importing it defines `model`, running it trains further) or an ONNX model; each takes raw
 * inputs, the preprocessing included. `--out` may not name the model file it reads.
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
  checkOutput(outPath, '--out', [{ path: modelPath, what: 'the model file being exported' }]);
  const file = await readModel(modelPath);
  await writeFileAtomic(outPath, exportPieces(file, format, basename(outPath)));
  io.err(`wrote ${outPath}`);
}

import type { DataSource } from '../data/source';
import { binaryKind } from '../data/textDecode';
import { JsonParser, JsonSyntaxError } from './jsonStream';
import { GIVE_MODEL_FILE, type ModelFile, modelFileError, parseModelFile } from './modelFile';

/**
 * Reads and checks a model file from a source, streaming: its bytes are decoded and parsed piece
 * by piece (jsonStream.ts), so a file of any size that Layerboard wrote reads back, then the
 * value is checked by parseModelFile. A file that is not a model file (an image, an archive, an
 * IDX file, text that is not JSON or not UTF-8) is an InputError saying what it seems to be and
 * what to give instead; every error names the file.
 *
 * @example
 * const file = await readModelFile(nodeFileSource('crops.model.json'));
 */
export async function readModelFile(source: DataSource): Promise<ModelFile> {
  const { name } = source;
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  const decode = (chunk?: Uint8Array): string => {
    try {
      return chunk ? utf8.decode(chunk, { stream: true }) : utf8.decode();
    } catch {
      throw modelFileError(`this is not UTF-8 text, so not a model file: ${GIVE_MODEL_FILE}`, name);
    }
  };
  const parser = new JsonParser();
  let first = true;
  try {
    for await (const chunk of source.chunks()) {
      if (first && chunk.length > 0) {
        first = false;
        const kind = binaryKind(chunk);
        if (kind) {
          throw modelFileError(
            `this looks like ${kind}, not a model file: ${GIVE_MODEL_FILE}`,
            name,
          );
        }
      }
      parser.push(decode(chunk));
    }
    parser.push(decode());
    if (first) throw modelFileError(`the file is empty: ${GIVE_MODEL_FILE}`, name);
    return parseModelFile(parser.end(), name);
  } catch (err) {
    if (err instanceof JsonSyntaxError) {
      throw modelFileError(`${err.message}: ${GIVE_MODEL_FILE}`, name);
    }
    throw err;
  }
}

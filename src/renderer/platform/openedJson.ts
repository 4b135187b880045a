import { binaryKind } from '../../engine';
import type { OpenedFile } from './platform';

/** Bytes looked at to tell what a file seems to be. */
const SNIFF_BYTES = 4096;

/** What a file seems to be, and where Layerboard opens such a file, if it does. */
interface Seems {
  readonly what: string;
  readonly elsewhere?: string;
}

const DATA = 'Datasets are imported in the Dataset panel (Import dataset…).';

/**
 * What a file opened as a Layerboard JSON file seems to be instead, from its first bytes: an
 * ONNX model, an image, an archive (binaryKind), binary data, a CSV table, a Python script
 * (the PyTorch export), markup; undefined when it may be JSON, so that the JSON parser speaks.
 *
 * @example
 * seemsToBe(new TextEncoder().encode('x,y\n1,2\n')); // { what: 'a table of values (CSV)', ... }
 */
export function seemsToBe(bytes: Uint8Array): Seems | undefined {
  const binary = binaryKind(bytes.subarray(0, 16));
  if (binary) return { what: binary };
  let text: string;
  try {
    // `stream: true`: a character cut at the end of the sample is not an error.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, SNIFF_BYTES), {
      stream: true,
    });
  } catch {
    return { what: 'binary data (it is not UTF-8 text)' };
  }
  // Control characters other than tab and line breaks: binary data that happens to decode.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point.
  if (/[\0-\x08\x0b\x0c\x0e-\x1f]/.test(text)) return { what: 'binary data' };
  const start = text.trimStart();
  if (start === '') return { what: 'an empty file' };
  if (start.startsWith('{') || start.startsWith('[')) return undefined;
  if (/^(import |from \S+ import |#|""")/.test(start)) {
    return { what: 'a Python script (the PyTorch export is one)' };
  }
  if (start.startsWith('<')) return { what: 'an HTML or XML document' };
  const firstLine = start.split(/\r?\n/, 1)[0]!;
  if (/[,;\t]/.test(firstLine) && /\r?\n./.test(start)) {
    return { what: 'a table of values (CSV)', elsewhere: DATA };
  }
  return undefined;
}

/** What the user meant to open: File > Open takes both; the model dialog only a model. */
export type OpenedKind = 'project or model' | 'model';

const WHAT_TO_OPEN: Record<OpenedKind, string> = {
  'project or model':
    'Open a project (.layerboard.json), or a model file (.model.json) to predict with',
  model: `Open the model's .model.json instead, as "Export model JSON" writes it`,
};

export type OpenedText = { ok: true; text: string } | { ok: false; error: string };

/**
 * The text of a file the user opened as a Layerboard project or model file, or, when it is
 * something else (an ONNX export, an image, a CSV table), what it seems to be and what to open
 * instead, rather than its bytes quoted in a JSON error.
 */
export async function openedJsonText(file: OpenedFile, kind: OpenedKind): Promise<OpenedText> {
  const bytes = await file.bytes();
  const seems = seemsToBe(bytes);
  if (seems) {
    const { what, elsewhere } = seems;
    const error = `it looks like ${what}, not a Layerboard ${kind} file. ${WHAT_TO_OPEN[kind]}.`;
    return { ok: false, error: elsewhere ? `${error} ${elsewhere}` : error };
  }
  return { ok: true, text: new TextDecoder().decode(bytes) };
}

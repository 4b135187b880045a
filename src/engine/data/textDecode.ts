import { InputError } from '../errors';
import type { DataSource } from './source';

/** Bytes looked at before choosing the encoding. */
const SNIFF_BYTES = 64 * 1024;

const SAVE_AS_CSV = 'in the spreadsheet program use "Save as" and choose CSV (UTF-8)';

/** Files people pick by mistake, by their first bytes, with what to do instead. */
const KNOWN_BINARIES: readonly { magic: readonly number[]; what: string; todo: string }[] = [
  {
    magic: [0x50, 0x4b, 0x03, 0x04],
    what: 'a zip archive, such as an Excel workbook (.xlsx)',
    todo: SAVE_AS_CSV,
  },
  { magic: [0xd0, 0xcf, 0x11, 0xe0], what: 'an Excel workbook (.xls)', todo: SAVE_AS_CSV },
  {
    magic: [0x1f, 0x8b],
    what: 'a gzip archive',
    todo: 'unpack it first and choose the CSV inside',
  },
  {
    magic: [0x25, 0x50, 0x44, 0x46],
    what: 'a PDF document',
    todo: 'export the table as CSV instead',
  },
  { magic: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image', todo: 'choose a CSV file' },
  { magic: [0xff, 0xd8, 0xff], what: 'a JPEG image', todo: 'choose a CSV file' },
];

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.length <= bytes.length && magic.every((b, i) => bytes[i] === b);
}

/**
 * An ONNX ModelProto has no magic number, but protobuf writes fields in order: field 1
 * (ir_version, a varint: tag 0x08, then a small number, 3 to 10 so far), then a field from 2
 * to 8 (producer, domain, version, doc, graph, opset), whose tag is `field << 3 | wire type`.
 * No text starts with the control character 0x08.
 */
function isOnnx(head: Uint8Array): boolean {
  const next = head[2] ?? 0;
  const field = next >> 3;
  const wire = next & 7;
  const expected = field === 5 ? 0 : 2; // model_version is a varint, the others strings or messages
  return (
    head.length >= 3 &&
    head[0] === 0x08 &&
    head[1]! >= 1 &&
    head[1]! <= 20 &&
    field >= 2 &&
    field <= 8 &&
    wire === expected
  );
}

/**
 * What a file seems to be from its first bytes, when it is a kind of binary file people pick by
 * mistake (`a PNG image`, `a zip archive, ...`), an IDX data file or an ONNX model; undefined
 * otherwise.
 *
 * @example
 * binaryKind(pngBytes); // 'a PNG image'
 */
export function binaryKind(head: Uint8Array): string | undefined {
  const known = KNOWN_BINARIES.find((k) => startsWith(head, k.magic));
  if (known) return known.what;
  // MNIST's magic numbers: 00 00 08 then the number of dimensions.
  if (head.length >= 4 && head[0] === 0 && head[1] === 0 && head[2] === 8 && head[3]! <= 3) {
    return 'an IDX data file (images or labels)';
  }
  if (isOnnx(head)) return "an ONNX model (as the app's ONNX export writes)";
  return undefined;
}

function binaryError(
  name: string,
  detail: string,
  todo = `choose a CSV file; ${SAVE_AS_CSV}`,
): InputError {
  return new InputError(`"${name}" is not a text file: ${detail}. To fix it, ${todo}`);
}

/**
 * The encoding from the first bytes: a byte-order mark if there is one (UTF-8, or the UTF-16 that
 * Excel's "Unicode text" writes), else UTF-8 if the bytes are valid UTF-8, else windows-1252, the
 * encoding of CSV files that older Excel versions save on Windows.
 */
function chooseEncoding(head: Uint8Array): string {
  if (startsWith(head, [0xff, 0xfe])) return 'utf-16le';
  if (startsWith(head, [0xfe, 0xff])) return 'utf-16be';
  try {
    // `stream: true` keeps a multi-byte character cut at the end of the sample from counting.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return 'utf-8';
  } catch {
    try {
      new TextDecoder('windows-1252');
      return 'windows-1252';
    } catch {
      return 'utf-8';
    }
  }
}

/** Share of characters that are control characters (not tab or line breaks): high in binary data. */
function controlShare(text: string): number {
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) controls++;
  }
  return text.length === 0 ? 0 : controls / text.length;
}

/**
 * Decodes a source's bytes to text, chunk by chunk, with the encoding of its byte-order mark or
 * its first bytes; the mark itself is dropped. Binary data (NUL characters, many control
 * characters, or the signature of a zip, PDF or image) is an InputError, as is an empty file.
 */
export async function* decodeText(source: DataSource): AsyncGenerator<string> {
  let decoder: InstanceType<typeof TextDecoder> | undefined;
  const pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let sawText = false;

  function check(text: string, first: boolean): string {
    if (text.includes('\u0000')) {
      throw binaryError(source.name, 'it holds NUL characters, a sign of binary data');
    }
    if (first && text.length >= 16 && controlShare(text) > 0.01) {
      throw binaryError(source.name, 'it holds many control characters, a sign of binary data');
    }
    if (text.length > 0) sawText = true;
    return text;
  }
  function start(): string {
    const head = concat(pending, pendingBytes);
    pending.length = 0;
    for (const known of KNOWN_BINARIES) {
      if (startsWith(head, known.magic)) {
        throw binaryError(source.name, `it looks like ${known.what}`, known.todo);
      }
    }
    decoder = new TextDecoder(chooseEncoding(head));
    return check(decoder.decode(head, { stream: true }), true);
  }

  for await (const chunk of source.chunks()) {
    if (decoder) {
      const text = check(decoder.decode(chunk, { stream: true }), false);
      if (text) yield text;
      continue;
    }
    pending.push(chunk);
    pendingBytes += chunk.length;
    if (pendingBytes >= SNIFF_BYTES) {
      const text = start();
      if (text) yield text;
    }
  }
  if (!decoder) {
    if (pendingBytes === 0) throw emptyFile(source.name);
    const text = start();
    if (text) yield text;
  }
  const rest = check(decoder!.decode(), false);
  if (rest) yield rest;
  if (!sawText) throw emptyFile(source.name);
}

/** The message for a file with nothing in it. */
export function emptyFile(name: string): InputError {
  return new InputError(
    `"${name}" is empty. Choose a CSV file with a header row and at least one row of values`,
  );
}

function concat(parts: readonly Uint8Array[], length: number): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

import { InputError } from '../errors';
import { CheckedGunzip } from './gunzip';
import type { DataSource } from './source';

/** An IDX array: its dimensions (`[count, rows, cols]` or `[count]`) and its bytes, row-major. */
export interface IdxArray {
  readonly dims: readonly number[];
  readonly data: Uint8Array;
}

export type IdxKind = 'images' | 'labels';

/** Dimensions of each kind: MNIST's magic numbers 0x00000803 and 0x00000801. */
const DIMS: Record<IdxKind, number> = { images: 3, labels: 1 };
/** The IDX type byte of unsigned bytes, the only element type MNIST-like files use. */
const UBYTE = 0x08;
const TYPE_NAMES: Record<number, string> = {
  9: 'signed bytes',
  11: '16-bit integers',
  12: '32-bit integers',
  13: '32-bit floats',
  14: '64-bit floats',
};
/** The most values one file may hold: 2^29 pixels are 2 GB as float32. */
const MAX_VALUES = 2 ** 29;
/** The largest IDX file, its header included (magic, and at most three sizes). */
const MAX_FILE_BYTES = 16 + MAX_VALUES;

const hex = (n: number) => `0x${n.toString(16).padStart(8, '0')}`;
const num = (n: number) => n.toLocaleString('en-US');

/**
 * Parses an IDX stream as its bytes arrive (Yann LeCun's MNIST format: big-endian; magic
 * `00 00 <type> <ndims>`, then one uint32 per dimension, then the values), checking the header
 * and that the data is exactly as long as the header says.
 */
class IdxDecoder {
  private readonly header: number[] = [];
  private headerLength = 4;
  private dims: number[] | undefined;
  private data: Uint8Array | undefined;
  private written = 0;

  constructor(
    private readonly file: string,
    private readonly kind: IdxKind,
  ) {}

  push(bytes: Uint8Array): void {
    let i = 0;
    while (!this.data && i < bytes.length) {
      this.header.push(bytes[i++]!);
      if (this.header.length === 4) this.headerLength = 4 + 4 * this.checkMagic();
      if (this.header.length === this.headerLength) this.start();
    }
    if (!this.data || i === bytes.length) return;
    const rest = bytes.length - i;
    if (this.written + rest > this.data.length) {
      throw this.error(
        `it holds more bytes than its header announces (${this.describe()}). It may be two files joined, or not an IDX file; download it again`,
      );
    }
    this.data.set(bytes.subarray(i), this.written);
    this.written += rest;
  }

  finish(): IdxArray {
    if (this.header.length === 0) throw this.error('the file is empty. Choose the file again');
    if (!this.data) {
      throw this.error(
        `the file ends after ${this.header.length} bytes, inside its header. It is cut short; download it again`,
      );
    }
    if (this.written < this.data.length) {
      throw this.error(
        `the file is cut short: its header announces ${this.describe()} (${num(this.data.length)} bytes of data), but only ${num(this.written)} follow. Download it again`,
      );
    }
    return { dims: this.dims!, data: this.data };
  }

  /** Checks the magic number's four bytes; returns the number of dimensions. */
  private checkMagic(): number {
    const [a, b, type, ndims] = this.header as [number, number, number, number];
    const magic = ((a << 24) | (b << 16) | (type << 8) | ndims) >>> 0;
    if (a !== 0 || b !== 0) {
      throw this.error(
        `it does not start with an IDX magic number (it starts with ${hex(magic)}). Choose an MNIST-style file such as train-images-idx3-ubyte or train-images-idx3-ubyte.gz`,
      );
    }
    if (type !== UBYTE) {
      const what = TYPE_NAMES[type] ?? `unknown type 0x${type.toString(16)}`;
      throw this.error(
        `it holds ${what} (magic ${hex(magic)}); Layerboard reads IDX files of unsigned bytes (magic 0x00000803 for images, 0x00000801 for labels)`,
      );
    }
    const expected = DIMS[this.kind];
    if (ndims !== expected) {
      const other: IdxKind = this.kind === 'images' ? 'labels' : 'images';
      const means = ndims === DIMS[other] ? `that of a ${other} file` : `${ndims} dimensions`;
      const todo =
        ndims === DIMS[other]
          ? 'Were the images and labels files swapped?'
          : 'Choose the right file';
      throw this.error(
        `its magic number ${hex(magic)} is ${means}, but ${this.kind} have ${expected} dimensions (magic ${hex(0x800 + expected)}). ${todo}`,
      );
    }
    return ndims;
  }

  /** Reads the dimensions (big-endian uint32) and allocates the data. */
  private start(): void {
    const dims: number[] = [];
    for (let d = 4; d < this.headerLength; d += 4) {
      const [a, b, c, e] = this.header.slice(d, d + 4) as [number, number, number, number];
      dims.push(((a << 24) | (b << 16) | (c << 8) | e) >>> 0);
    }
    this.dims = dims;
    if (dims.some((d) => d === 0)) {
      throw this.error(
        `its header announces ${this.describe()}: there is nothing to learn from. Choose another file`,
      );
    }
    const size = dims.reduce((p, d) => p * d, 1);
    if (size > MAX_VALUES) {
      throw this.error(
        `it announces ${this.describe()}, more than Layerboard can hold in memory (${num(MAX_VALUES)} values). Use a smaller file`,
      );
    }
    this.data = new Uint8Array(size);
  }

  private describe(): string {
    const [count, rows, cols] = this.dims ?? [];
    if (count === undefined) return 'nothing';
    return this.kind === 'images'
      ? `${num(count)} images of ${rows}x${cols}`
      : `${num(count)} labels`;
  }

  private error(what: string): InputError {
    return new InputError(`"${this.file}" is not a valid IDX ${this.kind} file: ${what}`);
  }
}

/**
 * Reads an IDX file (gzip'd or not: gzip is told by its magic bytes 1f 8b), streaming: compressed
 * chunks are unpacked (CheckedGunzip: checksums checked, the size capped) straight into the
 * decoder, so neither the compressed nor an intermediate copy of the file is held whole, and a
 * file that unpacks to more than its header announces stops as soon as it does. Every fault (not
 * IDX, wrong kind, cut short, too long, broken or damaged gzip) is an InputError naming the file.
 */
export async function readIdx(source: DataSource, kind: IdxKind): Promise<IdxArray> {
  const decoder = new IdxDecoder(source.name, kind);
  let gunzip: CheckedGunzip | undefined;
  let first = true;
  for await (const chunk of source.chunks()) {
    if (chunk.length === 0) continue;
    if (first) {
      first = false;
      // A gzip member starts with 1f 8b (RFC 1952); an IDX file starts with 00 00.
      if (chunk[0] === 0x1f && (chunk.length < 2 || chunk[1] === 0x8b)) {
        gunzip = new CheckedGunzip(source.name, MAX_FILE_BYTES, (data) => decoder.push(data));
      }
    }
    if (gunzip) gunzip.push(chunk);
    else decoder.push(chunk);
  }
  gunzip?.finish();
  return decoder.finish();
}

/** 256 float32 values v / 255, as `torchvision.transforms.ToTensor` scales a byte (`img.float().div(255)`). */
const UNIT_SCALE = Float32Array.from({ length: 256 }, (_, v) => v / 255);

/** Bytes to floats in [0, 1] by table lookup (one load per pixel, no division). */
export function bytesToUnitFloats(bytes: Uint8Array): Float32Array {
  const out = new Float32Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = UNIT_SCALE[bytes[i]!]!;
  return out;
}

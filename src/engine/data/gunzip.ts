import { Gunzip } from 'fflate';
import { InputError } from '../errors';

/**
 * Compressed bytes handed to fflate at a time. Deflate expands at most about 1032 times, so one
 * slice makes at most ~17 MB: a file that unpacks to far more than it should (a "gzip bomb") is
 * stopped one slice past its limit, instead of after fflate has inflated a whole 1 MB read into
 * one buffer of a gigabyte.
 */
const SLICE = 16 * 1024;

/**
 * Compressed bytes kept to read a member's trailer when the next member starts: the trailer ends
 * where the next member's header starts, at most one slice and that header back.
 */
const KEEP = 1 << 20;

/** The CRC-32 of gzip (ISO 3309, polynomial 0xEDB88320 reflected), one table lookup per byte. */
const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(crc: number, bytes: Uint8Array): number {
  let c = ~crc;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

const num = (n: number) => n.toLocaleString('en-US');

/**
 * A streaming gunzip that checks what fflate's does not: each member's trailer (RFC 1952: the
 * CRC-32 and the size modulo 2^32 of its data), so a damaged file is refused rather than read as
 * wrong bytes; and the unpacked size, against `maxOutput`. Compressed chunks go in with `push`,
 * unpacked bytes come out through `onData` as they are made; `finish` checks the last trailer.
 * Every fault is an InputError naming the file.
 *
 * @example
 * const gunzip = new CheckedGunzip('train.gz', 2 ** 29, (bytes) => decoder.push(bytes));
 * for await (const chunk of source.chunks()) gunzip.push(chunk);
 * gunzip.finish();
 */
export class CheckedGunzip {
  private readonly gunzip: Gunzip;
  /** The current member's CRC-32 and size so far. */
  private crc = 0;
  private size = 0;
  private total = 0;
  /** Compressed bytes read so far, and the latest of them (from offset `keptFrom`). */
  private read = 0;
  private kept: Uint8Array[] = [];
  private keptFrom = 0;

  constructor(
    private readonly name: string,
    private readonly maxOutput: number,
    onData: (bytes: Uint8Array) => void,
  ) {
    this.gunzip = new Gunzip((bytes) => {
      if (bytes.length === 0) return;
      this.total += bytes.length;
      if (this.total > this.maxOutput) {
        throw this.error(
          `it unpacks to more than ${num(this.maxOutput)} bytes, more than such a file can hold. It is not the file it seems to be; download it again`,
        );
      }
      this.crc = crc32(this.crc, bytes);
      this.size += bytes.length;
      onData(bytes);
    });
    // A file may hold several members one after another (`cat a.gz b.gz`): the trailer of each
    // ends where the next starts.
    this.gunzip.onmember = (offset) => {
      this.checkTrailer(offset);
      this.crc = 0;
      this.size = 0;
    };
  }

  /** Unpacks the next compressed bytes. */
  push(chunk: Uint8Array): void {
    for (let start = 0; start < chunk.length; start += SLICE) {
      const slice = chunk.subarray(start, start + SLICE);
      this.keep(slice);
      this.read += slice.length;
      this.run(() => this.gunzip.push(slice, false));
    }
  }

  /** Ends the stream: the data must be complete, and the last member's trailer must match. */
  finish(): void {
    this.run(() => this.gunzip.push(new Uint8Array(0), true));
    this.checkTrailer(this.read);
  }

  private run(step: () => void): void {
    try {
      step();
    } catch (err) {
      if (err instanceof InputError) throw err;
      throw this.error(
        `it is not valid gzip data (${(err as Error).message}). It may be cut short or damaged; download it again`,
      );
    }
  }

  private keep(slice: Uint8Array): void {
    this.kept.push(slice);
    while (this.kept.length > 1 && this.read + slice.length - this.keptFrom > KEEP) {
      this.keptFrom += this.kept.shift()!.length;
    }
  }

  /** The 8 compressed bytes before `end`: a member's CRC-32 and size, little-endian. */
  private checkTrailer(end: number): void {
    if (end - 8 < this.keptFrom) {
      throw this.error(
        end < 8 ? 'it is too short to be a gzip file' : 'a gzip member header is over 1 MB long',
      );
    }
    const trailer = new Uint8Array(8);
    let offset = this.keptFrom;
    for (const part of this.kept) {
      for (let i = 0; i < part.length; i++, offset++) {
        if (offset >= end - 8 && offset < end) trailer[offset - (end - 8)] = part[i]!;
      }
    }
    const view = new DataView(trailer.buffer);
    const crc = view.getUint32(0, true);
    const size = view.getUint32(4, true);
    if (size !== this.size >>> 0) {
      throw this.error(
        `its gzip trailer announces ${num(size)} bytes but ${num(this.size)} were unpacked. It is damaged or cut short; download it again`,
      );
    }
    if (crc !== this.crc) {
      throw this.error(
        'its gzip checksum (CRC-32) does not match its data: the file is damaged. Download it again',
      );
    }
  }

  private error(what: string): InputError {
    return new InputError(`"${this.name}" is not a valid gzip file: ${what}`);
  }
}

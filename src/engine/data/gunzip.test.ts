import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { InputError } from '../errors';
import { CheckedGunzip } from './gunzip';
import { readIdx } from './idx';
import { bytesSource } from './source';

/** Unpacks `gz` pushed in chunks of `size`; returns the bytes, or throws the InputError. */
function gunzip(gz: Uint8Array, size = 1 << 20, maxOutput = 1 << 30): Uint8Array {
  const parts: Uint8Array[] = [];
  const reader = new CheckedGunzip('data.gz', maxOutput, (bytes) => parts.push(bytes));
  for (let i = 0; i < gz.length; i += size) reader.push(gz.subarray(i, i + size));
  reader.finish();
  return new Uint8Array(Buffer.concat(parts));
}

function errorOf(run: () => unknown): string {
  try {
    run();
  } catch (err) {
    if (err instanceof InputError) return err.message;
    throw err;
  }
  throw new Error('expected an InputError');
}

const text = new TextEncoder().encode('Layerboard '.repeat(5000));
/** Stored blocks (level 0): a changed data byte still inflates, to wrong bytes. */
const stored = new Uint8Array(gzipSync(text, { level: 0 }));

describe('CheckedGunzip', () => {
  it('unpacks any chunking, and files of several members', () => {
    for (const size of [1, 7, 1 << 20]) expect(gunzip(gzipSync(text), size)).toEqual(text);
    const two = Buffer.concat([gzipSync(text.subarray(0, 100)), gzipSync(text.subarray(100))]);
    for (const size of [1, 13, 1 << 20]) expect(gunzip(two, size)).toEqual(text);
  });

  it('refuses data whose CRC-32 does not match', () => {
    const damaged = stored.slice();
    damaged[stored.length >> 1]! ^= 0x20;
    expect(errorOf(() => gunzip(damaged))).toBe(
      '"data.gz" is not a valid gzip file: its gzip checksum (CRC-32) does not match its data: the file is damaged. Download it again',
    );
    const member = new Uint8Array(gzipSync(text.subarray(0, 1000), { level: 0 }));
    member[500]! ^= 1;
    const two = Buffer.concat([member, gzipSync(text)]);
    expect(errorOf(() => gunzip(two, 64))).toContain('CRC-32');
  });

  it('refuses a size in the trailer that is not the data', () => {
    const wrong = stored.slice();
    wrong[wrong.length - 4]! ^= 1;
    expect(errorOf(() => gunzip(wrong))).toContain(
      `its gzip trailer announces ${(text.length ^ 1).toLocaleString('en-US')} bytes but ${text.length.toLocaleString('en-US')} were unpacked`,
    );
  });

  it('refuses a file cut short, in its data or its trailer', () => {
    for (const cut of [1, 4, 8, 100]) {
      expect(errorOf(() => gunzip(stored.subarray(0, stored.length - cut)))).toMatch(/cut short/);
    }
    expect(errorOf(() => gunzip(Buffer.concat([stored, Buffer.from([1, 2])])))).toMatch(
      /"data.gz" is not a valid gzip file/,
    );
  });

  it('stops a gzip bomb one slice past its limit', () => {
    // 256 MB of zeros in 256 KB: fflate alone unpacked all of it in one push, into one buffer.
    const bomb = gzipSync(new Uint8Array(256 << 20), { level: 9 });
    let delivered = 0;
    const reader = new CheckedGunzip('bomb.gz', 1000, (bytes) => {
      delivered += bytes.length;
    });
    const started = performance.now();
    expect(errorOf(() => reader.push(bomb))).toBe(
      '"bomb.gz" is not a valid gzip file: it unpacks to more than 1,000 bytes, more than such a file can hold. It is not the file it seems to be; download it again',
    );
    expect(delivered).toBeLessThan(1000);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('readIdx of gzip files', () => {
  const header = Uint8Array.of(0, 0, 8, 3, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 2);

  it('stops as soon as a file unpacks to more than its header announces', async () => {
    const bomb = gzipSync(Buffer.concat([header, new Uint8Array(128 << 20)]), { level: 9 });
    const started = performance.now();
    await expect(readIdx(bytesSource('bomb.gz', bomb), 'images')).rejects.toThrow(
      'it holds more bytes than its header announces',
    );
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('refuses a damaged file that still inflates', async () => {
    const gz = new Uint8Array(
      gzipSync(Buffer.concat([header, Uint8Array.of(1, 2, 3, 4)]), { level: 0 }),
    );
    gz[gz.length - 10]! ^= 0xff;
    await expect(readIdx(bytesSource('i.gz', gz), 'images')).rejects.toThrow(
      'its gzip checksum (CRC-32) does not match its data',
    );
  });
});

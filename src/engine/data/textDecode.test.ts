import { describe, expect, it } from 'vitest';
import { InputError } from '../errors';
import { bytesSource, type DataSource, textSource } from './source';
import { decodeText } from './textDecode';

async function decode(source: DataSource): Promise<string> {
  let text = '';
  for await (const chunk of decodeText(source)) text += chunk;
  return text;
}

/** Bytes delivered one at a time, so that multi-byte characters are cut in two. */
function byteByByte(name: string, bytes: Uint8Array): DataSource {
  return {
    name,
    async *chunks() {
      for (const b of bytes) yield Uint8Array.of(b);
    },
  };
}

describe('decodeText', () => {
  it('decodes UTF-8 cut anywhere and drops its byte-order mark', async () => {
    const bytes = new TextEncoder().encode('\ufeffcité,€,😀\n1,2,3\n');
    expect(await decode(byteByByte('u.csv', bytes))).toBe('cité,€,😀\n1,2,3\n');
  });

  it('decodes the UTF-16 that Excel writes as "Unicode text"', async () => {
    const text = 'a\tb\n1\t2\n';
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) bytes[2 + 2 * i] = text.charCodeAt(i);
    expect(await decode(bytesSource('u16.txt', bytes))).toBe(text);
  });

  it('falls back to windows-1252 for a file that is not UTF-8 (old Excel on Windows)', async () => {
    const bytes = Uint8Array.from(
      [...'city,x\nZ']
        .map((c) => c.charCodeAt(0))
        .concat([0xfc, 0x72, 0x69, 0x63, 0x68, 0x2c, 0x31]),
    );
    expect(await decode(bytesSource('latin.csv', bytes))).toBe('city,x\nZürich,1');
  });

  it.each([
    ['an empty file', new Uint8Array(0), /"x.csv" is empty/],
    ['a byte-order mark alone', Uint8Array.of(0xef, 0xbb, 0xbf), /"x.csv" is empty/],
    [
      'NUL bytes',
      new TextEncoder().encode('a,b\n1,\u00002\n'),
      /"x.csv" is not a text file: it holds NUL/,
    ],
    [
      'a zip (xlsx)',
      Uint8Array.of(0x50, 0x4b, 0x03, 0x04, 0x14, 0, 6, 0),
      /Excel workbook.*"Save as"/,
    ],
    ['a PNG image', Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10), /a PNG image/],
    [
      'control characters',
      Uint8Array.from({ length: 200 }, (_, i) => (i * 37) % 32 || 1),
      /many control characters/,
    ],
  ])('refuses %s', async (_what, bytes, message) => {
    const result = decode(bytesSource('x.csv', bytes));
    await expect(result).rejects.toThrow(InputError);
    await expect(decode(bytesSource('x.csv', bytes))).rejects.toThrow(message);
  });

  it('finds NUL bytes far into a large file', async () => {
    const text = `${'1,2\n'.repeat(100_000)}\u0000`;
    await expect(decode(textSource('late.csv', text))).rejects.toThrow(/not a text file/);
  });
});

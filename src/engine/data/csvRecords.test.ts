import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { InputError } from '../errors';
import { readRecords } from './csvRecords';
import { type DataSource, textSource } from './source';

/** A source that delivers its UTF-8 bytes `size` at a time, to cut records and characters apart. */
function trickle(name: string, text: string, size: number): DataSource {
  const bytes = new TextEncoder().encode(text);
  return {
    name,
    async *chunks() {
      for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
    },
  };
}

async function records(source: DataSource) {
  const out: string[][] = [];
  let format: unknown;
  for await (const batch of readRecords(source)) {
    expect(batch.firstRow).toBe(out.length + 1);
    out.push(...batch.records);
    format = batch.format;
  }
  return { out, format };
}

describe('readRecords', () => {
  it.each([
    [',', 'a,b,c\n1,2,3\n4,5,6\n'],
    [';', 'a;b;c\n1,5;2;3\n4;5;6\n'],
    ['\t', 'a\tb\tc\n1\t2\t3\n4\t5\t6\n'],
  ])('detects the delimiter %j', async (delimiter, text) => {
    const { out, format } = await records(textSource('t.csv', text));
    expect(format).toEqual({ delimiter, newline: '\n' });
    expect(out[0]).toEqual(['a', 'b', 'c']);
    expect(out).toHaveLength(4); // the last line break leaves one empty record
  });

  it('reads quoted fields holding delimiters, line breaks and doubled quotes', async () => {
    const text = 'name,note\r\n"Smith, J.","said ""hi""\r\nthen left"\r\nLee,plain\r\n';
    const { out, format } = await records(textSource('q.csv', text));
    expect(format).toEqual({ delimiter: ',', newline: '\r\n' });
    expect(out.slice(0, 3)).toEqual([
      ['name', 'note'],
      ['Smith, J.', 'said "hi"\r\nthen left'],
      ['Lee', 'plain'],
    ]);
  });

  it('drops a UTF-8 byte-order mark and reads old Mac line breaks', async () => {
    const { out } = await records(textSource('bom.csv', '\ufeffx,y\r1,2\r3,4'));
    expect(out).toEqual([
      ['x', 'y'],
      ['1', '2'],
      ['3', '4'],
    ]);
  });

  it('streams: any chunking gives the records papaparse finds in the whole text', async () => {
    const rows: string[] = ['id,text,value'];
    for (let i = 0; i < 40_000; i++) {
      const text = i % 7 === 0 ? `"line ${i}\nwith ""quotes"", and commas"` : `plain ${i} é€😀`;
      rows.push(`${i},${text},${i * 0.5}`);
    }
    const text = `${rows.join('\n')}\n`;
    expect(text.length).toBeGreaterThan(4 * 256 * 1024); // several parses of PARSE_CHARS
    const expected = Papa.parse<string[]>(text, { delimiter: ',', newline: '\n' }).data;
    for (const size of [13, 4096, 300_000]) {
      const { out } = await records(trickle('big.csv', text, size));
      expect(out).toEqual(expected);
    }
  });

  it('reports a quote that is never closed, with its row', async () => {
    const text = 'a,b\n1,2\n3,"4\n5,6\n';
    await expect(records(textSource('open.csv', text))).rejects.toThrow(InputError);
    await expect(records(textSource('open.csv', text))).rejects.toThrow(
      /"open.csv", row 3: a quote mark \(".*never closed/,
    );
  });
});

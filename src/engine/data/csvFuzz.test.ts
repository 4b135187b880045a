import { describe, expect, it } from 'vitest';
import { isInputError } from '../errors';
import { MT19937 } from '../random';
import { compareText } from './classes';
import { csvToDataset } from './csvDataset';
import { previewCsv } from './csvPreview';
import type { DataSource } from './source';

// Generated inputs for the CSV reader, seeded with MT19937 so any failure replays: valid tables
// in every dialect must round-trip exactly, and anything at all must either load or be an
// InputError (a message for the user), never another exception.

const rng = new MT19937(20240611);
const int = (n: number) => rng.nextInt(n);
const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
const chance = (p: number) => rng.nextFloat24() < p;

/** A source that hands out `bytes` in random chunk sizes, as streams do. */
function randomChunks(name: string, bytes: Uint8Array): DataSource {
  const sizes: number[] = [];
  for (let left = bytes.length; left > 0; ) {
    const size = 1 + int(chance(0.5) ? 8 : 5000);
    sizes.push(size);
    left -= size;
  }
  return {
    name,
    async *chunks() {
      let offset = 0;
      for (const size of sizes) {
        yield bytes.subarray(offset, offset + size);
        offset += size;
      }
    },
  };
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéß€😀';
const word = (length: number) => Array.from({ length }, () => pick([...LETTERS])).join('');

/** A cell as a careful writer would put it: quoted (quotes doubled) when it must or by chance. */
function cell(text: string): string {
  const must = /[,;\t"\r\n]/.test(text);
  return must || chance(0.1) ? `"${text.replaceAll('"', '""')}"` : text;
}

interface Table {
  text: string;
  features: string[];
  target: string;
  task: 'regression' | 'classification';
  x: number[];
  y: string[];
}

function randomTable(): Table {
  const width = 1 + int(5);
  const rows = 1 + int(30);
  const task = chance(0.5) ? 'regression' : 'classification';
  const delimiter = pick([',', ';', '\t']);
  const newline = pick(['\n', '\r\n']);
  const names = Array.from(
    { length: width + 1 },
    (_, j) => `${word(1 + int(6))}${j}${chance(0.2) ? ',"x"' : ''}`,
  );
  const x: number[] = [];
  const y: string[] = [];
  const lines = [names.map(cell).join(delimiter)];
  for (let r = 0; r < rows; r++) {
    const cells: string[] = [];
    for (let j = 0; j < width; j++) {
      const value = chance(0.5)
        ? int(2000) - 1000
        : Number(((rng.nextFloat24() - 0.5) * 10 ** int(6)).toPrecision(6));
      x.push(value);
      const written = chance(0.2) ? ` ${value} ` : String(value);
      cells.push(chance(0.1) ? `"${written.trim()}"` : written);
    }
    const label =
      task === 'regression'
        ? String(int(100) / 4)
        : pick(['cat', 'dog', 'a "quoted" one', 'x;y,z', word(3)]);
    y.push(label);
    cells.push(cell(label));
    lines.push(cells.join(delimiter));
    if (chance(0.1)) lines.push(chance(0.5) ? '' : delimiter.repeat(width));
  }
  const lead = chance(0.2) ? newline : '';
  const bom = chance(0.3) ? '\ufeff' : '';
  const text = bom + lead + lines.join(newline) + (chance(0.5) ? newline : '');
  return { text, features: names.slice(0, width), target: names[width]!, task, x, y };
}

const GARBAGE = [...'abc019.,;\t"\'\r\n -e+', '\u0000', '\ufeff', '\u0001', '😀', 'é', 'NaN', 'NA'];

function randomGarbage(): Uint8Array {
  if (chance(0.3)) return Uint8Array.from({ length: int(300) }, () => int(256));
  const text = Array.from({ length: int(200) }, () => pick(GARBAGE)).join('');
  return new TextEncoder().encode(text);
}

describe('CSV reader fuzz', () => {
  it('round-trips 1,000 generated valid tables in every dialect', async () => {
    for (let n = 0; n < 1000; n++) {
      const table = randomTable();
      const bytes = new TextEncoder().encode(table.text);
      const data = await csvToDataset(randomChunks(`t${n}.csv`, bytes), {
        features: table.features,
        targets: [table.target],
        task: table.task,
      });
      expect(data.count, table.text).toBe(table.y.length);
      expect([...data.x], table.text).toEqual(table.x.map(Math.fround));
      if (data.targets.task === 'regression') {
        expect([...data.targets.values], table.text).toEqual(
          table.y.map((v) => Math.fround(Number(v))),
        );
      } else {
        const classes = [...new Set(table.y)].sort(compareText);
        expect(data.targets.classes, table.text).toEqual(classes);
        expect(
          [...data.targets.labels].map((i) => classes[i]),
          table.text,
        ).toEqual(table.y);
      }
    }
  });

  it('meets 1,000 random strings and byte arrays with a result or an InputError, never a crash', async () => {
    let loaded = 0;
    let refused = 0;
    for (let n = 0; n < 1000; n++) {
      const bytes = randomGarbage();
      const describe = JSON.stringify(new TextDecoder().decode(bytes));
      try {
        const preview = await previewCsv(randomChunks('g.csv', bytes));
        const { features, targets, task } = preview.suggestion;
        const columns = preview.columns.map((c) => c.name);
        await csvToDataset(randomChunks('g.csv', bytes), {
          features: features.length > 0 ? features : columns.slice(0, 1),
          targets: targets.length > 0 ? targets : columns.slice(-1),
          task,
        });
        loaded++;
      } catch (err) {
        if (!isInputError(err)) throw new Error(`${(err as Error).stack}\ninput: ${describe}`);
        expect((err as Error).message, describe).toMatch(/"g.csv"/);
        refused++;
      }
    }
    expect(loaded + refused).toBe(1000);
    expect(refused).toBeGreaterThan(100);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { previewCsv } from './csvPreview';
import { textSource } from './source';

const cropText = readFileSync('resources/datasets/crop-yields.csv', 'utf8');
const preview = (text: string, rows?: number) => previewCsv(textSource('p.csv', text), rows);

describe('previewCsv', () => {
  it('summarises crop-yields: the region is an id, the last column the target, a regression', async () => {
    const p = await preview(cropText, 2);
    expect(p.hasHeader).toBe(true);
    expect(p.rowCount).toBe(5);
    expect(p.rows).toEqual([
      ['Kanto', '73', '67', '43', '56', '70'],
      ['Johto', '91', '88', '64', '81', '101'],
    ]);
    expect(p.columns.map((c) => [c.name, c.type, c.idLike])).toEqual([
      ['region', 'text', true],
      ['temp_f', 'numeric', false],
      ['rainfall_mm', 'numeric', false],
      ['humidity_pct', 'numeric', false],
      ['apples_ton', 'numeric', false],
      ['oranges_ton', 'numeric', false],
    ]);
    expect(p.suggestion).toEqual({
      features: ['temp_f', 'rainfall_mm', 'humidity_pct', 'apples_ton'],
      targets: ['oranges_ton'],
      ignored: ['region'],
      task: 'regression',
    });
  });

  it('computes count, mean, population std, min, max and missing per column', async () => {
    const p = await preview('x,y\n1,a\n,b\n3,c\n5,\n');
    const [x, y] = p.columns;
    expect(x).toMatchObject({ type: 'numeric', count: 3, missing: 1, mean: 3, min: 1, max: 5 });
    expect(x!.std).toBeCloseTo(Math.sqrt(8 / 3), 12);
    expect(y).toMatchObject({
      type: 'text',
      count: 3,
      missing: 1,
      firstText: { row: 2, value: 'a' },
    });
    expect(Number.isNaN(y!.mean)).toBe(true);
  });

  it('infers classification for few repeating integer labels, in numeric order', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => `${i * 0.1},${[10, 2, 0][i % 3]}`);
    const p = await preview(`x,digit\n${rows.join('\n')}`);
    expect(p.suggestion).toMatchObject({ task: 'classification', classes: ['0', '2', '10'] });
  });

  it('infers classification for text labels, sorted alphabetically', async () => {
    const p = await preview('w,h,kind\n1,2,cat\n3,4,Dog\n5,6,ant\n7,8,cat\n');
    expect(p.suggestion).toMatchObject({
      features: ['w', 'h'],
      targets: ['kind'],
      task: 'classification',
      classes: ['ant', 'cat', 'Dog'],
    });
  });

  it('infers regression for many distinct or fractional numbers', async () => {
    const many = Array.from({ length: 50 }, (_, i) => `${i},${i * 3}`).join('\n');
    expect((await preview(`a,b\n${many}`)).suggestion.task).toBe('regression');
    expect((await preview('a,b\n1,0.5\n2,1.5\n3,0.5\n4,1.5\n')).suggestion.task).toBe('regression');
  });

  it('reads a file without a header, naming its columns', async () => {
    const p = await preview('1,2,3\n4,5,6\n');
    expect(p.hasHeader).toBe(false);
    expect(p.rowCount).toBe(2);
    expect(p.columns.map((c) => c.name)).toEqual(['column 1', 'column 2', 'column 3']);
    expect(p.suggestion.targets).toEqual(['column 3']);
  });

  it('takes row 1 as a header when a text cell heads a numeric column, even beside number names', async () => {
    const p = await preview('rain,2019,2020\n1.5,1,2\n2.5,3,4\n');
    expect(p.hasHeader).toBe(true);
    expect(p.columns.map((c) => c.name)).toEqual(['rain', '2019', '2020']);
  });

  it('ignores the unnamed index column pandas writes', async () => {
    const p = await preview(',x,y\n0,1.5,2\n1,3.5,4\n2,5.5,7\n');
    expect(p.columns[0]).toMatchObject({ name: 'column 1', idLike: true });
    expect(p.suggestion).toMatchObject({ features: ['x'], targets: ['y'], ignored: ['column 1'] });
  });

  it('reads semicolon files with decimal commas, tab files and quoted cells', async () => {
    const semi = await preview('a;b\n1,5;2\n2,5;3\n');
    expect(semi.format.delimiter).toBe(';');
    expect(semi.columns[0]).toMatchObject({ type: 'numeric', mean: 2 });
    const tab = await preview('a\tb\n"1"\t2\n3\t"4"\n');
    expect(tab.format.delimiter).toBe('\t');
    expect(tab.columns.map((c) => c.type)).toEqual(['numeric', 'numeric']);
  });

  it('skips blank lines and rows of empty cells', async () => {
    const p = await preview('a,b\n\n1,2\n,\n\n3,4\n\n');
    expect(p.rowCount).toBe(2);
    expect(p.rows).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
  });
});

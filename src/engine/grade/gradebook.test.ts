import { describe, expect, it } from 'vitest';
import { gradebookCell, gradebookCsv } from './gradebook';

describe('gradebookCell', () => {
  it('quotes what RFC 4180 quotes and leaves the rest', () => {
    expect(gradebookCell('ana.json')).toBe('ana.json');
    expect(gradebookCell('a, b')).toBe('"a, b"');
    expect(gradebookCell('say "hi"')).toBe('"say ""hi"""');
    expect(gradebookCell('two\nlines')).toBe('"two\nlines"');
    expect(gradebookCell(null)).toBe('');
    expect(gradebookCell(0.5)).toBe('0.5');
  });

  it('never lets a spreadsheet read a cell as a formula (CSV injection)', () => {
    expect(gradebookCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    for (const start of ['+', '-', '@', '\t']) expect(gradebookCell(`${start}1`)[0]).toBe("'");
    // Numbers are numbers, a negative one too.
    expect(gradebookCell(-1.5)).toBe('-1.5');
  });
});

describe('gradebookCsv', () => {
  it('writes one row per grade, its problems joined', () => {
    const csv = gradebookCsv([
      {
        file: 'ana.json',
        passed: false,
        parameters: 26,
        measured: { loss: 2.5, accuracy: 0.75 },
        claimed: null,
        problems: ['26 parameters, the assignment allows 10', 'uses Sigmoid, not allowed'],
      },
    ]);
    expect(csv.split('\n')[1]).toBe(
      'ana.json,false,26,,,,2.5,,0.75,"26 parameters, the assignment allows 10; uses Sigmoid, not allowed"',
    );
  });
});

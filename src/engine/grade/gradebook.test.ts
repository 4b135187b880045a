import { describe, expect, it } from 'vitest';
import { csvField, GRADEBOOK_COLUMNS, gradebookCsv, spreadsheetText } from './gradebook';
import type { Grade } from './grading';

const honest: Grade = {
  file: 'ana.layerboard.json',
  passed: true,
  parameters: 25,
  measured: { loss: 0.125, accuracy: 0.9 },
  claimed: { loss: 0.125 },
  problems: [],
};

describe('the gradebook CSV', () => {
  it('writes a header and a row per hand-in, a metric not claimed or measured left empty', () => {
    expect(GRADEBOOK_COLUMNS.join(',')).toBe(
      'file,passed,parameters,claimed_loss,measured_loss,claimed_valLoss,measured_valLoss,claimed_accuracy,measured_accuracy,problems',
    );
    const unread: Grade = {
      file: 'ben.json',
      passed: false,
      parameters: null,
      measured: {},
      claimed: null,
      problems: ['cannot be read: not JSON', 'second'],
    };
    expect(gradebookCsv([honest, unread])).toBe(
      `${GRADEBOOK_COLUMNS.join(',')}\r\n` +
        'ana.layerboard.json,true,25,0.125,0.125,,,,0.9,\r\n' +
        'ben.json,false,,,,,,,,cannot be read: not JSON; second\r\n',
    );
  });

  it('quotes fields with commas, quotes and line breaks as RFC 4180 does', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    const grade = { ...honest, file: 'a, "b".json', problems: ['claims loss 5,\nthe re-run 6'] };
    expect(gradebookCsv([grade]).split('\r\n')[1]).toBe(
      '"a, ""b"".json",true,25,0.125,0.125,,,,0.9,"claims loss 5,\nthe re-run 6"',
    );
  });

  it('keeps a spreadsheet from reading a file name or problem as a formula', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) {
      expect(spreadsheetText(`${start}HYPERLINK("x")`)).toBe(`'${start}HYPERLINK("x")`);
    }
    expect(spreadsheetText('ana=1')).toBe('ana=1');
    const grade = { ...honest, file: '=cmd|calc.json', problems: ['-1 is not a goal'] };
    const row = gradebookCsv([grade]).split('\r\n')[1];
    expect(row?.startsWith("'=cmd|calc.json,true,25")).toBe(true);
    expect(row?.endsWith(",'-1 is not a goal")).toBe(true);
    // Numbers the gradebook writes itself keep their sign.
    const negative = { ...honest, measured: { loss: -0.5 }, claimed: null };
    expect(gradebookCsv([negative]).split('\r\n')[1]).toBe(
      'ana.layerboard.json,true,25,,-0.5,,,,,',
    );
  });
});

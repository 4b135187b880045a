import { describe, expect, it } from 'vitest';
import { cellPlace, columnLetter, isBlank, looksMissing, parseNumber } from './csvCells';

describe('parseNumber', () => {
  it.each([
    ['12', 12],
    [' -0.5 ', -0.5],
    ['.5', 0.5],
    ['3.', 3],
    ['+7', 7],
    ['1e-3', 0.001],
    ['0', 0],
    ['-0', -0],
  ])('reads %j as %d', (cell, value) => {
    expect(parseNumber(cell, false)).toBe(value);
  });

  it.each([
    '',
    '   ',
    'abc',
    '12abc',
    '0x1f',
    '0b101',
    '0o7',
    'Infinity',
    '-Infinity',
    '1e999',
    '1,5',
    'NaN',
  ])('refuses %j', (cell) => {
    expect(parseNumber(cell, false)).toBeNaN();
  });

  it('reads a decimal comma only when asked (semicolon files)', () => {
    expect(parseNumber('3,14', true)).toBe(3.14);
    expect(parseNumber(' -2,5 ', true)).toBe(-2.5);
    expect(parseNumber('1,234,5', true)).toBeNaN();
  });
});

describe('cells and places', () => {
  it('names columns as a spreadsheet does', () => {
    expect([0, 1, 25, 26, 27, 701, 702].map(columnLetter)).toEqual([
      'A',
      'B',
      'Z',
      'AA',
      'AB',
      'ZZ',
      'AAA',
    ]);
    expect(cellPlace('d.csv', 4, 2, 'rain')).toBe('"d.csv", row 4, column C "rain"');
  });

  it('knows blanks and the usual words for a missing value', () => {
    expect(isBlank(' \t')).toBe(true);
    expect(isBlank(' 0')).toBe(false);
    expect(['NA', 'n/a', 'NaN', 'null', '?'].every(looksMissing)).toBe(true);
    expect(looksMissing('none of these')).toBe(false);
  });
});

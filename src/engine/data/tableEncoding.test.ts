import { describe, expect, it } from 'vitest';
import { InputError } from '../errors';
import {
  type ColumnEncoding,
  compareCodePoints,
  encodeCell,
  encodedNames,
  encodingText,
  isoDateParts,
  oneHotMask,
} from './tableEncoding';

const island: ColumnEncoding = {
  name: 'island',
  kind: 'category',
  categories: ['Biscoe', 'Dream', 'Torgersen'],
};
const columns: ColumnEncoding[] = [
  { name: 'bill', kind: 'number' },
  island,
  { name: 'day', kind: 'date' },
  { name: 'mass', kind: 'number' },
];

describe('isoDateParts', () => {
  it("gives the year, month and day of the year that Python's date.timetuple gives", () => {
    // Python 3.11: date.fromisoformat(s[:10]), then .year, .month, .timetuple().tm_yday.
    expect(isoDateParts('2024-03-01')).toEqual([2024, 3, 61]);
    expect(isoDateParts('2023-12-31')).toEqual([2023, 12, 365]);
    expect(isoDateParts('2024-12-31')).toEqual([2024, 12, 366]);
    expect(isoDateParts('2000-02-29')).toEqual([2000, 2, 60]);
    expect(isoDateParts('1900-03-01')).toEqual([1900, 3, 60]);
    expect(isoDateParts(' 2024-01-01T10:00:00Z ')).toEqual([2024, 1, 1]);
    expect(isoDateParts('2024-01-01 10:00')).toEqual([2024, 1, 1]);
  });

  it('is undefined for what is not a real ISO date', () => {
    for (const cell of ['2023-02-29', '2024-13-01', '2024-04-31', '24-01-01', '01/02/2024', 'x']) {
      expect(isoDateParts(cell)).toBeUndefined();
    }
  });
});

describe('compareCodePoints', () => {
  it("sorts as Python's sorted() sorts strings", () => {
    const words = ['b', 'B', 'a', 'Ä', 'é', 'Z', '_', '10', '9'];
    // sorted(...) in Python 3.11.
    expect(words.sort(compareCodePoints)).toEqual(['10', '9', 'B', 'Z', '_', 'a', 'b', 'Ä', 'é']);
    // Beyond U+FFFF, code units and code points disagree: U+1F600 sorts after U+FF5E.
    expect(['😀', '～'].sort(compareCodePoints)).toEqual(['～', '😀']);
  });
});

describe('the inputs a table makes', () => {
  it('names every input in the columns order, each column expanded in place', () => {
    expect(encodedNames(columns)).toEqual([
      'bill',
      'island=Biscoe',
      'island=Dream',
      'island=Torgersen',
      'day year',
      'day month',
      'day day of year',
      'mass',
    ]);
    expect(oneHotMask(columns)).toEqual([false, true, true, true, false, false, false, false]);
  });

  it('says them in words', () => {
    expect(encodingText(columns)).toBe('2 numbers + island (3) + day (year, month, day of year)');
    expect(encodingText([island])).toBe('island (3)');
  });
});

describe('encodeCell', () => {
  const place = () => '"new.csv", row 2, column B "island"';
  const encode = (cell: string, column: ColumnEncoding, width: number) => {
    const out = new Float32Array(width);
    encodeCell(cell, column, false, out, 0, place);
    return [...out];
  };

  it('encodes numbers, categories and dates', () => {
    expect(encode(' 3.5 ', { name: 'bill', kind: 'number' }, 1)).toEqual([3.5]);
    expect(encode('Dream', island, 3)).toEqual([0, 1, 0]);
    expect(encode('2024-03-01', { name: 'day', kind: 'date' }, 3)).toEqual([2024, 3, 61]);
  });

  it('fills a missing cell with what the training split gave', () => {
    expect(encode('NA', { name: 'bill', kind: 'number', fill: 43.5 }, 1)).toEqual([43.5]);
    expect(encode('', { ...island, fill: 'Torgersen' }, 3)).toEqual([0, 0, 1]);
    expect(encode('?', { name: 'day', kind: 'date', fill: [2024, 6, 170] }, 3)).toEqual([
      2024, 6, 170,
    ]);
  });

  it('says what is wrong with a cell it cannot encode', () => {
    expect(() => encode('Atlantis', island, 3)).toThrow(
      '"new.csv", row 2, column B "island": "Atlantis" is not a category of "island" the model knows (it learned "Biscoe", "Dream", "Torgersen")',
    );
    expect(() => encode('NA', island, 3)).toThrow(
      /the value is missing, and the model was trained/,
    );
    expect(() => encode('lots', { name: 'bill', kind: 'number' }, 1)).toThrow(/is not a number/);
    expect(() => encode('03/01/2024', { name: 'day', kind: 'date' }, 3)).toThrow(InputError);
  });
});

import { describe, expect, it } from 'vitest';
import {
  binRange,
  channelLevels,
  greyLevels,
  histogramSummary,
  percentText,
  shapeText,
  tileColumns,
} from './insidesFormat';

describe('the insides in words and grey levels', () => {
  const h = { min: -1, max: 3, counts: [1, 5, 2, 0] };

  it('gives each bin its range, the last one closed at the greatest value', () => {
    expect(binRange(h, 0)).toEqual([-1, 0]);
    expect(binRange(h, 3)).toEqual([2, 3]);
  });

  it('says a histogram in one sentence', () => {
    expect(histogramSummary('fc1 weights', h)).toBe(
      'fc1 weights: 8 values from -1 to 3, the most (5) from 0 to 1',
    );
    expect(histogramSummary('b', { min: 2, max: 2, counts: [4, 0] })).toBe('b: 4 values, all 2');
    expect(histogramSummary('c', { min: 0, max: 0, counts: [0, 0] })).toBe('c: no values');
  });

  it('maps the least value to white (0) and the greatest to black (255)', () => {
    expect(Array.from(greyLevels([-2, 0, 2], -2, 2))).toEqual([0, 128, 255]);
    // One value everywhere, or values that are not numbers: all white.
    expect(Array.from(greyLevels([1, 1], 1, 1))).toEqual([0, 0]);
    expect(Array.from(greyLevels([1, 1], Number.NaN, Number.NaN))).toEqual([0, 0]);
  });

  it('writes shapes and shares as the panel shows them', () => {
    expect(shapeText([8, 28, 28])).toBe('[8, 28, 28]');
    expect(percentText(0.704)).toBe('70%');
  });
});

describe('channelLevels', () => {
  it('draws each channel on its own scale, a flat one all white', () => {
    const values = Float32Array.of(0, 1, 2, -50, -50, -50, 10, 20, 30);
    expect(Array.from(channelLevels(values, 3, 3))).toEqual([0, 128, 255, 0, 0, 0, 0, 128, 255]);
  });
});

describe('tileColumns', () => {
  it('puts at most 8 tiles in a row, 4 in a narrow panel, and fewer when there are fewer', () => {
    expect(tileColumns(16)).toEqual({ '--cols': '8', '--cols-narrow': '4' });
    expect(tileColumns(64)).toEqual({ '--cols': '8', '--cols-narrow': '4' });
    expect(tileColumns(3)).toEqual({ '--cols': '3', '--cols-narrow': '3' });
  });
});

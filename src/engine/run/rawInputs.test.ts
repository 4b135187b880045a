import { describe, expect, it } from 'vitest';
import { applyPreprocessing, type Preprocessing } from '../data/normalize';
import { rawInputs } from './rawInputs';

describe('rawInputs', () => {
  it('undoes standardisation, a 0 of the file coming back as 0 rather than float noise', () => {
    // A 0/1 column and a large one: (x - mean) / std in float32, then back in float64.
    const prep: Preprocessing = { kind: 'standardize', mean: [1.55, 5000.3], std: [0.7, 1200] };
    const raw = [0, 0, 1, 4999.9, 3, 0.0001];
    const back = Array.from(rawInputs(applyPreprocessing(raw, prep), prep));
    expect(back.slice(0, 2)).toEqual([0, 0]);
    expect(back[2]).toBeCloseTo(1, 6);
    expect(back[3]).toBeCloseTo(4999.9, 3);
    expect(back[4]).toBeCloseTo(3, 6);
    // Below what float32 keeps of a value near 5000: as good as 0.
    expect(back[5]).toBe(0);
  });

  it('gives image bytes back from scaled pixels, and leaves inputs without normalisation', () => {
    const prep: Preprocessing = { kind: 'none', imageScale: 1 / 255 };
    expect(Array.from(rawInputs(applyPreprocessing([0, 255, 128], prep), prep))).toEqual([
      0,
      expect.closeTo(255, 4),
      expect.closeTo(128, 4),
    ]);
  });
});

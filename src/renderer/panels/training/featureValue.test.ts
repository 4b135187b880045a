import { describe, expect, it } from 'vitest';
import { formatFeature } from './featureValue';

describe('formatFeature', () => {
  it('prints data values as people write them', () => {
    expect(formatFeature(0)).toBe('0');
    expect(formatFeature(5.0999999)).toBe('5.1');
    expect(formatFeature(-3.25)).toBe('-3.25');
    expect(formatFeature(73)).toBe('73');
    expect(formatFeature(1234567.1)).toBe('1,234,567');
    expect(formatFeature(0.30000001192092896)).toBe('0.3');
    expect(formatFeature(8.3999987)).toBe('8.4');
    expect(formatFeature(123456.78)).toBe('123,457');
    expect(formatFeature(0.00125)).toBe('0.00125');
  });

  it('keeps powers of ten for the tiny and the huge', () => {
    expect(formatFeature(2.5e-7)).toBe('2.5e-7');
    expect(formatFeature(6.02214076e23)).toBe('6.022e+23');
    expect(formatFeature(Number.NaN)).toBe('NaN');
  });
});

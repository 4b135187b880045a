import { describe, expect, it } from 'vitest';
import { columnLabel, digitsForChange, formatCell } from './matrixFormat';

describe('formatCell', () => {
  it('prints 4 significant digits unless asked for more', () => {
    expect(formatCell(1.33764)).toBe('1.338');
    expect(formatCell(1.33764, 5)).toBe('1.3376');
    expect(formatCell(73)).toBe('73');
    expect(formatCell(Number.NaN)).toBe('NaN');
  });
});

describe('digitsForChange', () => {
  it('shows a bias of 1.338 moved by 0.0003 as 1.3376 then 1.3379', () => {
    const before = [1.3376];
    const update = [0.0003];
    const digits = digitsForChange(before, update);
    expect(digits).toBe(5);
    expect(formatCell(before[0]!, digits)).not.toBe(formatCell(before[0]! + update[0]!, digits));
  });

  it('takes the cell that needs the most digits, within 4 and 8', () => {
    expect(digitsForChange([0.5, 20], [-0.01, 0.0001])).toBe(6);
    expect(digitsForChange([0.5], [0.2])).toBe(4);
    expect(digitsForChange([1], [1e-12])).toBe(8);
    expect(digitsForChange([0, 2], [0, 0])).toBe(4);
  });

  it('makes every change it can visible', () => {
    for (const [v, u] of [
      [0.58960003, -0.00012],
      [-9.9996, -0.0007],
      [123.45, 0.01],
      [0.000731, 2e-7],
    ] as const) {
      const digits = digitsForChange([v], [u]);
      expect(formatCell(v, digits)).not.toBe(formatCell(v + u, digits));
    }
  });
});

describe('columnLabel', () => {
  it("names an image's pixel by row and column, other columns by index", () => {
    expect(columnLabel(378, 28)).toBe('13,14');
    expect(columnLabel(378)).toBe('378');
  });
});

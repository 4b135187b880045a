import { describe, expect, it } from 'vitest';
import { goalProgress } from './goalProgress';

describe('goalProgress', () => {
  it('is the share of the way to the goal, 1 when met', () => {
    expect(goalProgress({ metric: 'accuracy', atLeast: 0.8 }, 0.4)).toBe(0.5);
    expect(goalProgress({ metric: 'accuracy', atLeast: 0.8 }, 0.9)).toBe(1);
    expect(goalProgress({ metric: 'loss', atMost: 10 }, 40)).toBe(0.25);
    expect(goalProgress({ metric: 'loss', atMost: 10 }, 10)).toBe(1);
    expect(goalProgress({ metric: 'loss', atMost: 0 }, 0.5)).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { MT19937, randperm } from './random';

describe('MT19937', () => {
  it('gives the reference sequence of std::mt19937 (C++11, seed 5489: 10000th draw 4123659995)', () => {
    const rng = new MT19937(5489);
    let last = 0;
    for (let i = 0; i < 10000; i++) last = rng.nextUint32();
    expect(last).toBe(4123659995);
  });

  it('gives the first draws for seed 1 that numpy.random.RandomState(1) gives', () => {
    // numpy: np.random.RandomState(1).randint(0, 2**32, dtype=np.uint64) uses the same MT19937 init.
    const rng = new MT19937(1);
    expect(rng.nextUint32()).toBe(1791095845);
    expect(rng.nextUint32()).toBe(4282876139);
  });

  it('draws unbiased integers', () => {
    const rng = new MT19937(7);
    for (let i = 0; i < 1000; i++) {
      const v = rng.nextInt(3);
      expect(v >= 0 && v < 3).toBe(true);
    }
  });
});

describe('randperm', () => {
  // References printed by PyTorch 1.13 (Debian's python3-torch):
  //   g = torch.Generator().manual_seed(1); torch.randperm(10, generator=g) twice;
  //   torch.randperm(60000, generator=torch.Generator().manual_seed(7))[:8].
  it('draws the permutations torch.randperm draws from the same generator', () => {
    const g = new MT19937(1);
    expect([...randperm(10, g)]).toEqual([5, 6, 1, 2, 0, 8, 9, 3, 7, 4]);
    expect([...randperm(10, g)]).toEqual([2, 3, 1, 8, 9, 0, 6, 7, 4, 5]);
    const big = randperm(60_000, new MT19937(7));
    expect([...big.slice(0, 8)]).toEqual([21615, 50166, 37383, 3791, 38823, 45497, 50045, 50591]);
    expect([...big].sort((a, b) => a - b)).toEqual(Array.from({ length: 60_000 }, (_, i) => i));
  });
});

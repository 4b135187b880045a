/**
 * The one seeded generator of the engine: initialisation, shuffling and splits all draw from it,
 * so a run is reproducible from its seed. It is the Mersenne Twister MT19937 (Matsumoto and
 * Nishimura, 1998), the generator behind `torch.manual_seed` on the CPU.
 *
 * @example
 * const rng = new MT19937(1);
 * rng.nextUint32(); // 1791095845, as std::mt19937(1)() gives
 */
export class MT19937 {
  private readonly state = new Uint32Array(624);
  private index = 624;

  constructor(seed: number) {
    this.state[0] = seed >>> 0;
    for (let i = 1; i < 624; i++) {
      const prev = this.state[i - 1]! ^ (this.state[i - 1]! >>> 30);
      // state[i] = 1812433253 * prev + i (mod 2^32), split to stay exact in float64.
      this.state[i] =
        ((((prev & 0xffff0000) >>> 16) * 1812433253) << 16) + (prev & 0x0000ffff) * 1812433253 + i;
    }
  }

  private twist(): void {
    const s = this.state;
    for (let i = 0; i < 624; i++) {
      const y = (s[i]! & 0x80000000) | (s[(i + 1) % 624]! & 0x7fffffff);
      let next = s[(i + 397) % 624]! ^ (y >>> 1);
      if (y & 1) next ^= 0x9908b0df;
      s[i] = next;
    }
    this.index = 0;
  }

  /** The next 32 random bits, as an unsigned integer. */
  nextUint32(): number {
    if (this.index >= 624) this.twist();
    let y = this.state[this.index++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** A float in [0, 1) with 24 random bits, as PyTorch draws a float32 uniform on the CPU. */
  nextFloat24(): number {
    return (this.nextUint32() & 0xffffff) / 0x1000000;
  }

  /** An integer in [0, n), without modulo bias (rejection sampling). */
  nextInt(n: number): number {
    if (!Number.isInteger(n) || n <= 0 || n > 0x100000000) throw new RangeError(`nextInt(${n})`);
    const limit = 0x100000000 - (0x100000000 % n);
    let x = this.nextUint32();
    while (x >= limit) x = this.nextUint32();
    return x % n;
  }
}

/**
 * A seeded permutation of 0..n-1, drawn as `torch.randperm(n, generator=g)` draws it on the CPU
 * (PyTorch 1.13, aten randperm_cpu): a forward Fisher-Yates shuffle whose swap partner for
 * position i is `i + random() % (n - i)`, one 32-bit draw per position but the last. The modulo
 * is slightly biased, as PyTorch's is; the point is the same permutation from the same state.
 * (PyTorch draws 64 bits per position from n = 2^32 / 20 on, far beyond any dataset here.)
 *
 * @example
 * randperm(10, new MT19937(1)); // 5 6 1 2 0 8 9 3 7 4, as torch.randperm(10, generator=g.manual_seed(1))
 */
export function randperm(n: number, rng: MT19937): Uint32Array<ArrayBuffer> {
  if (n >= 0x100000000 / 20) throw new RangeError(`randperm(${n}): too many rows`);
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  for (let i = 0; i < n - 1; i++) {
    const j = i + (rng.nextUint32() % (n - i));
    const t = out[i]!;
    out[i] = out[j]!;
    out[j] = t;
  }
  return out;
}

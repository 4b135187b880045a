import { describe, expect, it } from 'vitest';
import { float32Blocks, int32Blocks } from './blockArray';

describe('BlockArray', () => {
  it('keeps every value in order across many growing blocks', () => {
    const floats = float32Blocks();
    const ints = int32Blocks();
    const n = 3_000_123;
    for (let i = 0; i < n; i++) {
      floats.push(i / 4);
      ints.push(i + 7);
    }
    expect(floats.length).toBe(n);
    const f = floats.toArray();
    const k = ints.toArray();
    expect(f.length).toBe(n);
    for (const i of [0, 1023, 1024, 2047, 2048, 1_048_575, 1_048_576, n - 1]) {
      expect(f[i]).toBe(i / 4);
      expect(k[i]).toBe(i + 7);
    }
  });

  it('gives an empty array when nothing was pushed', () => {
    expect(float32Blocks().toArray()).toEqual(new Float32Array(0));
  });
});

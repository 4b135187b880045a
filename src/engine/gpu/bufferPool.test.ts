import { afterAll, expect, it } from 'vitest';
import { describeWith } from '../testing/needs.node';
import { BufferPool } from './bufferPool';
import { releaseTestGpu, testGpu } from './testing/testGpu.node';

const { gpu, need } = await testGpu();
afterAll(releaseTestGpu);

describeWith(need, 'BufferPool', () => {
  it('reuses a released buffer of the same size and usage, and counts bytes', () => {
    const pool = new BufferPool(gpu!.device);
    const usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST;
    const a = pool.acquire(100, usage, 'a');
    expect(a.size).toBe(112);
    expect(pool.stats).toEqual({ allocatedBytes: 112, inUseBytes: 112, buffers: 1 });
    pool.release(a);
    expect(pool.stats.inUseBytes).toBe(0);
    const b = pool.acquire(112, usage, 'b');
    expect(b).toBe(a);
    expect(b.label).toBe('b');
    const c = pool.acquire(112, usage | GPUBufferUsage.COPY_SRC, 'c');
    expect(c).not.toBe(a);
    expect(pool.stats).toEqual({ allocatedBytes: 224, inUseBytes: 224, buffers: 2 });
    pool.release(b);
    expect(() => pool.release(b)).toThrow(/not in use/);
    pool.trim();
    expect(pool.stats).toEqual({ allocatedBytes: 112, inUseBytes: 112, buffers: 1 });
  });
});

import { afterAll, expect, it } from 'vitest';
import { describeWith } from '../testing/needs.node';
import { BufferPool } from './bufferPool';
import { type ForwardSpec, forwardVariants } from './kernelChoice';
import { linearForward } from './programs/linearForward';
import { DEFAULT_TILE } from './programs/tile';
import { GpuRunner } from './runner';
import { releaseTestGpu, testGpu } from './testing/testGpu.node';
import { KernelTuner, type Variant } from './tuner';

const { gpu, need } = await testGpu();
afterAll(releaseTestGpu);

const spec: ForwardSpec = {
  name: 'fc',
  rows: 32,
  inFeatures: 64,
  outFeatures: 16,
  weightOffset: 0,
  biasOffset: 1024,
  input: 'perm',
  ops: [{ kind: 'relu' }],
  writePre: true,
  seed: 1,
};
const sizes = { x: 32 * 64, perm: 32, params: 1024 + 16, pre: 32 * 16, out: 32 * 16 };

describeWith(need, 'kernel tuner', () => {
  it('never chooses a variant whose numbers differ from the reference', async () => {
    const runner = new GpuRunner(gpu!.device, new BufferPool(gpu!.device));
    const tuner = new KernelTuner(runner, 'test adapter');
    // Reads the bias from the wrong place: fast enough, but wrong.
    const wrong: Variant<ForwardSpec> = {
      id: 'wrong bias',
      make: (s) => linearForward({ ...s, biasOffset: 0, tile: { ...DEFAULT_TILE, rows: 4 } }),
    };
    const variants = [...forwardVariants(spec, { quadSubgroups: false }), wrong];
    const request = { key: 'wrong-test', spec, variants, sizes, rows: 32, outputs: ['out'] };
    const id = await tuner.choose(request);
    expect(variants.map((v) => v.id)).toContain(id);
    expect(id).not.toBe('wrong bias');
    // Every correct variant was timed; the wrong one was not.
    const timed = tuner.log.map((entry) => entry.id);
    expect(timed).not.toContain('wrong bias');
    expect(timed).toHaveLength(variants.length - 1);
  });

  it('keeps its choice per adapter and shape: asked again, it times nothing', async () => {
    const runner = new GpuRunner(gpu!.device, new BufferPool(gpu!.device));
    const tuner = new KernelTuner(runner, 'cache adapter');
    const variants = forwardVariants(spec, { quadSubgroups: false });
    const request = { key: 'cache-test', spec, variants, sizes, rows: 32, outputs: ['out'] };
    const first = await tuner.choose(request);
    const logged = tuner.log.length;
    const again = await new KernelTuner(runner, 'cache adapter').choose(request);
    expect(again).toBe(first);
    expect(tuner.log).toHaveLength(logged);
    // Another adapter decides for itself.
    const other = new KernelTuner(runner, 'another adapter');
    await other.choose(request);
    expect(other.log.length).toBeGreaterThan(0);
  });
});

import { afterAll, expect, it } from 'vitest';
import { dropoutUniform } from '../../model/dropoutHash';
import { describeWith } from '../../testing/needs.node';
import { maxRelError, randomArray, runProgram } from '../testing/runProgram.node';
import { releaseTestGpu, testGpu } from '../testing/testGpu.node';
import type { ElementwiseOp } from './elementwise';
import { elementwiseBackward, elementwiseForward, softmaxBackward, softmaxForward } from './rowOps';

const { gpu, need } = await testGpu();
afterAll(releaseTestGpu);

const ROWS = 7;
const WIDTH = 9;
const SEED = 42;
const STEP = 5;

/** Each op's forward and derivative in float64, as PyTorch defines them. */
const REFERENCE: Record<
  string,
  { op: ElementwiseOp; f: (x: number, i: number) => number; d: (x: number, i: number) => number }
> = {
  relu: { op: { kind: 'relu' }, f: (x) => Math.max(x, 0), d: (x) => (x > 0 ? 1 : 0) },
  sigmoid: {
    op: { kind: 'sigmoid' },
    f: (x) => 1 / (1 + Math.exp(-x)),
    d: (x) => Math.exp(-x) / (1 + Math.exp(-x)) ** 2,
  },
  tanh: { op: { kind: 'tanh' }, f: Math.tanh, d: (x) => 1 - Math.tanh(x) ** 2 },
  leakyRelu: {
    op: { kind: 'leakyRelu', negativeSlope: 0.2 },
    f: (x) => (x > 0 ? x : 0.2 * x),
    d: (x) => (x > 0 ? 1 : 0.2),
  },
  dropout: {
    op: { kind: 'dropout', p: 0.4, layer: 3 },
    f: (x, i) => (dropoutUniform(SEED, 3, STEP, i) < 0.4 ? 0 : x / 0.6),
    d: (_, i) => (dropoutUniform(SEED, 3, STEP, i) < 0.4 ? 0 : 1 / 0.6),
  },
};

describeWith(need, 'elementwise and softmax kernels', () => {
  // Large inputs too: tanh and sigmoid must not overflow to NaN.
  const x = randomArray(ROWS * WIDTH, 3, -6, 6);
  x[0] = 90;
  x[1] = -90;
  const dy = randomArray(ROWS * WIDTH, 4);
  const step = { start: 0, t: STEP, lossSlot: 0 };
  const spec = { rows: ROWS, width: WIDTH, seed: SEED };

  for (const [name, ref] of Object.entries(REFERENCE)) {
    it(`${name}: forward and derivative`, async () => {
      const fwd = elementwiseForward({ ...spec, name, ops: [ref.op], input: 'buffer' });
      const out = await runProgram(gpu!, fwd, { x }, { out: x.length }, step);
      expect(maxRelError(out.out!, Array.from(x, ref.f))).toBeLessThan(1e-6);
      const bwd = elementwiseBackward({ ...spec, name, ops: [ref.op] });
      const grads = await runProgram(gpu!, bwd, { x, dy }, { dx: x.length }, step);
      expect(
        maxRelError(
          grads.dx!,
          Array.from(x, (v, i) => dy[i]! * ref.d(v, i)),
        ),
      ).toBeLessThan(1e-6);
    });
  }

  it('covers more items than one row of 65,535 workgroups holds (a 28M-parameter layer)', async () => {
    // 64 x 65,535 = 4,194,240 items fit one row of workgroups; these need two.
    const big = { rows: 1000, width: 5000, seed: SEED };
    const n = big.rows * big.width;
    const fwd = elementwiseForward({
      ...big,
      name: 'relu',
      ops: [{ kind: 'relu' }],
      input: 'buffer',
    });
    expect(fwd.dispatch[1]).toBe(2);
    expect(fwd.dispatch.every((g) => g <= 65535)).toBe(true);
    const input = Float32Array.from({ length: n }, (_, i) => (i % 2 === 0 ? i : -i));
    const out = await runProgram(gpu!, fwd, { x: input }, { out: n }, step);
    const wrong = out.out!.findIndex((v, i) => v !== (i % 2 === 0 ? Math.fround(i) : 0));
    expect(wrong).toBe(-1);
  });

  it('chains ops by the chain rule (ReLU then dropout then tanh)', async () => {
    const chain = [REFERENCE.relu!, REFERENCE.dropout!, REFERENCE.tanh!];
    const bwd = elementwiseBackward({ ...spec, name: 'chain', ops: chain.map((r) => r.op) });
    const grads = await runProgram(gpu!, bwd, { x, dy }, { dx: x.length }, step);
    const expected = Array.from(x, (v, i) => {
      const a = chain[0]!.f(v, i);
      const b = chain[1]!.f(a, i);
      return dy[i]! * chain[0]!.d(v, i) * chain[1]!.d(a, i) * chain[2]!.d(b, i);
    });
    expect(maxRelError(grads.dx!, expected)).toBeLessThan(1e-6);
  });

  it('softmax forward (stable for large logits) and backward', async () => {
    const out = await runProgram(
      gpu!,
      softmaxForward({ ...spec, name: 'sm', input: 'buffer' }),
      { x },
      { out: x.length },
    );
    const y = new Float64Array(x.length);
    for (let r = 0; r < ROWS; r++) {
      const row = Array.from(x.subarray(r * WIDTH, (r + 1) * WIDTH));
      const m = Math.max(...row);
      const s = row.reduce((a, v) => a + Math.exp(v - m), 0);
      row.forEach((v, c) => {
        y[r * WIDTH + c] = Math.exp(v - m) / s;
      });
    }
    expect(maxRelError(out.out!, y)).toBeLessThan(1e-6);
    const yf = Float32Array.from(y);
    const grads = await runProgram(
      gpu!,
      softmaxBackward({ ...spec, name: 'smb', prevOps: [] }),
      { y: yf, dy },
      { dx: x.length },
    );
    const dx = new Float64Array(x.length);
    for (let r = 0; r < ROWS; r++) {
      let dot = 0;
      for (let c = 0; c < WIDTH; c++) dot += dy[r * WIDTH + c]! * yf[r * WIDTH + c]!;
      for (let c = 0; c < WIDTH; c++)
        dx[r * WIDTH + c] = yf[r * WIDTH + c]! * (dy[r * WIDTH + c]! - dot);
    }
    expect(maxRelError(grads.dx!, dx)).toBeLessThan(1e-5);
  });
});

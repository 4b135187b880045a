import { expect } from 'vitest';
import type { ForwardContext, Layer } from '../cpu/layers/layer';
import type { MT19937 } from '../random';

// What the CPU layer tests share: finite-difference gradient checks and comparison with PyTorch's
// fixtures (src/engine/cpu/fixtures, written by scripts/reference/*.py).

/** n uniform values in [-scale, scale), from the test's own seeded generator. */
export function randomArray(rng: MT19937, n: number, scale = 1): Float32Array {
  return Float32Array.from({ length: n }, () => (rng.nextFloat24() * 2 - 1) * scale);
}

/**
 * Checks dL/dv (analytic, given) against central differences (L(v + h) - L(v - h)) / 2h at every
 * entry of `v`. The loss is summed in float64; only `v` and the layer's outputs are float32, so
 * the step is the difference of the two stored float32 values rather than 2h itself. The error
 * left is the outputs' float32 rounding divided by 2h, plus h^2 times the curvature: the default
 * h = 1e-3 balances the two (gradcheck.test.ts's choice); a function linear in `v` can take a
 * larger h. Returns the largest error relative to max(1, |numeric|), which must stay below
 * `tolerance`.
 */
export function expectGradient(
  v: Float32Array,
  analytic: Float32Array,
  lossAt: () => number,
  tolerance = 1e-3,
  h = 1e-3,
): number {
  expect(analytic.length).toBe(v.length);
  let worst = 0;
  for (let i = 0; i < v.length; i++) {
    const keep = v[i]!;
    v[i] = keep + h;
    const vUp = v[i]!;
    const up = lossAt();
    v[i] = keep - h;
    const vDown = v[i]!;
    const down = lossAt();
    v[i] = keep;
    const numeric = (up - down) / (vUp - vDown);
    const error = Math.abs(analytic[i]! - numeric) / Math.max(1, Math.abs(numeric));
    expect(error, `entry ${i}: analytic ${analytic[i]}, numeric ${numeric}`).toBeLessThan(
      tolerance,
    );
    worst = Math.max(worst, error);
  }
  return worst;
}

/**
 * dL/dx and dL/dparam of one layer against finite differences with step h, for L = sum_i r_i y_i
 * with fixed random weights r (so dL/dy = r). Returns the largest relative error seen.
 */
export function checkLayerGradients(
  layer: Layer,
  x: Float32Array,
  batch: number,
  ctx: ForwardContext,
  rng: MT19937,
  h = 1e-3,
): number {
  const y = layer.forward(x, batch, ctx);
  const r = randomArray(rng, y.length);
  for (const p of layer.params()) p.grad.fill(0);
  const dx = layer.backward(r, true);
  const lossAt = () => {
    const out = layer.forward(x, batch, ctx);
    let sum = 0;
    for (let i = 0; i < out.length; i++) sum += out[i]! * r[i]!;
    return sum;
  };
  let worst = expectGradient(x, dx, lossAt, 1e-3, h);
  for (const p of layer.params()) {
    worst = Math.max(worst, expectGradient(p.value, p.grad.slice(), lossAt, 1e-3, h));
  }
  return worst;
}

/** A fixture's flat list as float32, null (JSON's stand-in for NaN) as NaN. */
export function floats(values: readonly (number | null)[]): Float32Array {
  return Float32Array.from(values, (v) => v ?? Number.NaN);
}

/**
 * `actual` against PyTorch's `expected` entry by entry: |a - e| <= tolerance * max(1, |e|),
 * absolute near zero and relative above one; null (NaN in PyTorch) must be NaN. Returns the
 * largest such scaled error.
 */
export function expectClose(
  actual: ArrayLike<number>,
  expected: readonly (number | null)[],
  tolerance: number,
  what = 'value',
): number {
  expect(actual.length, `${what}: length`).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]!;
    const e = expected[i] ?? Number.NaN;
    if (Number.isNaN(e)) {
      expect(a, `${what}[${i}]`).toBeNaN();
      continue;
    }
    const error = Math.abs(a - e) / Math.max(1, Math.abs(e));
    expect(error, `${what}[${i}]: ${a}, PyTorch ${e}`).toBeLessThanOrEqual(tolerance);
    worst = Math.max(worst, error);
  }
  return worst;
}

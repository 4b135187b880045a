/** How far an export's outputs are from the app's on the same inputs. */
export interface OutputDifference {
  /** Largest `|a - b|`. */
  readonly max: number;
  /**
   * Largest `|a - b| / max(1, |b|)`: the absolute difference for outputs up to 1, the relative one
   * above (float32 has 24 bits, so an output of 150 cannot be closer than 1.5e-5 to another
   * computation of it that rounds differently; numpy's `allclose` mixes the two the same way).
   */
  readonly scaled: number;
}

/**
 * Compares `actual` with `expected` value by value; any NaN, or a length mismatch, makes both
 * measures infinite.
 *
 * @example
 * compareOutputs(onnxOutputs, appOutputs).scaled < 1e-5; // the export is verified
 */
export function compareOutputs(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
): OutputDifference {
  if (actual.length !== expected.length) return { max: Infinity, scaled: Infinity };
  let max = 0;
  let scaled = 0;
  for (let i = 0; i < actual.length; i++) {
    const d = Math.abs(actual[i]! - expected[i]!);
    if (Number.isNaN(d)) return { max: Infinity, scaled: Infinity };
    max = Math.max(max, d);
    scaled = Math.max(scaled, d / Math.max(1, Math.abs(expected[i]!)));
  }
  return { max, scaled };
}

import { describe, expect, it } from 'vitest';
import type { Dataset } from './dataset';
import { checkDeviceLimits } from './limits';

/** Only the sizes matter here, so `x` stays empty. */
function sized(name: string, count: number, sampleShape: number[]): Dataset {
  return {
    name,
    count,
    sampleShape,
    x: new Float32Array(0),
    targets: { task: 'classification', labels: new Int32Array(0), classes: ['a'] },
    featureNames: [],
  };
}

describe('checkDeviceLimits', () => {
  it('passes a dataset that fits and explains one that does not', () => {
    expect(checkDeviceLimits(sized('small', 3, [2]), 24)).toBeUndefined();
    expect(checkDeviceLimits(sized('small', 3, [2]), 23)).toMatch(/"small" is too large/);
    const fashion = sized('fashion-mnist', 60_000, [28, 28]);
    const message = checkDeviceLimits(fashion, 128 * 1024 * 1024);
    expect(message).toMatch(
      /"fashion-mnist" is too large for this GPU: its inputs take 179 MB \(60,000 rows\)/,
    );
    expect(message).toMatch(
      /at most 128 MB in one buffer. Use at most 42,799 rows.*or train on the CPU/,
    );
  });
});

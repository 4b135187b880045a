import { describe, expect, it } from 'vitest';
import { dropoutUniform } from '../../model/dropoutHash';
import { Dropout } from './dropout';

describe('Dropout', () => {
  const x = Float32Array.from({ length: 4000 }, (_, i) => 1 + (i % 7));

  it('drops element i at step t exactly when dropoutUniform(seed, layer, t, i) < p, scaling the rest by 1/(1-p)', () => {
    const layer = new Dropout(0.3, 9, 2);
    const y = layer.forward(x, 400, { training: true, step: 5 });
    let dropped = 0;
    for (let i = 0; i < x.length; i++) {
      const drop = dropoutUniform(9, 2, 5, i) < 0.3;
      if (drop) dropped++;
      expect(y[i]).toBe(drop ? 0 : Math.fround(x[i]! * Math.fround(1 / Math.fround(0.7))));
    }
    expect(dropped / x.length).toBeGreaterThan(0.27);
    expect(dropped / x.length).toBeLessThan(0.33);
  });

  it('draws another mask at another step, and none in eval mode', () => {
    const layer = new Dropout(0.5, 1, 0);
    const a = layer.forward(x, 400, { training: true, step: 0 });
    const b = layer.forward(x, 400, { training: true, step: 1 });
    expect(Array.from(a)).not.toEqual(Array.from(b));
    expect(layer.forward(x, 400, { training: false, step: 0 })).toBe(x);
    expect(layer.backward(x)).toBe(x);
  });
});

import { describe, expect, it } from 'vitest';
import { durationText, epochsText } from './runText';

describe('run text', () => {
  it('says how long a run took, to the unit that matters', () => {
    expect(durationText(40.4)).toBe('40 ms');
    expect(durationText(2540)).toBe('2.5 s');
    expect(durationText(12_400)).toBe('12 s');
    expect(durationText(125_000)).toBe('2 min 5 s');
    expect(durationText(3_840_000)).toBe('1 h 4 min');
  });

  it("names a run's epochs, a continued run's counted on", () => {
    expect(epochsText([])).toBe('no finished epoch');
    expect(epochsText([{ epoch: 1, loss: 2 }])).toBe('epoch 1');
    expect(
      epochsText([
        { epoch: 101, loss: 2 },
        { epoch: 200, loss: 1 },
      ]),
    ).toBe('epochs 101–200');
  });
});

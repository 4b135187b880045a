import { describe, expect, it } from 'vitest';
import type { LrSchedule } from '../../shared/project';
import fixture from '../cpu/fixtures/schedules.json';
import { LrScheduler, schedulerAt } from './schedule';

// The rates PyTorch 1.13's StepLR and CosineAnnealingLR hand the optimizer epoch by epoch
// (scripts/reference/schedules.py), as float64.
describe('LrScheduler', () => {
  for (const { schedule, lr, rates } of fixture.rates) {
    it(`gives PyTorch's rates for ${JSON.stringify(schedule)} from ${lr}`, () => {
      const scheduler = new LrScheduler(lr, schedule as LrSchedule);
      const ours: number[] = [];
      for (const _ of rates) {
        ours.push(scheduler.lr);
        scheduler.step();
      }
      if (schedule.type === 'step' || rates.length <= 30) expect(ours).toEqual(rates);
      // Over 200 epochs two cosine rates differ in the last bit of a double (V8's Math.cos is
      // fdlibm's, Python's is glibc's): far below the float32 the optimizer casts the rate to.
      rates.forEach((rate, e) => {
        expect(Math.abs(ours[e]! - rate)).toBeLessThanOrEqual(1e-15 * rate);
        expect(Math.fround(ours[e]!)).toBe(Math.fround(rate));
      });
    });
  }

  it('keeps the rate without a schedule, or with a constant one', () => {
    for (const scheduler of [new LrScheduler(0.3), new LrScheduler(0.3, { type: 'constant' })]) {
      for (let e = 0; e < 5; e++) scheduler.step();
      expect(scheduler.lr).toBe(0.3);
    }
  });

  it("picks up a continued run at the rate of its next epoch (StepLR's lr * gamma^floor(e / stepSize))", () => {
    const schedule: LrSchedule = { type: 'step', stepSize: 2, gamma: 0.5 };
    expect(schedulerAt(0.1, schedule, 0).lr).toBe(0.1);
    expect(schedulerAt(0.1, schedule, 3).lr).toBe(0.05);
    expect(schedulerAt(0.1, schedule, 4).lr).toBe(0.025);
    expect(schedulerAt(0.1, undefined, 4).lr).toBe(0.1);
  });
});

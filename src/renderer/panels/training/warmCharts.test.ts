import { describe, expect, it } from 'vitest';
import { chartWarmSteps, runStepByStep } from './warmCharts';

/** A scheduler that holds its slots until the test runs them, one at a time. */
function manualSlots() {
  const slots: (() => void)[] = [];
  return {
    schedule: (run: () => void) => void slots.push(run),
    pending: () => slots.length,
    runOne: () => slots.shift()!(),
  };
}

describe('runStepByStep', () => {
  it('runs nothing until the first slot, then one step per slot, in order', () => {
    const ran: number[] = [];
    const slots = manualSlots();
    runStepByStep(
      [0, 1, 2].map((i) => () => void ran.push(i)),
      slots.schedule,
    );
    expect(ran).toEqual([]);
    slots.runOne();
    expect(ran).toEqual([0]);
    slots.runOne();
    slots.runOne();
    expect(ran).toEqual([0, 1, 2]);
    expect(slots.pending()).toBe(0);
  });

  it('asks for no slot when there is nothing to do', () => {
    const slots = manualSlots();
    runStepByStep([], slots.schedule);
    expect(slots.pending()).toBe(0);
  });
});

describe('chartWarmSteps', () => {
  it('builds its steps without touching the DOM (that waits for the slots)', () => {
    expect(chartWarmSteps().length).toBeGreaterThan(4);
  });
});

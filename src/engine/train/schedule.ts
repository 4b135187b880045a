import type { LrSchedule } from '../../shared/project';

/**
 * The learning rate epoch by epoch, as torch.optim.lr_scheduler (PyTorch 1.13) produces it when
 * `scheduler.step()` runs once after each epoch: after e calls of `step`, `lr` is the rate of
 * epoch e (0-based).
 * Like PyTorch's `get_lr`, each step derives the new rate from the previous one in float64 (the
 * recursive form, not `_get_closed_form_lr`): the two differ in the last bits of a double
 * (up to 4e-15 relative over 30 epochs of CosineAnnealingLR), and the recursive one is what
 * `scheduler.step()` hands the optimizer.
 *
 * @example
 * const scheduler = new LrScheduler(0.1, { type: 'step', stepSize: 2, gamma: 0.5 });
 * scheduler.step(); scheduler.step();
 * scheduler.lr; // 0.05, the rate of the third epoch
 */
export class LrScheduler {
  /** PyTorch's `last_epoch`: how many times `step` ran. */
  private epoch = 0;
  private rate: number;

  constructor(
    private readonly baseLr: number,
    private readonly schedule: LrSchedule = { type: 'constant' },
  ) {
    this.rate = baseLr;
  }

  /** The optimizer's rate for the current epoch (its `param_groups[0]['lr']`). */
  get lr(): number {
    return this.rate;
  }

  /** Moves to the next epoch's rate (`scheduler.step()`). */
  step(): void {
    this.epoch += 1;
    const { schedule, epoch } = this;
    switch (schedule.type) {
      case 'constant':
        return;
      case 'step':
        // StepLR.get_lr: lr * gamma every step_size epochs, so lr_0 * gamma^floor(epoch / step_size).
        if (epoch % schedule.stepSize === 0) this.rate *= schedule.gamma;
        return;
      case 'cosine': {
        // CosineAnnealingLR.get_lr, the recursive form of
        // eta_min + (lr_0 - eta_min) * (1 + cos(pi * epoch / T_max)) / 2.
        const { tMax, etaMin } = schedule;
        // Python's %, never negative: the epoch just after a trough, where the ratio below
        // would divide by 1 + cos(pi) = 0.
        const afterTrough = (((epoch - 1 - tMax) % (2 * tMax)) + 2 * tMax) % (2 * tMax) === 0;
        this.rate = afterTrough
          ? this.rate + ((this.baseLr - etaMin) * (1 - Math.cos(Math.PI / tMax))) / 2
          : ((1 + Math.cos((Math.PI * epoch) / tMax)) /
              (1 + Math.cos((Math.PI * (epoch - 1)) / tMax))) *
              (this.rate - etaMin) +
            etaMin;
        return;
      }
    }
  }
}

/**
 * The scheduler of a run that has already trained `epochs` epochs: a continued run (or one that
 * moved to another device) goes on with the rate its next epoch has, as PyTorch's scheduler would
 * after that many steps.
 */
export function schedulerAt(baseLr: number, schedule: LrSchedule | undefined, epochs: number) {
  const scheduler = new LrScheduler(baseLr, schedule);
  for (let e = 0; e < epochs; e++) scheduler.step();
  return scheduler;
}

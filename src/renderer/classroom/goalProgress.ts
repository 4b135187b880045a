import { meetsGoal } from '../../engine';
import type { Goal } from '../../shared/project';

/**
 * How far a value is on its way to the goal, 0 to 1 (1: met): the share of the bound reached for
 * "at least", the bound over the value for "at most" (a loss twice the bound is halfway).
 */
export function goalProgress(goal: Goal, value: number): number {
  if (meetsGoal(goal, value)) return 1;
  const ratio =
    goal.atLeast !== undefined && value < goal.atLeast
      ? value / goal.atLeast
      : goal.atMost !== undefined && value > 0
        ? goal.atMost / value
        : 0;
  return Math.min(1, Math.max(0, Number.isFinite(ratio) ? ratio : 0));
}

import type { Assignment, LockableSetting } from '../../shared/project';
import { useProject } from '../stores/appStores';

/**
 * Why a setting cannot be changed, when the open assignment locks it: shown under the control
 * (whose label names the setting), which is read-only, so a student sees what is fixed and why.
 */
export function lockReason(
  assignment: Assignment | undefined,
  setting: LockableSetting,
): string | undefined {
  if (!assignment?.locked?.includes(setting)) return undefined;
  return 'Locked by the assignment, so that every hand-in trains alike.';
}

/** The lock reason of `setting` in the open project, or undefined when it is free to change. */
export function useLock(setting: LockableSetting): string | undefined {
  return useProject((s) => lockReason(s.assignment, setting));
}

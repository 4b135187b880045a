/**
 * A problem with what the user gave (a file, a project field, a graph): its message says what is
 * wrong, where, and what to do. The command line prints it as one `error:` line (exit 2) and the
 * app shows it; anything else thrown is a bug and keeps its stack trace.
 */
export class InputError extends Error {
  override readonly name = 'InputError';
}

export function isInputError(err: unknown): err is InputError {
  return err instanceof InputError;
}

/**
 * Thrown by work that a Stop cut short before training began (setting up a session, choosing
 * kernels): the run then ends as stopped, without parameters.
 */
export class StoppedError extends Error {
  override readonly name = 'StoppedError';
  constructor() {
    super('stopped before training began');
  }
}

/** Throws StoppedError when `signal` has been aborted: the check between long phases of work. */
export function throwIfStopped(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new StoppedError();
}

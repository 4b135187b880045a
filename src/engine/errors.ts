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

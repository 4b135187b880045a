import { expect } from 'vitest';
import { InputError } from '../errors';

/** Rejects with an InputError whose message has every one of `parts`. */
export async function expectInputError(promise: Promise<unknown>, ...parts: (string | RegExp)[]) {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(InputError);
  for (const part of parts) expect((err as Error).message).toMatch(part);
}

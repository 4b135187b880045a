import { spawnSync } from 'node:child_process';
import { describe, it } from 'vitest';

/**
 * Something a suite needs from the machine (WebGPU, PyTorch), and why it is not there.
 * `npm test` installs both first; a suite that still lacks one says so in its name, and under
 * `CI=true` it fails instead, so that a run testing half the engine cannot look green.
 */
export type Need = { what: string; missing: string | undefined };

/** `describe`, unless `need` is missing: then skipped with the reason, or failed under CI. */
export function describeWith(need: Need, name: string, body: () => void): void {
  if (need.missing === undefined) {
    describe(name, body);
  } else if (process.env.CI === 'true') {
    describe(name, () => {
      it(`has ${need.what}`, () => {
        throw new Error(`${need.what} is missing under CI: ${need.missing}`);
      });
    });
  } else {
    describe.skip(`${name} (skipped: no ${need.what}: ${need.missing})`, body);
  }
}

/** Debian's python3, whose python3-torch the tests use (not a python3 on the PATH that may lack it). */
export const PYTHON = '/usr/bin/python3';

/** PyTorch for {@link PYTHON}, as the export checks need it. */
export function torchNeed(): Need {
  const probe = spawnSync(PYTHON, ['-c', 'import torch'], { encoding: 'utf8' });
  const missing =
    probe.status === 0
      ? undefined
      : `PyTorch is not installed for ${PYTHON} (${probe.error?.message ?? probe.stderr.trim().split('\n').at(-1)})`;
  return { what: 'PyTorch', missing };
}

/** Pillow for {@link PYTHON}: the reference for decoding, grey conversion and resizing images. */
export function pillowNeed(): Need {
  const probe = spawnSync(PYTHON, ['-c', 'import PIL'], { encoding: 'utf8' });
  const missing =
    probe.status === 0
      ? undefined
      : `Pillow is not installed for ${PYTHON} (${probe.error?.message ?? probe.stderr.trim().split('\n').at(-1)})`;
  return { what: 'Pillow', missing };
}

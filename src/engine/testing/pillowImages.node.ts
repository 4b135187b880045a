import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PYTHON } from './needs.node';

/** What Pillow makes of one fixture image (data/fixtures/pillowImages.py). */
export interface PillowImage {
  readonly width: number;
  readonly height: number;
  /** `Image.open(f).convert('RGB')`, interleaved. */
  readonly rgb: readonly number[];
  /** Its `convert('L')`. */
  readonly grey: readonly number[];
  /** Both resized with `Image.BILINEAR` to `size` (`[height, width]`). */
  readonly resized: readonly {
    readonly size: readonly [number, number];
    readonly grey: readonly number[];
    readonly rgb: readonly number[];
  }[];
}

/**
 * Writes the fixture images with Pillow into a new temporary folder and reads its reference
 * pixels: the files' bytes and what Pillow decodes them to, by file name.
 */
export function pillowImages(): Map<string, { bytes: Uint8Array; pillow: PillowImage }> {
  const dir = mkdtempSync(join(tmpdir(), 'layerboard-pillow-'));
  const script = new URL('../data/fixtures/pillowImages.py', import.meta.url).pathname;
  const run = spawnSync(PYTHON, [script, dir], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`pillowImages.py failed: ${run.stderr}`);
  const reference = JSON.parse(run.stdout) as Record<string, PillowImage>;
  return new Map(
    Object.entries(reference).map(([name, pillow]) => [
      name,
      { bytes: new Uint8Array(readFileSync(join(dir, name))), pillow },
    ]),
  );
}

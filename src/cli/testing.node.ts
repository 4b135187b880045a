import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { expect } from 'vitest';
import crop from '../engine/cpu/fixtures/crop-yields.json';

// What the command-line tests share: running `node bin/layerboard.mjs ...` as a user does, in a
// child process, and the checks of its answers.

export const BIN = resolve(__dirname, '../../bin/layerboard.mjs');

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `layerboard ...args` in `cwd` and waits for it. */
export function runLayerboard(
  cwd: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Exit status 2 and one `error:` line on stderr (no stack trace), holding `text`. */
export function expectInputError(result: CliResult, text: string): void {
  expect(result.status).toBe(2);
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^error: /);
  expect(lines[0]).toContain(text);
}

export const node = (id: string, kind: string, params?: object) => ({
  id,
  kind,
  position: { x: 0, y: 0 },
  ...(params ? { params } : {}),
});

/** The example project of docs/DESIGN.md: the crop-yields tutorial. */
export function cropProject(
  changes: { lr?: number; outFeatures?: number; epochs?: number; id?: string } = {},
) {
  const id = changes.id ?? 'fc1';
  return {
    format: 'layerboard/project',
    version: 1,
    graph: {
      nodes: [node('in', 'input'), node(id, 'linear', { outFeatures: changes.outFeatures ?? 2 })],
      edges: [{ source: 'in', target: id }],
    },
    dataset: { source: 'builtin', name: 'crop-yields' },
    training: {
      loss: 'mse',
      optimizer: { type: 'sgd', lr: changes.lr ?? 1e-5 },
      batchSize: 5,
      epochs: changes.epochs ?? 100,
      shuffle: false,
      seed: 1,
      normalize: 'none',
      validationSplit: 0,
    },
    weights: { [id]: { weight: crop.weight, bias: crop.bias } },
  };
}

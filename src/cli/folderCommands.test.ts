import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encode as encodePng } from 'fast-png';
import { afterAll, describe, expect, it } from 'vitest';
import { cropProject, expectInputError, node, runLayerboard } from './testing.node';

// `layerboard train`, `eval` and `predict` on a project whose dataset is a folder of images.
const dir = mkdtempSync(join(tmpdir(), 'layerboard-cli-folder-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const layerboard = (...args: string[]) => runLayerboard(dir, args);

/** An RGB PNG of 6 x 5 pixels, bright or dark: resized to 4 x 4 grey by the project. */
const png = (bright: boolean, k: number) =>
  encodePng({
    width: 6,
    height: 5,
    data: Uint8Array.from({ length: 90 }, (_, i) => (bright ? 200 : 20) + ((i * k) % 40)),
    channels: 3,
    depth: 8,
  });

for (const [cls, bright] of [
  ['day', true],
  ['night', false],
] as const) {
  mkdirSync(join(dir, 'sky', cls), { recursive: true });
  for (let k = 0; k < 8; k++) writeFileSync(join(dir, 'sky', cls, `${k}.png`), png(bright, k));
}
writeFileSync(join(dir, 'sky', 'night', 'notes.txt'), 'taken at 2am');

const project = {
  ...cropProject(),
  graph: {
    nodes: [
      node('in', 'input'),
      node('flat', 'flatten'),
      node('fc', 'linear', { outFeatures: 2 }),
      node('soft', 'softmax'),
    ],
    edges: [
      { source: 'in', target: 'flat' },
      { source: 'flat', target: 'fc' },
      { source: 'fc', target: 'soft' },
    ],
  },
  dataset: { source: 'folder', path: 'sky', size: [4, 4], channels: 1, testSplit: 0.25 },
  training: {
    loss: 'cross-entropy',
    optimizer: { type: 'adam', lr: 0.1 },
    batchSize: 4,
    epochs: 5,
    seed: 2,
    validationSplit: 0.25,
  },
  weights: undefined,
};
writeFileSync(join(dir, 'sky.json'), JSON.stringify(project));

describe('an image folder project', () => {
  it('trains, saying the class counts and the files left out', () => {
    const result = layerboard('train', 'sky.json', '--backend', 'cpu');
    expect(result.status).toBe(0);
    expect(result.stderr).toContain(
      'warning: "sky": 1 file left out, not PNG or JPEG images in a class folder: night/notes.txt (not a PNG or JPEG file)',
    );
    expect(result.stderr).toContain(
      'sky: 16 images in 2 classes (day 8, night 8); 8 to train on, 4 to validate, 4 for the test',
    );
    expect(result.stdout).toMatch(/^epoch 5\/5 loss \S+ val_loss \S+ accuracy 1\.0000$/m);
  });

  it('is evaluated on its held-out test split', () => {
    const evaluation = layerboard('eval', 'sky.model.json', '--data', 'sky.json');
    expect(evaluation.stdout).toMatch(/^samples 4 \(test split\)$/m);
    expect(evaluation.stdout).toMatch(/^accuracy 1\.0000$/m);
  });

  it('predicts the class of a PNG file, made the model size as in training', () => {
    const result = layerboard(
      'predict',
      'sky.model.json',
      '--input',
      'sky/night/3.png',
      '--header',
    );
    expect(result.status).toBe(0);
    const [header, row] = result.stdout.trim().split('\n');
    expect(header).toBe('day,night');
    const [day, night] = row!.split(',').map(Number);
    expect(night).toBeGreaterThan(day!);
  });

  it('refuses an image for a table model, and a folder that is not there', () => {
    writeFileSync(join(dir, 'crops.json'), JSON.stringify(cropProject({ epochs: 1 })));
    expect(layerboard('train', 'crops.json', '--backend', 'cpu').status).toBe(0);
    expectInputError(
      layerboard('predict', 'crops.model.json', '--input', 'sky/day/0.png'),
      '--input sky/day/0.png: an image, but this model takes 3 numbers from a table: give a CSV file',
    );
    writeFileSync(
      join(dir, 'gone.json'),
      JSON.stringify({ ...project, dataset: { ...project.dataset, path: 'gone' } }),
    );
    expectInputError(layerboard('train', 'gone.json'), 'cannot find "gone"');
  });
});

import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import crop from '../engine/cpu/fixtures/crop-yields.json';
import { releaseTestGpu, testGpu } from '../engine/gpu/testing/testGpu.node';
import { describeWith } from '../engine/testing/needs.node';
import { cropProject, expectInputError, node, runLayerboard } from './testing.node';

// The command line as a user runs it: `node bin/layerboard.mjs ...`, in a child process.
const dir = mkdtempSync(join(tmpdir(), 'layerboard-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Whether Dawn finds an adapter here, as the CLI's own WebGPU backend will.
const { need: gpuNeed } = await testGpu();
afterAll(releaseTestGpu);

const layerboard = (...args: string[]) => runLayerboard(dir, args);
const layerboardWith = (env: NodeJS.ProcessEnv, ...args: string[]) => runLayerboard(dir, args, env);

function writeJson(name: string, value: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
  return path;
}

describe('layerboard train', () => {
  it("prints one line per epoch and writes a model file with PyTorch's weights", () => {
    const project = writeJson('crops.layerboard.json', cropProject());
    const result = layerboard('train', project, '--backend', 'cpu');
    expect(result.status).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(100);
    expect(lines[0]).toBe('epoch 1/100 loss 5070.7681');
    expect(lines[99]).toMatch(/^epoch 100\/100 loss \d+\.\d{4}$/);
    const file = JSON.parse(readFileSync(join(dir, 'crops.model.json'), 'utf8'));
    expect(file).toMatchObject({ format: 'layerboard/model', task: 'regression', inputShape: [3] });
    // PyTorch's weights after 100 epochs at batch 5 (scripts/reference/crop_yields.py).
    const want = crop.after100EpochsBatch5;
    file.layers[0].weight.flat().forEach((w: number, i: number) => {
      expect(Math.abs(w - want.weight.flat()[i]!)).toBeLessThan(1e-3);
    });
    file.layers[0].bias.forEach((b: number, i: number) => {
      expect(Math.abs(b - want.bias[i]!)).toBeLessThan(1e-3);
    });
  });

  it('falls back to the CPU with a notice when there is no WebGPU adapter', () => {
    const project = writeJson('fallback.json', cropProject({ epochs: 1 }));
    const env = { ...process.env, VK_ICD_FILENAMES: join(dir, 'no-driver.json') };
    const result = layerboardWith(env, 'train', project);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('epoch 1/1 loss 5070.7681\n');
    expect(result.stderr).toContain(
      'notice: WebGPU is not available (VK_ICD_FILENAMES names no Vulkan driver that exists',
    );
    expectInputError(
      layerboardWith(env, 'train', project, '--backend', 'webgpu'),
      '--backend webgpu: WebGPU backend not available',
    );
  });

  it('takes --epochs and --out, and eval reads the model back', () => {
    const project = writeJson('short.json', cropProject());
    const out = join(dir, 'short-model.json');
    const result = layerboard('train', project, '--epochs', '3', '--out', out, '--backend', 'cpu');
    expect(result.stdout.trimEnd().split('\n')).toEqual([
      'epoch 1/3 loss 5070.7681',
      'epoch 2/3 loss 3732.8613',
      'epoch 3/3 loss 2827.3474',
    ]);
    expectInputError(
      layerboard('eval', out, '--data', 'population-profit'),
      '--data: the model takes samples of shape [3] but "population-profit" has [1]',
    );
    const evaluation = layerboard('eval', out, '--data', project, '--json');
    expect(evaluation.status).toBe(0);
    const metrics = JSON.parse(evaluation.stdout);
    expect(metrics.count).toBe(5);
    expect(metrics.loss).toBeCloseTo(2213.27, 1); // the loss after 3 steps is epoch 4's
    // MSE is the mean over both targets of each one's squared RMSE.
    const targets: { name: string; r2: number; mae: number; rmse: number }[] =
      metrics.regression.targets;
    expect(targets.map((t) => t.name)).toEqual(['apples_ton', 'oranges_ton']);
    const mse = targets.reduce((sum, t) => sum + t.rmse ** 2, 0) / targets.length;
    expect(mse).toBeCloseTo(metrics.loss, 1);
    for (const t of targets) expect(t.mae).toBeLessThanOrEqual(t.rmse);
    const text = layerboard('eval', out, '--data', project).stdout.split('\n');
    expect(text).toContainEqual(expect.stringMatching(/^target +r2 +mae +rmse$/));
    expect(text).toContainEqual(
      expect.stringMatching(/^apples_ton +-?\d+\.\d{4} +\d+\.\d{4} +\d+\.\d{4}$/),
    );
    // The model file holds the last epoch's metrics on the training data (no validation split).
    const file = JSON.parse(readFileSync(out, 'utf8'));
    expect(file.metrics.regression.on).toBe('training');
    expect(file.metrics.regression.targets).toHaveLength(2);
  });

  it('reports validation loss and accuracy, and eval gives a confusion matrix', () => {
    const rows = ['x1,x2,kind'];
    for (let i = 0; i < 40; i++) {
      const a = (i * 7) % 10;
      const b = (i * 3) % 10;
      rows.push(`${a},${b},${a > b ? 'big' : 'small'}`);
    }
    writeJson('points.csv', `${rows.join('\n')}\n`);
    const project = writeJson('points.json', {
      ...cropProject(),
      graph: {
        nodes: [
          node('in', 'input'),
          node('fc', 'linear', { outFeatures: 2 }),
          node('soft', 'softmax'),
        ],
        edges: [
          { source: 'in', target: 'fc' },
          { source: 'fc', target: 'soft' },
        ],
      },
      dataset: {
        source: 'csv',
        path: 'points.csv',
        features: ['x1', 'x2'],
        targets: ['kind'],
        task: 'classification',
      },
      training: {
        loss: 'cross-entropy',
        optimizer: { type: 'adam', lr: 0.1 },
        batchSize: 8,
        epochs: 20,
        shuffle: true,
        seed: 3,
        normalize: 'standardize',
        validationSplit: 0.25,
      },
      weights: undefined,
    });
    const result = layerboard('train', project, '--backend', 'cpu');
    expect(result.status).toBe(0);
    expect(result.stdout.split('\n')[19]).toMatch(
      /^epoch 20\/20 loss \S+ val_loss \S+ accuracy \S+$/,
    );
    const evaluation = JSON.parse(
      layerboard('eval', join(dir, 'points.model.json'), '--data', project, '--json').stdout,
    );
    expect(evaluation.count).toBe(40);
    expect(evaluation.accuracy).toBeGreaterThan(0.8);
    expect(evaluation.confusionMatrix.flat().reduce((a: number, b: number) => a + b, 0)).toBe(40);
    // Per class: recall is the diagonal over the row, precision over the column (sklearn's).
    const m: number[][] = evaluation.confusionMatrix;
    const { classes, macro } = evaluation.classification;
    expect(classes.map((c: { name: string }) => c.name)).toEqual(['big', 'small']);
    classes.forEach((c: { precision: number; recall: number; support: number }, k: number) => {
      expect(c.support).toBe(m[k]![0]! + m[k]![1]!);
      expect(c.recall).toBeCloseTo(m[k]![k]! / c.support, 12);
      expect(c.precision).toBeCloseTo(m[k]![k]! / (m[0]![k]! + m[1]![k]!), 12);
    });
    expect(macro.recall).toBeCloseTo((classes[0].recall + classes[1].recall) / 2, 12);
    const text = layerboard('eval', join(dir, 'points.model.json'), '--data', project).stdout;
    expect(text).toMatch(/^class +precision +recall +f1 +support$/m);
    expect(text).toMatch(/^macro avg +[\d.]+ +[\d.]+ +[\d.]+ +40$/m);
    const file = JSON.parse(readFileSync(join(dir, 'points.model.json'), 'utf8'));
    expect(file.metrics.classification.on).toBe('validation');
    expect(file.metrics.history).toHaveLength(20);
    expect(
      file.metrics.history[19].confusionMatrix.flat().reduce((a: number, b: number) => a + b),
    ).toBe(10);
  });

  it('answers a missing file, bad JSON and a bad field with exit 2 and one line', () => {
    expectInputError(layerboard('train', 'missing.json'), 'cannot find the project file');
    expectInputError(layerboard('train', writeJson('bad.json', '{"format": ')), 'not valid JSON');
    const badField = cropProject();
    badField.training.batchSize = 0;
    expectInputError(layerboard('train', writeJson('field.json', badField)), 'training.batchSize');
    for (const name of ['bad', 'field'])
      expect(existsSync(join(dir, `${name}.model.json`))).toBe(false);
  });

  it('answers a graph error with the node, the problem and the fix', () => {
    expectInputError(
      layerboard(
        'train',
        writeJson('graph.json', cropProject({ outFeatures: 4 })),
        '--backend',
        'cpu',
      ),
      'graph node "fc1": the last Linear gives 4 outputs but the dataset has 2 targets: set its Out features to 2',
    );
    expect(existsSync(join(dir, 'graph.model.json'))).toBe(false);
  });

  it('answers bad options and commands with exit 2 and one line', () => {
    expectInputError(layerboard('train', 'x.json', '--epochs', 'ten'), '--epochs ten');
    expectInputError(layerboard('train', 'x.json', '--backend', 'tpu'), '--backend tpu');
    expectInputError(layerboard('train', 'x.json', '--frob'), 'unknown option --frob');
    expectInputError(layerboard('frob'), 'unknown command "frob"');
    expectInputError(layerboard('eval', 'x.model.json'), 'missing --data');
    expectInputError(
      layerboard('eval', writeJson('p.json', cropProject()), '--data', 'crop-yields'),
      'format: expected "layerboard/model"',
    );
  });

  it("prints each epoch's scheduled rate and says where early stopping ended the run", () => {
    // StepLR halves the rate after epoch 3; the validation loss is lowest at epoch 4, and a
    // patience of 2 stops the run at epoch 6 with epoch 4's weights and figures in the file.
    const base = cropProject({ epochs: 12 });
    const training = {
      ...base.training,
      optimizer: { type: 'sgd', lr: 0.05, momentum: 0.9 },
      batchSize: 2,
      shuffle: true,
      seed: 4,
      normalize: 'standardize',
      validationSplit: 0.2,
      schedule: { type: 'step', stepSize: 3, gamma: 0.5 },
      earlyStopping: { patience: 2 },
    };
    const project = writeJson('early.json', { ...base, training });
    const result = layerboard('train', project, '--backend', 'cpu');
    expect(result.status).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines.map((l) => / lr \S+$/.exec(l)?.[0])).toEqual([
      ' lr 0.05',
      ' lr 0.05',
      ' lr 0.05',
      ' lr 0.025',
      ' lr 0.025',
      ' lr 0.025',
    ]);
    expect(result.stderr).toContain(
      "Stopped early at epoch 6: the validation loss had not improved for 2 epochs since epoch 4; keeping epoch 4's weights.",
    );
    const file = JSON.parse(readFileSync(join(dir, 'early.model.json'), 'utf8'));
    expect(file.metrics).toMatchObject({ epochs: 4, valLoss: file.metrics.history[3].valLoss });
    expect(file.metrics.history).toHaveLength(6);

    const unsplit = writeJson('unsplit.json', {
      ...base,
      training: { ...base.training, earlyStopping: { patience: 2 } },
    });
    expectInputError(
      layerboard('train', unsplit, '--backend', 'cpu'),
      'Early stopping watches the validation loss, and the validation split is 0: set a validation split (0.2 holds out a fifth of the rows), or turn early stopping off. (in the project\'s "training")',
    );
  });

  it('writes nothing when training diverges', () => {
    const project = writeJson('wild.json', cropProject({ lr: 1e-2, epochs: 1000 }));
    const result = layerboard('train', project, '--backend', 'cpu');
    // Stopped at the step (train/divergence.ts): epoch 2's loss is a thousand times the first.
    expectInputError(result, 'training diverged: the loss grew from 5071 to 1.289e+8 in epoch 2');
    expect(result.stdout).toBe('epoch 1/1000 loss 5070.7681\n');
    expect(existsSync(join(dir, 'wild.model.json'))).toBe(false);
  });
});

describeWith(gpuNeed, 'layerboard train --backend webgpu', () => {
  it("trains on WebGPU (Dawn) to PyTorch's weights too", () => {
    const project = writeJson('gpu.json', cropProject());
    const result = layerboard('train', project, '--backend', 'webgpu');
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('wrote');
    const weights = JSON.parse(
      readFileSync(join(dir, 'gpu.model.json'), 'utf8'),
    ).layers[0].weight.flat();
    const want = crop.after100EpochsBatch5.weight.flat();
    weights.forEach((w: number, i: number) => {
      expect(Math.abs(w - want[i]!)).toBeLessThan(1e-3);
    });
  });
});

import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { DatasetRef, LossName, TrainingSettings } from '../../shared/project';
import { createCpuBackend } from '../cpu/backend';
import { prepareData } from '../data/loadData';
import { nodeFiles } from '../data/nodeFiles.node.ts';
import { initParams } from '../model/init';
import type { ModelSpec } from '../model/spec';
import { epochLosses } from '../testing/epochLosses';
import { describeWith, PYTHON, torchNeed } from '../testing/needs.node';
import { buildModelFile } from './modelFile';
import { modelToPytorch } from './pytorch';

// The exported script of a model trained on a table with gaps, text and dates reads the raw CSV
// file and encodes it as the app did: trained further from the same weights, it prints the app's
// losses, epoch by epoch.
const torch = torchNeed();
const dir = mkdtempSync(join(tmpdir(), 'layerboard-tables-py-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
for (const name of ['penguins.csv', 'bike-days.csv']) {
  copyFileSync(resolve(__dirname, '../data/fixtures', name), join(dir, name));
}

interface Case {
  readonly name: string;
  readonly dataset: Extract<DatasetRef, { source: 'csv' }>;
  readonly outputs: number;
  readonly loss: LossName;
}

const cases: Case[] = [
  {
    name: 'penguins, "missing": "drop"',
    dataset: {
      source: 'csv',
      path: 'penguins.csv',
      features: ['island', 'bill_length_mm', 'flipper_length_mm', 'sex'],
      targets: ['species'],
      task: 'classification',
      missing: 'drop',
      testSplit: 0.1,
    },
    outputs: 3,
    loss: 'cross-entropy',
  },
  {
    name: 'bike days, "missing": "mean"',
    dataset: {
      source: 'csv',
      path: 'bike-days.csv',
      features: ['date', 'season', 'weather', 'temp_c', 'humidity_pct', 'windspeed_kmh'],
      targets: ['rentals'],
      task: 'regression',
      missing: 'mean',
      testSplit: 0.2,
    },
    outputs: 1,
    loss: 'mse',
  },
];

describeWith(torch, 'PyTorch export of a table with gaps, text and dates', () => {
  it.each(cases.map((c) => [c.name, c] as const))(
    'trains on the raw CSV to the losses of the app (%s)',
    async (_, c) => {
      const training: TrainingSettings = {
        loss: c.loss,
        optimizer: { type: 'adam', lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 },
        batchSize: 32,
        epochs: 3,
        shuffle: true,
        seed: 6,
        normalize: 'standardize',
        validationSplit: 0.2,
      };
      const data = await prepareData(c.dataset, training, nodeFiles(dir));
      const width = data.train.sampleShape[0]!;
      const model: ModelSpec = {
        inputShape: [width],
        layers: [
          { kind: 'linear', nodeId: 'fc1', inFeatures: width, outFeatures: 8 },
          { kind: 'relu', nodeId: 'relu1' },
          { kind: 'linear', nodeId: 'fc2', inFeatures: 8, outFeatures: c.outputs },
        ],
      };
      const start = initParams(model, 11);
      const file = buildModelFile(model, start, {
        task: c.dataset.task,
        ...(data.info.classes ? { classes: [...data.info.classes] } : { targets: ['rentals'] }),
        preprocessing: data.preprocessing,
        training: { ...training, dataset: c.dataset },
        metrics: { epochs: 0 },
      });
      const session = await createCpuBackend().createSession(model, start, data.train, training);
      const appLosses = await epochLosses(session, 3);
      session.dispose();

      const module = c.dataset.path.replace(/\W/g, '_');
      const script = join(dir, `${module}.py`);
      writeFileSync(script, modelToPytorch(file, module));
      const run = spawnSync(
        PYTHON,
        [
          '-c',
          `import importlib.util, sys; spec = importlib.util.spec_from_file_location("${module}", sys.argv[1]); m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m); m.train(3, 'cpu')`,
          script,
        ],
        { cwd: dir, encoding: 'utf8' },
      );
      expect(run.stderr).toBe('');
      const lines = run.stdout.trim().split('\n');
      expect(lines).toHaveLength(3);
      // Printed with 4 decimals; float32 sums in PyTorch, float64 ones in the app.
      lines.forEach((line, i) => {
        const loss = Number(/ loss (\S+)/.exec(line)?.[1]);
        expect(Math.abs(loss - appLosses[i]!)).toBeLessThan(1e-4 + 1e-6 * appLosses[i]!);
      });
    },
  );
});

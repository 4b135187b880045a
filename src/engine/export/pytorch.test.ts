import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, expect, it } from 'vitest';
import { createCpuBackend } from '../cpu/backend';
import { loadProjectData } from '../data/loadProject.node.ts';
import type { ModelSpec } from '../model/spec';
import { describeWith, PYTHON, torchNeed } from '../testing/needs.node';
import { compareOutputs } from './compareOutputs';
import { ALL_MODELS, cropsModel, imageModel, minmaxModel, rawSamples } from './fixtures/models';
import type { ModelFile } from './modelFile';
import { buildModelFile } from './modelFile';
import { createPredictor } from './predict';
import { modelToPytorch } from './pytorch';

const torch = torchNeed();

const dir = mkdtempSync(join(tmpdir(), 'layerboard-pytorch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Imports the script as a module (nothing trains), runs `model` on `x`, prints the outputs. */
const RUN_MODEL = `
import importlib.util, json, sys, torch
spec = importlib.util.spec_from_file_location(sys.argv[1], sys.argv[2])
script = importlib.util.module_from_spec(spec)
spec.loader.exec_module(script)
request = json.load(sys.stdin)
x = torch.tensor(request['x'], dtype=torch.float32).reshape([-1] + request['shape'])
with torch.no_grad():
    print(json.dumps(script.model(x).flatten().tolist()))
`;

function python(code: string, args: string[], input = '') {
  const result = spawnSync(PYTHON, ['-c', code, ...args], { cwd: dir, input, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`python failed:\n${result.stderr}`);
  return result.stdout;
}

function writeScript(file: ModelFile, name: string): string {
  const path = join(dir, `${name}.py`);
  writeFileSync(path, modelToPytorch(file, name));
  return path;
}

describeWith(torch, 'PyTorch export', () => {
  it.each(Object.entries(ALL_MODELS))(
    'defines a model that gives the outputs of the app from raw inputs (%s)',
    (name, file) => {
      const count = 32;
      const raw = rawSamples(file, count, 7);
      const path = writeScript(file, name);
      const request = JSON.stringify({ x: Array.from(raw), shape: file.inputShape });
      const outputs = JSON.parse(python(RUN_MODEL, [name, path], request)) as number[];
      const expected = createPredictor(file).predict(raw, count);
      expect(compareOutputs(outputs, expected).scaled).toBeLessThan(1e-4);
    },
  );

  it('takes raw inputs of a standardised model: the lesson table gives its yields', () => {
    const path = writeScript(cropsModel, 'crops');
    const x = [73, 67, 43, 91, 88, 64, 87, 134, 58, 102, 43, 37, 69, 96, 70];
    const outputs = JSON.parse(
      python(RUN_MODEL, ['crops', path], JSON.stringify({ x, shape: [3] })),
    ) as number[];
    const targets = [56, 70, 81, 101, 119, 133, 22, 37, 103, 119];
    outputs.forEach((y, i) => {
      expect(Math.abs(y - targets[i]!)).toBeLessThan(5);
    });
  });

  it('trains further with the settings of the app: the same losses, epoch by epoch', async () => {
    // Lesson 1 on standardised inputs, a validation split and shuffled batches: the script's
    // random_split and DataLoader draw the app's split and batches from the same seed.
    const training = {
      loss: 'mse',
      optimizer: { type: 'sgd', lr: 0.05, momentum: 0.5, weightDecay: 0.001 },
      batchSize: 2,
      epochs: 3,
      shuffle: true,
      seed: 4,
      normalize: 'standardize',
      validationSplit: 0.2,
    } as const;
    const dataset = { source: 'builtin', name: 'crop-yields' } as const;
    const data = await loadProjectData(
      {
        format: 'layerboard/project',
        version: 1,
        graph: { nodes: [], edges: [] },
        dataset,
        training,
      },
      dir,
    );
    const model: ModelSpec = {
      inputShape: [3],
      layers: [{ kind: 'linear', inFeatures: 3, outFeatures: 2, nodeId: 'fc1' }],
    };
    const start = [
      { weight: Float32Array.of(1, -1, 0.5, 0.2, 0.7, -0.3), bias: Float32Array.of(60, 70) },
    ];
    const file = buildModelFile(model, start, {
      task: 'regression',
      targets: ['apples_ton', 'oranges_ton'],
      preprocessing: data.preprocessing,
      training: { ...training, dataset },
      metrics: { epochs: 0 },
    });
    const session = await createCpuBackend().createSession(model, start, data.train, training);
    const appLosses: number[] = [];
    for (let epoch = 0; epoch < 3; epoch++) {
      await session.train(session.progress.stepsPerEpoch);
      const { sum, samples } = await session.readLoss();
      appLosses.push(sum / samples);
    }

    copyFileSync(
      resolve(__dirname, '../../../resources/datasets/crop-yields.csv'),
      join(dir, 'crop-yields.csv'),
    );
    const path = writeScript(file, 'lesson1');
    const printed = python(
      'import importlib.util, sys; spec = importlib.util.spec_from_file_location("lesson1", sys.argv[1]); m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m); m.train(3)',
      [path],
    );
    const lines = printed.trim().split('\n');
    expect(lines.map((l) => l.replace(/ loss .*/, ''))).toEqual([
      'epoch 1/3',
      'epoch 2/3',
      'epoch 3/3',
    ]);
    // Printed with 4 decimals; float32 sums in PyTorch, float64 ones in the app.
    lines.forEach((line, i) => {
      const loss = Number(/ loss (\S+)/.exec(line)?.[1]);
      expect(Math.abs(loss - appLosses[i]!)).toBeLessThan(1e-4 + 1e-6 * appLosses[i]!);
    });
  });

  it('loads IDX images and CSV tables, and its training loop runs', () => {
    // 12 random 4x4 images in 3 classes, as IDX files (magic 0x0803 / 0x0801, big-endian sizes).
    const count = 12;
    const header = (magic: number, dims: number[]) => {
      const view = new DataView(new ArrayBuffer(4 + 4 * dims.length));
      view.setUint32(0, magic);
      dims.forEach((d, i) => {
        view.setUint32(4 + 4 * i, d);
      });
      return new Uint8Array(view.buffer);
    };
    const pixels = Uint8Array.from(rawSamples(imageModel, count));
    const labels = Uint8Array.from({ length: count }, (_, i) => i % 3);
    writeFileSync(
      join(dir, 'tiny-images.gz'),
      gzipSync(Buffer.concat([header(0x803, [count, 4, 4]), pixels])),
    );
    writeFileSync(
      join(dir, 'tiny-labels.gz'),
      gzipSync(Buffer.concat([header(0x801, [count]), labels])),
    );
    const rows = Array.from({ length: 6 }, (_, i) => `${i - 3},${1000 + 500 * i},7,${i},${2 * i}`);
    writeFileSync(join(dir, 'table.csv'), `a,b,c,y1,y2\n${rows.join('\n')}\n`);

    const run = (file: ModelFile, name: string) =>
      python(
        `import importlib.util, sys; spec = importlib.util.spec_from_file_location("${name}", sys.argv[1]); m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m); m.train(2)`,
        [writeScript(file, name)],
      );
    const images = run(imageModel, 'tiny').trim().split('\n');
    expect(images).toHaveLength(2);
    expect(images[1]).toMatch(
      /^epoch 2\/2 loss \d+\.\d{4} val_loss \d+\.\d{4} accuracy \d\.\d{4}$/,
    );
    const table = run(minmaxModel, 'table').trim().split('\n');
    expect(table[1]).toMatch(/^epoch 2\/2 loss \d+\.\d{4}$/);
    // A CSV classification: text labels become indices into CLASSES.
    const classes = ['cat', 'dog', 'emu'];
    const animals = {
      ...minmaxModel,
      task: 'classification',
      classes,
      targets: undefined,
      layers: minmaxModel.layers.map((l) =>
        l.kind === 'linear' && l.outFeatures === 2
          ? {
              ...l,
              outFeatures: 3,
              weight: [...l.weight, [0.1, 0.2, 0.3, 0.4]],
              bias: [...l.bias, 0],
            }
          : l,
      ),
      training: {
        ...minmaxModel.training,
        loss: 'cross-entropy',
        dataset: {
          source: 'csv',
          path: 'animals.csv',
          features: ['a', 'b', 'c'],
          targets: ['kind'],
          task: 'classification',
        },
      },
    } as ModelFile;
    const animalRows = Array.from({ length: 6 }, (_, i) => `${i},${1000 * i},7,${classes[i % 3]}`);
    writeFileSync(join(dir, 'animals.csv'), `a,b,c,kind\n${animalRows.join('\n')}\n`);
    expect(run(animals, 'animals').trim().split('\n')[1]).toMatch(
      /^epoch 2\/2 loss \d+\.\d{4} accuracy \d\.\d{4}$/,
    );
  });
});

import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, expect, it } from 'vitest';
import type { DatasetRef, TrainingSettings } from '../../shared/project';
import { createCpuBackend } from '../cpu/backend';
import { loadProjectData } from '../data/loadProject.node.ts';
import type { ModelSpec } from '../model/spec';
import { epochLosses } from '../testing/epochLosses';
import { describeWith, PYTHON, torchNeed } from '../testing/needs.node';
import { Trainer } from '../train/trainer';
import { compareOutputs } from './compareOutputs';
import {
  ALL_MODELS,
  cnnModel,
  cropsModel,
  imageModel,
  minmaxModel,
  rawSamples,
} from './fixtures/models';
import type { ModelFile } from './modelFile';
import { buildModelFile, modelFromFile } from './modelFile';
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

/** An IDX file as MNIST's are: magic 0x08 0x<dims>, big-endian sizes, the bytes, gzip'd. */
function writeIdx(name: string, dims: number[], values: Uint8Array): void {
  const view = new DataView(new ArrayBuffer(4 + 4 * dims.length));
  view.setUint32(0, 0x800 + dims.length);
  dims.forEach((d, i) => {
    view.setUint32(4 + 4 * i, d);
  });
  writeFileSync(join(dir, name), gzipSync(Buffer.concat([new Uint8Array(view.buffer), values])));
}

/** `count` raw images of the model's size (bytes 0..255) and labels cycling through 3 classes. */
function writeImages(file: ModelFile, images: string, labels: string, count: number): void {
  const [rows, cols] = file.inputShape.slice(-2) as [number, number];
  writeIdx(images, [count, rows, cols], Uint8Array.from(rawSamples(file, count)));
  writeIdx(
    labels,
    [count],
    Uint8Array.from({ length: count }, (_, i) => i % 3),
  );
}

function writeScript(file: ModelFile, name: string): string {
  const path = join(dir, `${name}.py`);
  writeFileSync(path, modelToPytorch(file, name));
  return path;
}

/** A dataset's prepared splits for `training`, its files read from the test's folder. */
function dataOf(dataset: DatasetRef, training: TrainingSettings) {
  const project = { format: 'layerboard/project', version: 1, dataset, training } as const;
  return loadProjectData({ ...project, graph: { nodes: [], edges: [] } }, dir);
}

/**
 * Lesson 1 (crop yields, one Linear(3, 2) from fixed weights) with `training`: its prepared data,
 * the model file of its starting point, and a CPU session from there.
 */
async function lessonOne(training: TrainingSettings) {
  const dataset = { source: 'builtin', name: 'crop-yields' } as const;
  const data = await dataOf(dataset, training);
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
  return { data, file, session };
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
    const { file, session } = await lessonOne(training);
    const appLosses = await epochLosses(session, 3);

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

  it("steps the app's learning-rate schedule and stops early where the app does, keeping the best weights", async () => {
    // Lesson 1 again: StepLR halves the rate after epoch 3, and the validation loss is lowest at
    // epoch 3, so with a patience of 2 both stop at epoch 5 and keep epoch 3's weights.
    const training = {
      loss: 'mse',
      optimizer: { type: 'sgd', lr: 0.05, momentum: 0.9, weightDecay: 0 },
      batchSize: 2,
      epochs: 12,
      shuffle: true,
      seed: 4,
      normalize: 'standardize',
      validationSplit: 0.2,
      schedule: { type: 'step', stepSize: 3, gamma: 0.5 },
      earlyStopping: { patience: 2 },
    } as const;
    const { data, file, session } = await lessonOne(training);
    const outcome = await new Trainer(session, {
      epochs: training.epochs,
      train: data.train,
      validation: data.validation!,
      earlyStopping: training.earlyStopping,
    }).run();
    expect(outcome).toMatchObject({ kind: 'completed', earlyStop: { epoch: 5, bestEpoch: 3 } });

    copyFileSync(
      resolve(__dirname, '../../../resources/datasets/crop-yields.csv'),
      join(dir, 'crop-yields.csv'),
    );
    const run = spawnSync(PYTHON, [writeScript(file, 'early'), '--device', 'cpu'], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    const lines = run.stdout.trim().split('\n');
    expect(lines.slice(-2)).toEqual([
      'stopped early at epoch 5: the validation loss had not improved for 2 epochs since epoch 3; keeping its weights',
      'saved the parameters to early.pt',
    ]);
    const epochs = lines.slice(0, -2);
    expect(epochs).toHaveLength(outcome.history.length);
    epochs.forEach((line, i) => {
      const [, loss, valLoss, rate] =
        /^epoch \d+\/12 loss (\S+) val_loss (\S+) lr (\S+)$/.exec(line) ?? [];
      const report = outcome.history[i]!;
      // Printed with 4 decimals; float32 sums in PyTorch, float64 ones in the app.
      expect(Math.abs(Number(loss) - report.loss)).toBeLessThan(1e-4 + 1e-6 * report.loss);
      expect(Math.abs(Number(valLoss) - report.valLoss!)).toBeLessThan(1e-4 + 1e-6 * report.loss);
      expect(Number(rate)).toBe(report.lr);
    });
    // The saved state_dict is the best epoch's, as the session's parameters are.
    const saved = JSON.parse(
      python(
        'import json, sys, torch; print(json.dumps({k: v.flatten().tolist() for k, v in torch.load(sys.argv[1]).items()}))',
        [join(dir, 'early.pt')],
      ),
    ) as Record<string, number[]>;
    const [best] = await session.getParams();
    // The Sequential's module 1: Preprocess is module 0.
    expect(compareOutputs(saved['1.weight']!, best!.weight).max).toBeLessThan(1e-4);
    expect(compareOutputs(saved['1.bias']!, best!.bias).max).toBeLessThan(1e-4);
    session.dispose();
  });

  it('loads IDX images and CSV tables, and its training loop runs', () => {
    // 12 random 4x4 images in 3 classes, as IDX files.
    writeImages(imageModel, 'tiny-images.gz', 'tiny-labels.gz', 12);
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

  it('trains a CNN further on channels-first images: the losses and the weights of the app', async () => {
    // 20 images of 12x12 in IDX files ([20, 12, 12], as Fashion-MNIST's), which the script
    // reads as [20, 1, 12, 12]; 5 held for validation, batches of 4, 4, 4, 3 (batch norm in
    // training mode normalises each by its own statistics and updates the running ones).
    const images = 'cnn-train-images.gz';
    const labels = 'cnn-train-labels.gz';
    writeImages(cnnModel, images, labels, 20);
    const training = {
      loss: 'cross-entropy',
      optimizer: { type: 'sgd', lr: 0.05, momentum: 0.9, weightDecay: 0.001 },
      batchSize: 4,
      epochs: 2,
      shuffle: true,
      seed: 3,
      normalize: 'standardize',
      validationSplit: 0.25,
    } as const;
    const dataset = { source: 'idx', images, labels } as const;
    const data = await dataOf(dataset, training);
    expect(data.train.sampleShape).toEqual([1, 12, 12]);
    const { model, params: start } = modelFromFile(cnnModel);
    const file = buildModelFile(model, start, {
      ...cnnModel,
      preprocessing: data.preprocessing,
      training: { ...training, dataset },
    });

    const session = await createCpuBackend().createSession(model, start, data.train, training);
    const app: { loss: number; valLoss: number; accuracy: number }[] = [];
    for (let epoch = 0; epoch < 2; epoch++) {
      await session.train(session.progress.stepsPerEpoch);
      const { sum, samples } = await session.readLoss();
      const { loss: valLoss, accuracy = Number.NaN } = await session.evaluate(data.validation!);
      app.push({ loss: sum / samples, valLoss, accuracy });
    }

    // Run as a user runs it, on the CPU: it trains EPOCHS epochs and saves cnn_train.pt.
    const run = spawnSync(PYTHON, [writeScript(file, 'cnn_train'), '--device', 'cpu'], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines.at(-1)).toBe('saved the parameters to cnn_train.pt');
    // Printed with 4 decimals; float32 sums in PyTorch, float64 ones in the app.
    lines.slice(0, -1).forEach((line, i) => {
      const [, loss, valLoss, accuracy] =
        /^epoch \d\/2 loss (\S+) val_loss (\S+) accuracy (\S+)$/.exec(line) ?? [];
      expect(Math.abs(Number(loss) - app[i]!.loss)).toBeLessThan(1e-4);
      expect(Math.abs(Number(valLoss) - app[i]!.valLoss)).toBeLessThan(1e-4);
      expect(Math.abs(Number(accuracy) - app[i]!.accuracy)).toBeLessThan(1e-4);
    });
    expect(lines).toHaveLength(3);

    // The saved state_dict: every trained tensor and running statistic as the app's.
    const saved = JSON.parse(
      python(
        'import json, sys, torch; print(json.dumps({k: v.flatten().tolist() for k, v in torch.load(sys.argv[1]).items()}))',
        [join(dir, 'cnn_train.pt')],
      ),
    ) as Record<string, number[]>;
    const trained = await session.getParams();
    const names = {
      weight: 'weight',
      bias: 'bias',
      runningMean: 'running_mean',
      runningVar: 'running_var',
    };
    let tensor = 0;
    let compared = 0;
    model.layers.forEach((layer, i) => {
      if (!('weight' in (file.layers[i] ?? {}))) return;
      const params = trained[tensor++]!;
      for (const [ours, theirs] of Object.entries(names)) {
        const values = params[ours as keyof typeof params];
        if (!values) continue;
        // The Sequential's module i + 1: Preprocess is module 0.
        expect(compareOutputs(saved[`${i + 1}.${theirs}`]!, values).max).toBeLessThan(1e-4);
        compared++;
      }
      expect(layer.kind).toBe(file.layers[i]!.kind);
    });
    expect(compared).toBe(4 * 2 + 2 * 4);
    session.dispose();
  });

  it('chooses the device with --device, and refuses one it does not know', () => {
    // 14 images: 4 held for validation, batches of 4, 4, 2 (batch norm cannot train on 1).
    writeImages(cnnModel, 'cnn-images.gz', 'cnn-labels.gz', 14);
    const path = writeScript(cnnModel, 'cnn_device');
    const help = spawnSync(PYTHON, [path, '--help'], { cwd: dir, encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--device {cuda,cpu}');
    const bad = spawnSync(PYTHON, [path, '--device', 'tpu'], { cwd: dir, encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain(
      "argument --device: invalid choice: 'tpu' (choose from 'cuda', 'cpu')",
    );
    const cpu = spawnSync(PYTHON, [path, '--device', 'cpu'], { cwd: dir, encoding: 'utf8' });
    expect(cpu.stderr).toBe('');
    expect(cpu.status).toBe(0);
    expect(cpu.stdout).toMatch(
      /^epoch 1\/2 loss \d+\.\d{4} val_loss \d+\.\d{4} accuracy \d\.\d{4}\n/,
    );
  });
});

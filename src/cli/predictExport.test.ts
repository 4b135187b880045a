import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-web';
import { afterAll, describe, expect, it } from 'vitest';
import { BUILTINS } from '../engine/data/builtins';
import { compareOutputs } from '../engine/export/compareOutputs';
import { cropsModel, imageModel, rawSamples, seededParams } from '../engine/export/fixtures/models';
import {
  buildModelFile,
  type ModelFile,
  modelFileText,
  parseModelFileText,
} from '../engine/export/modelFile';
import { createPredictor } from '../engine/export/predict';
import type { ModelSpec } from '../engine/model/spec';
import { expectInputError, runLayerboard } from './testing.node';

// The commands as a user runs them: `node bin/layerboard.mjs ...`, in a child process.
const dir = mkdtempSync(join(tmpdir(), 'layerboard-predict-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const layerboard = (...args: string[]) => runLayerboard(dir, args);

function write(name: string, text: string): string {
  writeFileSync(join(dir, name), text);
  return name;
}

const crops = write('crops.model.json', modelFileText(cropsModel));
const images = write('images.model.json', modelFileText(imageModel));

/** A Fashion-MNIST model file: images `[1, 28, 28]` as now, or `[28, 28]` as before channels. */
function fashionModel(spec: ModelSpec): ModelFile {
  return buildModelFile(spec, seededParams(spec, 2), {
    task: 'classification',
    classes: [...BUILTINS['fashion-mnist'].classes],
    preprocessing: { imageScale: 1 / 255, kind: 'none' },
    training: {
      loss: 'cross-entropy',
      optimizer: { type: 'sgd', lr: 0.1, momentum: 0, weightDecay: 0 },
      batchSize: 32,
      epochs: 1,
      shuffle: true,
      seed: 2,
      normalize: 'none',
      validationSplit: 0,
      dataset: { source: 'builtin', name: 'fashion-mnist' },
    },
    metrics: { epochs: 1 },
  });
}
const cnn28 = fashionModel({
  inputShape: [1, 28, 28],
  layers: [
    {
      kind: 'conv2d',
      inChannels: 1,
      outChannels: 2,
      kernelSize: 3,
      stride: 2,
      padding: 1,
      nodeId: 'conv',
    },
    { kind: 'batchNorm2d', numFeatures: 2, momentum: 0.1, eps: 1e-5, nodeId: 'bn' },
    { kind: 'relu', nodeId: 'relu' },
    { kind: 'maxPool2d', kernelSize: 2, stride: 2, nodeId: 'pool' },
    { kind: 'flatten', nodeId: 'flat' },
    { kind: 'linear', inFeatures: 98, outFeatures: 10, nodeId: 'fc' },
  ],
});
const mlp28 = fashionModel({
  inputShape: [28, 28],
  layers: [
    { kind: 'flatten', nodeId: 'flat' },
    { kind: 'linear', inFeatures: 784, outFeatures: 10, nodeId: 'fc' },
  ],
});

describe('layerboard predict', () => {
  it('prints one CSV row of outputs per input row, reading the feature columns by name', () => {
    const input = write(
      'farms.csv',
      'region,humidity_pct,temp_f,rainfall_mm\nKanto,43,73,67\nJohto,64,91,88\nHoenn,58,87,134\n',
    );
    const result = layerboard('predict', crops, '--input', input);
    expect(result.status).toBe(0);
    const rows = result.stdout.trimEnd().split('\n');
    expect(rows).toHaveLength(3);
    const printed = rows.flatMap((r) => r.split(',').map(Number));
    const expected = createPredictor(cropsModel).predict([73, 67, 43, 91, 88, 64, 87, 134, 58], 3);
    // The shortest decimals that read back as the same float32.
    expect(Float32Array.from(printed)).toEqual(expected);
  });

  it('names the outputs with --header, and takes image rows without a header', () => {
    const raw = rawSamples(imageModel, 2);
    const input = write(
      'pixels.csv',
      `${raw.subarray(0, 16).join(',')}\n${raw.subarray(16).join(',')}\n`,
    );
    const result = layerboard('predict', images, '--input', input, '--header');
    expect(result.status).toBe(0);
    const [header, ...rows] = result.stdout.trimEnd().split('\n');
    expect(header).toBe('circle,cross,square');
    expect(rows).toHaveLength(2);
    const sums = rows.map((r) => r.split(',').reduce((s, v) => s + Number(v), 0));
    sums.forEach((s) => {
      expect(s).toBeCloseTo(1, 5);
    });
  });

  it.each([
    ['a CNN on [1, 28, 28] images', cnn28],
    ['an MLP on [28, 28] images, as model files before channels held them', mlp28],
  ])('predicts Fashion-MNIST-sized images: %s', (_, file) => {
    const model = write('fashion.model.json', modelFileText(file));
    const raw = rawSamples(file, 3, 5);
    const rows = [0, 1, 2].map((r) => raw.subarray(r * 784, (r + 1) * 784).join(','));
    const result = layerboard(
      'predict',
      model,
      '--input',
      write('pixels28.csv', `${rows.join('\n')}\n`),
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const printed = result.stdout
      .trimEnd()
      .split('\n')
      .flatMap((r) => r.split(',').map(Number));
    expect(Float32Array.from(printed)).toEqual(createPredictor(file).predict(raw, 3));
    expect(printed).toHaveLength(30);
    expectInputError(
      layerboard(
        'predict',
        model,
        '--input',
        write('row28.csv', `${rows[0]!.split(',').slice(0, 28).join(',')}\n`),
      ),
      '"row28.csv" has 28 columns but the model takes 784 values per sample: give one image\'s 28 x 28 pixels row by row, raw values 0..255',
    );
  });

  it('answers a missing column, a bad cell and a missing option with exit 2 and one line', () => {
    expectInputError(
      layerboard('predict', crops, '--input', write('few.csv', 'temp_f,rainfall_mm\n1,2\n')),
      'has no column "humidity_pct"',
    );
    expectInputError(
      layerboard(
        'predict',
        crops,
        '--input',
        write('bad.csv', 'temp_f,rainfall_mm,humidity_pct\n1,2,3\n4,lots,6\n'),
      ),
      '"bad.csv", row 3, column B "rainfall_mm": "lots" is not a number',
    );
    expectInputError(layerboard('predict', crops), 'missing --input');
    expectInputError(
      layerboard('predict', crops, '--input', 'nowhere.csv'),
      'cannot find the input file',
    );
  });
});

describe('layerboard export', () => {
  it('writes an ONNX model that onnxruntime-web runs with the outputs of predict', async () => {
    const result = layerboard('export', images, '--format', 'onnx', '--out', 'images.onnx');
    expect(result.status).toBe(0);
    const session = await ort.InferenceSession.create(readFileSync(join(dir, 'images.onnx')));
    const raw = rawSamples(imageModel, 16);
    const out = await session.run({ input: new ort.Tensor('float32', raw, [16, 4, 4]) });
    const expected = createPredictor(imageModel).predict(raw, 16);
    expect(compareOutputs(out.output!.data as Float32Array, expected).scaled).toBeLessThan(1e-5);
  });

  it('writes the model JSON and a PyTorch script named for the file', () => {
    expect(layerboard('export', crops, '--format', 'json', '--out', 'copy.model.json').status).toBe(
      0,
    );
    const copy = parseModelFileText(readFileSync(join(dir, 'copy.model.json'), 'utf8'));
    expect(copy).toEqual(cropsModel);
    expect(
      layerboard('export', crops, '--format', 'pytorch', '--out', 'crop_yields.py').status,
    ).toBe(0);
    const script = readFileSync(join(dir, 'crop_yields.py'), 'utf8');
    expect(script).toContain('from crop_yields import model');
    expect(script).toContain("if __name__ == '__main__':");
  });

  it('refuses a bad format or a damaged model file, and writes nothing', () => {
    expectInputError(
      layerboard('export', crops, '--format', 'keras', '--out', 'x.h5'),
      '--format keras: expected one of json, pytorch, onnx',
    );
    expectInputError(layerboard('export', crops, '--out', 'x.onnx'), 'missing --format');
    const damaged = write('damaged.model.json', '{"format": "layerboard/model", "version": 1}');
    expectInputError(
      layerboard('export', damaged, '--format', 'onnx', '--out', 'damaged.onnx'),
      'damaged',
    );
    expect(existsSync(join(dir, 'damaged.onnx'))).toBe(false);
    expect(existsSync(join(dir, 'x.h5'))).toBe(false);
  });
});

import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-web';
import { afterAll, describe, expect, it } from 'vitest';
import { compareOutputs } from '../engine/export/compareOutputs';
import { cropsModel, imageModel, rawSamples } from '../engine/export/fixtures/models';
import { modelFileText, parseModelFileText } from '../engine/export/modelFile';
import { createPredictor } from '../engine/export/predict';
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

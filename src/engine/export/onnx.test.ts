import * as ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import { compareOutputs } from './compareOutputs';
import { ALL_MODELS, cropsModel, imageModel, rawSamples } from './fixtures/models';
import type { ModelFile } from './modelFile';
import { modelToOnnx } from './onnx';
import { ONNX_INPUT, ONNX_OUTPUT } from './onnxGraph';
import { modelProtoType } from './onnxSchema';
import { createPredictor } from './predict';

// One wasm thread: Node has no cross-origin isolation to worry about, but the app runs this way.
ort.env.wasm.numThreads = 1;

async function runOnnx(file: ModelFile, raw: Float32Array, count: number): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(modelToOnnx(file));
  const input = new ort.Tensor('float32', raw, [count, ...file.inputShape]);
  const result = await session.run({ [ONNX_INPUT]: input });
  await session.release();
  return result[ONNX_OUTPUT]!.data as Float32Array;
}

describe('ONNX export', () => {
  it.each(Object.entries(ALL_MODELS))(
    'runs in onnxruntime-web with the outputs of the app (%s), from raw inputs',
    async (_, file) => {
      const count = 64;
      const raw = rawSamples(file, count);
      const expected = createPredictor(file).predict(raw, count);
      const actual = await runOnnx(file, raw, count);
      // Within 1e-5, relative to the output above 1 (the crop yields are about 100).
      expect(compareOutputs(actual, expected).scaled).toBeLessThan(1e-5);
    },
  );

  it('takes raw inputs of a standardised model (not inputs standardised already)', async () => {
    // The crop yields table of the lesson, as raw numbers: temperature, rainfall, humidity.
    const raw = Float32Array.of(73, 67, 43, 91, 88, 64, 87, 134, 58, 102, 43, 37, 69, 96, 70);
    const targets = [56, 70, 81, 101, 119, 133, 22, 37, 103, 119];
    const outputs = await runOnnx(cropsModel, raw, 5);
    // Trained to a mean squared error of about 3: within a few tons of every target.
    outputs.forEach((y, i) => {
      expect(Math.abs(y - targets[i]!)).toBeLessThan(5);
    });
  });

  it('writes a valid opset-13 model with the layers as named operators', () => {
    const decoded = modelProtoType().toObject(modelProtoType().decode(modelToOnnx(imageModel)), {
      longs: Number,
    }) as {
      irVersion: number;
      opsetImport: { version: number }[];
      graph: { node: { opType: string }[]; initializer: { name: string; dims: number[] }[] };
      metadataProps: { key: string; value: string }[];
    };
    expect(decoded.irVersion).toBe(7);
    expect(decoded.opsetImport[0]!.version).toBe(13);
    expect(decoded.graph.node.map((n) => n.opType)).toEqual([
      'Div',
      'Sub',
      'Div',
      'Flatten',
      'Gemm',
      'LeakyRelu',
      'Gemm',
      'Tanh',
      'Gemm',
      'Sigmoid',
      'Gemm',
      'Relu',
      'Gemm',
      'Softmax',
    ]);
    const fc1 = decoded.graph.initializer.find((t) => t.name === 'fc1.weight');
    expect(fc1?.dims).toEqual([8, 16]);
    expect(decoded.metadataProps).toContainEqual({
      key: 'classes',
      value: '["circle","cross","square"]',
    });
  });
});

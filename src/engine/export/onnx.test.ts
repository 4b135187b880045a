import * as ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import { compareOutputs } from './compareOutputs';
import { ALL_MODELS, cnnModel, cropsModel, imageModel, rawSamples } from './fixtures/models';
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

  it("writes a CNN's layers as Conv, MaxPool, AveragePool and BatchNormalization with PyTorch's settings", () => {
    type Attribute = { name: string; i?: number; f?: number; ints?: number[] };
    const decoded = modelProtoType().toObject(modelProtoType().decode(modelToOnnx(cnnModel)), {
      longs: Number,
      defaults: false,
    }) as {
      graph: {
        node: { opType: string; name: string; input: string[]; attribute?: Attribute[] }[];
        initializer: { name: string; dims: number[] }[];
        input: { type: { tensorType: { shape: { dim: { dimValue?: number }[] } } } }[];
      };
    };
    const { node, initializer, input } = decoded.graph;
    expect(input[0]!.type.tensorType.shape.dim.slice(1).map((d) => d.dimValue)).toEqual([
      1, 12, 12,
    ]);
    expect(node.map((n) => n.opType)).toEqual([
      'Div',
      'Sub',
      'Div',
      'Conv',
      'BatchNormalization',
      'Relu',
      'MaxPool',
      'Conv',
      'AveragePool',
      'Flatten',
      'Gemm',
      'BatchNormalization',
      'Relu',
      'Gemm',
    ]);
    const attributes = (name: string) =>
      Object.fromEntries(
        (node.find((n) => n.name === name)?.attribute ?? []).map((a) => [
          a.name,
          a.ints ?? a.i ?? Math.fround(a.f ?? Number.NaN),
        ]),
      );
    expect(attributes('conv2')).toEqual({
      kernel_shape: [3, 3],
      strides: [2, 2],
      pads: [1, 1, 1, 1],
    });
    expect(attributes('pool1')).toEqual({ kernel_shape: [2, 2], strides: [2, 2] });
    expect(attributes('pool2')).toEqual({ kernel_shape: [2, 2], strides: [1, 1] });
    expect(attributes('bn1')).toEqual({ epsilon: Math.fround(0.01) });
    // BatchNormalization's inputs in ONNX's order: X, scale, B, input_mean, input_var.
    expect(node.find((n) => n.name === 'bn2')?.input.slice(1)).toEqual([
      'bn2.weight',
      'bn2.bias',
      'bn2.running_mean',
      'bn2.running_var',
    ]);
    const dims = Object.fromEntries(initializer.map((t) => [t.name, t.dims]));
    expect(dims['conv1.weight']).toEqual([4, 1, 3, 3]);
    expect(dims['conv2.weight']).toEqual([6, 4, 3, 3]);
    expect(dims['bn1.running_var']).toEqual([4]);
  });
});

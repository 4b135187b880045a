import { describe, expect, it } from 'vitest';
import type { Graph, GraphNode } from '../../../shared/project';
import { compileGraph } from '../compile';
import type { DataShape } from '../dataShape';
import { batchNorm1dNode, batchNorm2dNode } from './batchNorm';
import { conv2dNode } from './conv2d';
import { paramValue } from './paramSchema';
import { avgPool2dNode, maxPool2dNode } from './pool2d';

// The Convolution group's kinds, through compileGraph on small graphs as the editor compiles
// them: shapes on the wires, the text on the nodes, the problems and notes on them, and
// parameter counts as sum(p.numel() for p in model.parameters()) gives them.

const at = { x: 0, y: 0 };
function node(id: string, kind: GraphNode['kind'], params?: GraphNode['params']): GraphNode {
  return { id, kind, position: at, ...(params ? { params } : {}) };
}
/** A graph whose nodes are wired in the order given. */
function chain(...nodes: GraphNode[]): Graph {
  const edges = nodes.slice(1).map((n, i) => ({ source: nodes[i]!.id, target: n.id }));
  return { nodes, edges };
}
const fashion: DataShape = { sampleShape: [1, 28, 28], task: 'classification', outputs: 10 };
const compile = (...nodes: GraphNode[]) =>
  compileGraph(chain(node('in', 'input'), ...nodes), fashion, 'cross-entropy');
const problemsOn = (result: ReturnType<typeof compileGraph>, id: string) =>
  result.problems
    .filter((p) => p.nodeId === id)
    .map(({ severity, message }) => ({ severity, message }));

describe('a small CNN on Fashion-MNIST', () => {
  // nn.Sequential(nn.Conv2d(1, 8, 3, padding=1), nn.BatchNorm2d(8), nn.ReLU(), nn.MaxPool2d(2),
  // nn.Flatten(), nn.Linear(1568, 10), nn.BatchNorm1d(10)): 15,806 parameters in PyTorch 1.13.
  const result = compile(
    node('conv1', 'conv2d', { outChannels: 8, kernelSize: 3, padding: 1 }),
    node('bn1', 'batchNorm2d'),
    node('relu1', 'relu'),
    node('pool1', 'maxPool2d', { kernelSize: 2 }),
    node('flat', 'flatten'),
    node('fc', 'linear', { outFeatures: 10 }),
    node('bn2', 'batchNorm1d'),
  );

  it('compiles, with the shape of every wire', () => {
    expect(result.problems.filter((p) => p.severity !== 'info')).toEqual([]);
    expect(result.shapes).toEqual({
      in: [1, 28, 28],
      conv1: [8, 28, 28],
      bn1: [8, 28, 28],
      relu1: [8, 28, 28],
      pool1: [8, 14, 14],
      flat: [1568],
      fc: [10],
      bn2: [10],
    });
  });

  it("counts the parameters, batch norm's weight and bias (2 x channels) included", () => {
    expect(result.paramCounts).toMatchObject({
      conv1: 8 * 1 * 3 * 3 + 8,
      bn1: 2 * 8,
      relu1: 0,
      pool1: 0,
      fc: 1568 * 10 + 10,
      bn2: 2 * 10,
    });
    expect(result.totalParams).toBe(15806);
  });

  it('gives each layer its parameters, the pool its stride from its kernel size', () => {
    expect(result.model?.layers).toEqual([
      {
        kind: 'conv2d',
        inChannels: 1,
        outChannels: 8,
        kernelSize: 3,
        stride: 1,
        padding: 1,
        nodeId: 'conv1',
      },
      { kind: 'batchNorm2d', numFeatures: 8, momentum: 0.1, eps: 1e-5, nodeId: 'bn1' },
      { kind: 'relu', nodeId: 'relu1' },
      { kind: 'maxPool2d', kernelSize: 2, stride: 2, nodeId: 'pool1' },
      { kind: 'flatten', nodeId: 'flat' },
      { kind: 'linear', inFeatures: 1568, outFeatures: 10, nodeId: 'fc' },
      { kind: 'batchNorm1d', numFeatures: 10, momentum: 0.1, eps: 1e-5, nodeId: 'bn2' },
    ]);
  });
});

describe('Conv2d', () => {
  it('says how it is set and works out its size from its input', () => {
    expect(conv2dNode.summary!(conv2dNode.schema.parse({}))).toBe('8 filters of 3 x 3');
    expect(conv2dNode.summary!({ outChannels: 1, kernelSize: 5, stride: 2, padding: 1 })).toBe(
      '1 filter of 5 x 5, stride 2, padding 1',
    );
    const p = conv2dNode.schema.parse({ padding: 1 });
    expect(conv2dNode.arithmetic!([1, 28, 28], p)).toBe('(28 + 2·1 − 3) / 1 + 1 = 28');
    expect(conv2dNode.arithmetic!([3, 32, 20], { ...p, stride: 2 })).toBe(
      'height ⌊(32 + 2·1 − 3) / 2⌋ + 1 = 16; width ⌊(20 + 2·1 − 3) / 2⌋ + 1 = 10',
    );
    expect(conv2dNode.arithmetic!([784], p)).toBeUndefined();
  });

  it('takes a non-square image, each side by its own arithmetic', () => {
    const result = compileGraph(
      chain(node('in', 'input'), node('conv', 'conv2d', { outChannels: 4, stride: 2, padding: 1 })),
      { sampleShape: [3, 32, 20], task: 'classification', outputs: 2 },
      'cross-entropy',
    );
    expect(result.shapes.conv).toEqual([4, 16, 10]);
    expect(result.paramCounts.conv).toBe(4 * 3 * 3 * 3 + 4);
  });

  it('after a Flatten, says it needs images and where it goes', () => {
    const result = compile(node('flat', 'flatten'), node('conv', 'conv2d'));
    expect(problemsOn(result, 'conv')).toEqual([
      {
        severity: 'error',
        message:
          'Conv2d slides over images shaped [batch, channels, height, width] but gets flat rows [batch, 784]: put it before the Flatten, or use Linear layers on rows',
      },
    ]);
    expect(result.model).toBeUndefined();
  });

  it('with a kernel larger than its input, says what to change', () => {
    const result = compile(
      node('pool', 'maxPool2d', { kernelSize: 14 }),
      node('conv', 'conv2d', { kernelSize: 5 }),
    );
    expect(result.shapes.pool).toEqual([1, 2, 2]);
    expect(problemsOn(result, 'conv')).toEqual([
      {
        severity: 'error',
        message:
          "Conv2d's 5 x 5 kernel is larger than its 2 x 2 input: lower Kernel size or raise Padding, or remove a layer before it that shrinks the image",
      },
    ]);
  });

  it('notes a stride that leaves the last row and column out, and still compiles', () => {
    const result = compile(
      node('conv', 'conv2d', { stride: 2 }),
      node('flat', 'flatten'),
      node('fc', 'linear', { outFeatures: 10 }),
    );
    expect(result.shapes.conv).toEqual([8, 13, 13]);
    expect(problemsOn(result, 'conv')).toEqual([
      {
        severity: 'warning',
        message:
          'stride 2 does not fit evenly: the window never reaches the last row and column of the input, which PyTorch drops; change Stride, Kernel size or Padding',
      },
    ]);
    expect(result.model).toBeDefined();
  });

  it('refuses parameters out of their range with the field name', () => {
    const result = compile(node('conv', 'conv2d', { kernelSize: 0 }));
    expect(problemsOn(result, 'conv')).toEqual([
      { severity: 'error', message: expect.stringContaining('Kernel size') },
    ]);
  });
});

describe('MaxPool2d and AvgPool2d', () => {
  it('take the kernel size as their stride until it is set, as nn.MaxPool2d(3) does', () => {
    for (const def of [maxPool2dNode, avgPool2dNode]) {
      expect(def.defaults).toEqual({ kernelSize: 2 });
      expect(def.schema.parse(def.defaults)).toEqual({ kernelSize: 2, stride: 2 });
      expect(def.schema.parse({ kernelSize: 3 })).toEqual({ kernelSize: 3, stride: 3 });
      expect(def.schema.parse({ kernelSize: 3, stride: 1 })).toEqual({ kernelSize: 3, stride: 1 });
      // What the inspector shows: the kernel size while the stride is unset.
      const stride = def.params.find((d) => d.key === 'stride')!;
      expect(paramValue(def.params, { kernelSize: 4 }, stride)).toBe(4);
      expect(paramValue(def.params, { kernelSize: 4, stride: 1 }, stride)).toBe(1);
      expect(paramValue(def.params, {}, stride)).toBe(2);
    }
  });

  it('shrink the image by the arithmetic they show', () => {
    const result = compile(
      node('conv', 'conv2d', { padding: 1 }),
      node('max', 'maxPool2d', { kernelSize: 3 }),
      node('avg', 'avgPool2d', { kernelSize: 3, stride: 1 }),
      node('flat', 'flatten'),
      node('fc', 'linear', { outFeatures: 10 }),
    );
    expect(result.shapes).toMatchObject({ conv: [8, 28, 28], max: [8, 9, 9], avg: [8, 7, 7] });
    expect(result.model?.layers[1]).toEqual({
      kind: 'maxPool2d',
      kernelSize: 3,
      stride: 3,
      nodeId: 'max',
    });
    expect(result.paramCounts).toMatchObject({ max: 0, avg: 0 });
    expect(maxPool2dNode.arithmetic!([8, 28, 28], { kernelSize: 2, stride: 2 })).toBe(
      '(28 − 2) / 2 + 1 = 14',
    );
    expect(avgPool2dNode.arithmetic!([8, 28, 28], { kernelSize: 3, stride: 3 })).toBe(
      '⌊(28 − 3) / 3⌋ + 1 = 9',
    );
    expect(maxPool2dNode.summary!({ kernelSize: 2, stride: 2 })).toBe('2 x 2 windows');
    expect(avgPool2dNode.summary!({ kernelSize: 3, stride: 1 })).toBe('3 x 3 windows, stride 1');
  });

  it('note a stride that does not fit, without Padding in the advice', () => {
    const result = compile(node('max', 'maxPool2d', { kernelSize: 3 }));
    expect(problemsOn(result, 'max')).toContainEqual({
      severity: 'warning',
      message:
        'stride 3 does not fit evenly: the window never reaches the last row and column of the input, which PyTorch drops; change Stride or Kernel size',
    });
    const pooled = compile(node('max', 'maxPool2d', { kernelSize: 2, stride: 3 }));
    expect(problemsOn(pooled, 'max')).toContainEqual({
      severity: 'warning',
      message:
        'stride 3 does not fit evenly: the window never reaches the last 2 rows and columns of the input, which PyTorch drops; change Stride or Kernel size',
    });
  });

  it('refuse a kernel larger than their input, and flat rows', () => {
    const result = compile(node('avg', 'avgPool2d', { kernelSize: 29 }));
    expect(problemsOn(result, 'avg')).toEqual([
      {
        severity: 'error',
        message:
          "AvgPool2d's 29 x 29 kernel is larger than its 28 x 28 input: lower Kernel size, or remove a layer before it that shrinks the image",
      },
    ]);
    const flat = compile(node('flat', 'flatten'), node('max', 'maxPool2d'));
    expect(problemsOn(flat, 'max')[0]?.message).toMatch(
      /^MaxPool2d slides over images .* flat rows \[batch, 784\]: put it before the Flatten/,
    );
  });
});

describe('BatchNorm2d and BatchNorm1d', () => {
  it('keep the shape, and learn a weight and a bias per channel or feature', () => {
    const result = compile(
      node('bn2', 'batchNorm2d', { momentum: 0.2 }),
      node('flat', 'flatten'),
      node('bn1', 'batchNorm1d'),
    );
    expect(result.shapes).toMatchObject({ bn2: [1, 28, 28], flat: [784], bn1: [784] });
    expect(result.paramCounts).toMatchObject({ bn2: 2, bn1: 2 * 784 });
    expect(batchNorm2dNode.summary!(batchNorm2dNode.schema.parse({ momentum: 0.2 }))).toBe(
      'momentum 0.2',
    );
    expect(batchNorm1dNode.defaults).toEqual({ momentum: 0.1, eps: 1e-5 });
  });

  it('BatchNorm2d on flat rows says to use BatchNorm1d', () => {
    const result = compile(node('flat', 'flatten'), node('bn', 'batchNorm2d'));
    expect(problemsOn(result, 'bn')).toEqual([
      {
        severity: 'error',
        message:
          'BatchNorm2d normalises the channels of images shaped [batch, channels, height, width] but gets [batch, 784]: use BatchNorm1d after a Flatten or a Linear',
      },
    ]);
  });

  it('BatchNorm1d on images says to use BatchNorm2d', () => {
    const result = compile(node('conv', 'conv2d'), node('bn', 'batchNorm1d'));
    expect(problemsOn(result, 'bn')).toEqual([
      {
        severity: 'error',
        message:
          'BatchNorm1d normalises the features of rows shaped [batch, features] but gets [batch, 8, 26, 26]: use BatchNorm2d on images, or put it after the Flatten',
      },
    ]);
  });
});

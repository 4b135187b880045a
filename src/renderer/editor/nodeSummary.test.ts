import { describe, expect, it } from 'vitest';
import type { Problem } from '../../engine';
import { nodeAccessibleName, nodeArithmetic, nodeSummary } from './nodeSummary';

describe('nodeSummary', () => {
  it('says how a node is set, its defaults filled in', () => {
    expect(nodeSummary('linear', { outFeatures: 256 })).toBe('256 outputs');
    expect(nodeSummary('conv2d', { padding: 1 })).toBe('8 filters of 3 x 3, padding 1');
    expect(nodeSummary('maxPool2d', { kernelSize: 3 })).toBe('3 x 3 windows');
    expect(nodeSummary('conv2d', { kernelSize: 0 })).toBeUndefined();
  });
});

describe('nodeArithmetic', () => {
  it('works a convolution or pooling layer out from its input, a line per side', () => {
    expect(nodeArithmetic('conv2d', { padding: 1 }, [1, 28, 28])).toEqual([
      '(28 + 2·1 − 3) / 1 + 1 = 28',
    ]);
    expect(nodeArithmetic('maxPool2d', { kernelSize: 2 }, [8, 28, 20])).toEqual([
      'height (28 − 2) / 2 + 1 = 14',
      'width (20 − 2) / 2 + 1 = 10',
    ]);
  });

  it('has nothing to show without an input, for other kinds, or with an invalid parameter', () => {
    expect(nodeArithmetic('conv2d', {}, undefined)).toEqual([]);
    expect(nodeArithmetic('linear', { outFeatures: 10 }, [784])).toEqual([]);
    expect(nodeArithmetic('conv2d', { stride: 0 }, [1, 28, 28])).toEqual([]);
  });
});

describe('nodeAccessibleName', () => {
  const none: Problem[] = [];

  it('names a layer, how it is set and its output', () => {
    expect(nodeAccessibleName('fc1', 'linear', { outFeatures: 10 }, [10], none, [784])).toBe(
      'Linear fc1, 10 outputs, output [batch, 10]',
    );
  });

  it('says how a convolution gets its size, with a times sign a screen reader says', () => {
    expect(
      nodeAccessibleName('conv1', 'conv2d', { padding: 1 }, [8, 28, 28], none, [1, 28, 28]),
    ).toBe(
      'Conv2d conv1, 8 filters of 3 x 3, padding 1, output [batch, 8, 28, 28], height and width (28 + 2 × 1 − 3) / 1 + 1 = 28',
    );
    expect(nodeAccessibleName('pool1', 'maxPool2d', {}, [8, 14, 10], none, [8, 28, 20])).toBe(
      'MaxPool2d pool1, 2 x 2 windows, output [batch, 8, 14, 10], height (28 − 2) / 2 + 1 = 14, width (20 − 2) / 2 + 1 = 10',
    );
  });

  it('counts the errors of a node that has no shape, and gives no arithmetic', () => {
    const error: Problem = { nodeId: 'conv1', severity: 'error', message: 'Conv2d slides …' };
    expect(nodeAccessibleName('conv1', 'conv2d', {}, undefined, [error], [784])).toBe(
      'Conv2d conv1, 8 filters of 3 x 3, 1 error',
    );
  });
});

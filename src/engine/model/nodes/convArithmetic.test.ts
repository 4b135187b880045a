import { describe, expect, it } from 'vitest';
import {
  strideNote,
  windowArithmetic,
  windowOutput,
  windowProblem,
  windowText,
} from './convArithmetic';

const conv3 = { kernelSize: 3, stride: 1, padding: 1 };
const pool2 = { kernelSize: 2, stride: 2, padding: 0 };

describe('windowOutput', () => {
  // The sizes nn.Conv2d and nn.MaxPool2d give (PyTorch 1.13): [1, 3, 32, 20] through
  // Conv2d(3, 4, 3, stride=2, padding=1) is [1, 4, 16, 10]; [1, 1, 27, 27] through MaxPool2d(2)
  // is [1, 1, 13, 13].
  it('is floor((n + 2p - k) / s) + 1', () => {
    expect(windowOutput(28, conv3)).toBe(28);
    expect(windowOutput(28, pool2)).toBe(14);
    expect(windowOutput(27, pool2)).toBe(13);
    expect(windowOutput(32, { kernelSize: 3, stride: 2, padding: 1 })).toBe(16);
    expect(windowOutput(20, { kernelSize: 3, stride: 2, padding: 1 })).toBe(10);
    expect(windowOutput(3, { kernelSize: 3, stride: 1, padding: 0 })).toBe(1);
  });
});

describe('windowText', () => {
  it('works the size out as the lesson writes it', () => {
    expect(windowText(28, conv3)).toBe('(28 + 2·1 − 3) / 1 + 1 = 28');
    expect(windowText(28, pool2)).toBe('(28 − 2) / 2 + 1 = 14');
  });

  it('floors a division that does not come out even, and says so with ⌊ ⌋', () => {
    expect(windowText(27, pool2)).toBe('⌊(27 − 2) / 2⌋ + 1 = 13');
    expect(windowText(28, { kernelSize: 3, stride: 2, padding: 0 })).toBe(
      '⌊(28 − 3) / 2⌋ + 1 = 13',
    );
  });
});

describe('windowArithmetic', () => {
  it('gives a square image its arithmetic once', () => {
    expect(windowArithmetic([1, 28, 28], conv3)).toBe('(28 + 2·1 − 3) / 1 + 1 = 28');
  });

  it('gives each side of a non-square image its own', () => {
    expect(windowArithmetic([3, 32, 20], { kernelSize: 3, stride: 2, padding: 1 })).toBe(
      'height ⌊(32 + 2·1 − 3) / 2⌋ + 1 = 16; width ⌊(20 + 2·1 − 3) / 2⌋ + 1 = 10',
    );
  });
});

describe('windowProblem', () => {
  it('accepts an image the kernel fits, padding included', () => {
    expect(windowProblem('Conv2d', [1, 28, 28], conv3)).toBeUndefined();
    expect(windowProblem('Conv2d', [1, 2, 2], conv3)).toBeUndefined();
    expect(windowProblem('MaxPool2d', [8, 3, 3], { ...pool2, kernelSize: 3 })).toBeUndefined();
  });

  it('refuses flat rows, as after a Flatten, and says where the layer goes', () => {
    expect(windowProblem('Conv2d', [784], conv3)).toBe(
      'Conv2d slides over images shaped [batch, channels, height, width] but gets flat rows [batch, 784]: put it before the Flatten, or use Linear layers on rows',
    );
  });

  it('refuses an image without its channels', () => {
    expect(windowProblem('MaxPool2d', [28, 28], pool2)).toBe(
      'MaxPool2d slides over images shaped [batch, channels, height, width] but gets [batch, 28, 28]',
    );
  });

  it('refuses a kernel larger than its input, as PyTorch does, with what to change', () => {
    // nn.Conv2d(1, 1, 3)(torch.zeros(1, 1, 2, 2)): "Kernel size can't be greater than actual input size".
    expect(windowProblem('Conv2d', [1, 2, 2], { ...conv3, padding: 0 })).toBe(
      "Conv2d's 3 x 3 kernel is larger than its 2 x 2 input: lower Kernel size or raise Padding, or remove a layer before it that shrinks the image",
    );
    expect(windowProblem('Conv2d', [1, 2, 4], { kernelSize: 7, stride: 1, padding: 2 })).toBe(
      "Conv2d's 7 x 7 kernel is larger than its 2 x 4 input (6 x 8 with padding 2): lower Kernel size or raise Padding, or remove a layer before it that shrinks the image",
    );
    expect(windowProblem('AvgPool2d', [8, 2, 2], { ...pool2, kernelSize: 3 })).toBe(
      "AvgPool2d's 3 x 3 kernel is larger than its 2 x 2 input: lower Kernel size, or remove a layer before it that shrinks the image",
    );
  });
});

describe('strideNote', () => {
  it('says nothing when the windows cover the input exactly', () => {
    expect(strideNote([1, 28, 28], conv3, true)).toBeUndefined();
    expect(strideNote([8, 28, 28], pool2, false)).toBeUndefined();
  });

  it("says nothing when only padding is left out, as in ResNet's downsampling", () => {
    // ⌊(14 + 2·1 − 3) / 2⌋ + 1 = 7: the row never reached is the padding's.
    expect(strideNote([8, 14, 14], { kernelSize: 3, stride: 2, padding: 1 }, true)).toBeUndefined();
  });

  it('names the rows and columns that floor mode leaves out, and what to change', () => {
    expect(strideNote([8, 27, 27], pool2, false)).toBe(
      'stride 2 does not fit evenly: the window never reaches the last row and column of the input, which PyTorch drops; change Stride or Kernel size',
    );
    expect(strideNote([1, 28, 28], { kernelSize: 3, stride: 2, padding: 0 }, true)).toBe(
      'stride 2 does not fit evenly: the window never reaches the last row and column of the input, which PyTorch drops; change Stride, Kernel size or Padding',
    );
    // (28 + 2·1 − 3) = 27 = 6·4 + 3: the last 3 rows of the padded input, 2 of them pixels.
    expect(strideNote([1, 28, 28], { kernelSize: 3, stride: 4, padding: 1 }, true)).toBe(
      'stride 4 does not fit evenly: the window never reaches the last 2 rows and columns of the input, which PyTorch drops; change Stride, Kernel size or Padding',
    );
  });

  it('tells the sides of a non-square input apart', () => {
    expect(strideNote([1, 28, 29], { kernelSize: 2, stride: 3, padding: 0 }, false)).toBe(
      'stride 3 does not fit evenly: the window never reaches the last 2 rows of the input, which PyTorch drops; change Stride or Kernel size',
    );
    expect(strideNote([1, 28, 31], { kernelSize: 2, stride: 4, padding: 0 }, false)).toBe(
      'stride 4 does not fit evenly: the window never reaches the last 2 rows and the last column of the input, which PyTorch drops; change Stride or Kernel size',
    );
  });

  it('leaves flat inputs and kernels too large to the problems', () => {
    expect(strideNote([784], pool2, false)).toBeUndefined();
    expect(strideNote([1, 2, 2], { kernelSize: 5, stride: 2, padding: 0 }, true)).toBeUndefined();
  });
});

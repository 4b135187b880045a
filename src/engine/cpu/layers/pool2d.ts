import { windowOutput } from '../../model/nodes/convArithmetic';
import { type Layer, NO_GRAD, type Parameter } from './layer';

/**
 * What nn.MaxPool2d and nn.AvgPool2d share with their defaults (no padding, no dilation, floor
 * mode): a k x k window moved by `stride` over each channel of each sample, outH = floor((H - k) /
 * stride) + 1. A stride below k makes the windows overlap.
 */
abstract class Pool2d implements Layer {
  abstract readonly name: string;
  readonly outHeight: number;
  readonly outWidth: number;
  protected batch = 0;

  constructor(
    readonly channels: number,
    readonly inHeight: number,
    readonly inWidth: number,
    readonly kernelSize: number,
    readonly stride: number,
  ) {
    const window = { kernelSize, stride, padding: 0 };
    this.outHeight = windowOutput(inHeight, window);
    this.outWidth = windowOutput(inWidth, window);
    if (this.outHeight < 1 || this.outWidth < 1) {
      throw new Error(
        `a ${kernelSize}x${kernelSize} pooling window does not fit a ${inHeight}x${inWidth} input`,
      );
    }
  }

  outputShape(): number[] {
    return [this.channels, this.outHeight, this.outWidth];
  }

  abstract forward(x: Float32Array, batch: number): Float32Array;
  abstract backward(dy: Float32Array, inputGrad: boolean): Float32Array;

  params(): Parameter[] {
    return [];
  }

  /** Calls `visit(outIndex, inPlane, top, left)` for every window, in NCHW output order. */
  protected eachWindow(
    batch: number,
    visit: (out: number, plane: number, top: number, left: number) => void,
  ): void {
    const { outHeight: oh, outWidth: ow, stride } = this;
    const planeSize = this.inHeight * this.inWidth;
    let out = 0;
    for (let plane = 0; plane < batch * this.channels; plane++) {
      for (let i = 0; i < oh; i++) {
        for (let j = 0; j < ow; j++, out++) visit(out, plane * planeSize, i * stride, j * stride);
      }
    }
  }
}

/**
 * nn.MaxPool2d(k, stride): y = max over the window, and dL/dx gets each window's dL/dy at its
 * argmax (summed where overlapping windows share one). The argmax follows PyTorch's CPU kernel
 * (aten max_pool2d, `if (val > maxval || isnan(val))` in scan order from maxval = -inf): a tie goes
 * to the first maximum, a NaN wins (the last NaN in the window, since each NaN passes the test),
 * and a window of -inf keeps its first element.
 */
export class MaxPool2d extends Pool2d {
  readonly name = 'MaxPool2d';
  /** For each output of the last forward, the flat index of its input in the batch. */
  private argmax = new Int32Array(0);

  forward(x: Float32Array, batch: number): Float32Array {
    const { kernelSize: k, inWidth: w } = this;
    const y = new Float32Array(batch * this.channels * this.outHeight * this.outWidth);
    const argmax = new Int32Array(y.length);
    this.eachWindow(batch, (out, plane, top, left) => {
      let best = plane + top * w + left;
      let max = Number.NEGATIVE_INFINITY;
      for (let u = 0; u < k; u++) {
        const row = plane + (top + u) * w + left;
        for (let v = 0; v < k; v++) {
          const value = x[row + v]!;
          if (value > max || Number.isNaN(value)) {
            max = value;
            best = row + v;
          }
        }
      }
      y[out] = max;
      argmax[out] = best;
    });
    this.batch = batch;
    this.argmax = argmax;
    return y;
  }

  /** dL/dx[argmax of window] += dL/dy[window]; zero elsewhere. */
  backward(dy: Float32Array, inputGrad: boolean): Float32Array {
    if (!inputGrad) return NO_GRAD;
    // Overlapping windows can pick the same input: summed in float64, rounded once.
    const acc = new Float64Array(this.batch * this.channels * this.inHeight * this.inWidth);
    const { argmax } = this;
    for (let out = 0; out < argmax.length; out++) acc[argmax[out]!]! += dy[out]!;
    return Float32Array.from(acc);
  }
}

/** nn.AvgPool2d(k, stride): y = (sum over the window) / k^2, so dL/dx = dL/dy / k^2 on the window. */
export class AvgPool2d extends Pool2d {
  readonly name = 'AvgPool2d';

  forward(x: Float32Array, batch: number): Float32Array {
    const { kernelSize: k, inWidth: w } = this;
    const area = k * k; // PyTorch's divisor without padding, whatever count_include_pad says
    const y = new Float32Array(batch * this.channels * this.outHeight * this.outWidth);
    this.eachWindow(batch, (out, plane, top, left) => {
      let sum = 0;
      for (let u = 0; u < k; u++) {
        const row = plane + (top + u) * w + left;
        for (let v = 0; v < k; v++) sum += x[row + v]!;
      }
      y[out] = sum / area;
    });
    this.batch = batch;
    return y;
  }

  backward(dy: Float32Array, inputGrad: boolean): Float32Array {
    if (!inputGrad) return NO_GRAD;
    const { kernelSize: k, inWidth: w } = this;
    const area = k * k;
    const acc = new Float64Array(this.batch * this.channels * this.inHeight * this.inWidth);
    this.eachWindow(this.batch, (out, plane, top, left) => {
      const g = dy[out]! / area;
      for (let u = 0; u < k; u++) {
        const row = plane + (top + u) * w + left;
        for (let v = 0; v < k; v++) acc[row + v]! += g;
      }
    });
    return Float32Array.from(acc);
  }
}

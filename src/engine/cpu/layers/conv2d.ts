import { windowOutput } from '../../model/nodes/convArithmetic';
import { type ForwardContext, type Layer, NO_GRAD, type Parameter } from './layer';
import { linearForward, linearWeightGrad } from './matmul';

/**
 * nn.Conv2d(inChannels, outChannels, kernelSize, stride, padding) with a square kernel, zero
 * padding and a bias, W `[out][in][k][k]` as in PyTorch and activations NCHW (cross-correlation):
 *   y[s][o][i][j] = b[o] + sum_{c,u,v} W[o][c][u][v] x[s][c][i*stride - p + u][j*stride - p + v].
 *
 * Forward and dL/dW go through im2col: each output position's receptive field becomes one row of
 * a `[batch*outH*outW][in*k*k]` matrix, so the convolution is nn.Linear's product on those rows
 * (matmul.ts, float64 sums rounded once) and dL/dW is Linear's dy^T x. dL/dx is the transposed
 * convolution (col2im), summed in float64 over every window that covers an input pixel and also
 * rounded once.
 *
 * @example
 * // one 3x3 box filter over a 1x4x4 image, stride 1, no padding
 * const conv = new Conv2d(1, 1, 3, 1, 0, 4, 4, new Float32Array(9).fill(1), new Float32Array(1));
 * conv.outputShape(); // [1, 2, 2]
 */
export class Conv2d implements Layer {
  readonly name = 'Conv2d';
  readonly weight: Parameter;
  readonly bias: Parameter;
  readonly outHeight: number;
  readonly outWidth: number;
  private x = NO_GRAD;
  private batch = 0;

  constructor(
    readonly inChannels: number,
    readonly outChannels: number,
    readonly kernelSize: number,
    readonly stride: number,
    readonly padding: number,
    readonly inHeight: number,
    readonly inWidth: number,
    weight: Float32Array,
    bias: Float32Array,
  ) {
    const k = kernelSize;
    const title = `Conv2d(${inChannels}, ${outChannels}, kernel ${k}, stride ${stride}, padding ${padding})`;
    if (weight.length !== outChannels * inChannels * k * k || bias.length !== outChannels) {
      throw new Error(`${title} got parameters of the wrong size`);
    }
    // PyTorch's output size (floor mode): windows that would run past the padded edge are dropped.
    const window = { kernelSize, stride, padding };
    this.outHeight = windowOutput(inHeight, window);
    this.outWidth = windowOutput(inWidth, window);
    if (this.outHeight < 1 || this.outWidth < 1) {
      throw new Error(`${title} does not fit a ${inHeight}x${inWidth} input`);
    }
    this.weight = { name: 'weight', value: weight, grad: new Float32Array(weight.length) };
    this.bias = { name: 'bias', value: bias, grad: new Float32Array(bias.length) };
  }

  outputShape(): number[] {
    return [this.outChannels, this.outHeight, this.outWidth];
  }

  forward(x: Float32Array, batch: number, _ctx?: ForwardContext): Float32Array {
    this.x = x;
    this.batch = batch;
    const positions = this.outHeight * this.outWidth;
    const rows = linearForward(
      this.im2col(x, batch),
      this.weight.value,
      this.bias.value,
      batch * positions,
      this.inChannels * this.kernelSize ** 2,
      this.outChannels,
    );
    return transposeSamples(rows, batch, positions, this.outChannels);
  }

  /** Adds dL/dW = dy^T cols and dL/db = sum of dy; returns dL/dx (col2im of dy W). */
  backward(dy: Float32Array, inputGrad: boolean): Float32Array {
    const { batch, outChannels: m } = this;
    const positions = this.outHeight * this.outWidth;
    // The columns are rebuilt rather than kept from forward, so that a deep network holds one
    // im2col matrix at a time instead of one per layer.
    linearWeightGrad(
      transposeSamples(dy, batch, m, positions),
      this.im2col(this.x, batch),
      this.weight.grad,
      this.bias.grad,
      batch * positions,
      this.inChannels * this.kernelSize ** 2,
      m,
    );
    return inputGrad ? this.inputGrad(dy) : NO_GRAD;
  }

  params(): Parameter[] {
    return [this.weight, this.bias];
  }

  /**
   * cols[s*P + i*outW + j][(c*k + u)*k + v] = x[s][c][i*stride-p+u][j*stride-p+v], or 0 in the
   * padding: the row order matches W's `[in][k][k]` flattening, so y = cols W^T.
   */
  private im2col(x: Float32Array, batch: number): Float32Array {
    const { inChannels: c, kernelSize: k, stride, padding: p, inHeight: h, inWidth: w } = this;
    const { outHeight: oh, outWidth: ow } = this;
    const rowLength = c * k * k;
    const cols = new Float32Array(batch * oh * ow * rowLength); // zeros: the padding
    let row = 0;
    for (let s = 0; s < batch; s++) {
      for (let i = 0; i < oh; i++) {
        for (let j = 0; j < ow; j++, row += rowLength) {
          for (let ch = 0; ch < c; ch++) {
            const plane = (s * c + ch) * h * w;
            for (let u = 0; u < k; u++) {
              const y = i * stride - p + u;
              if (y < 0 || y >= h) continue;
              const to = row + (ch * k + u) * k;
              for (let v = 0; v < k; v++) {
                const xx = j * stride - p + v;
                if (xx >= 0 && xx < w) cols[to + v] = x[plane + y * w + xx]!;
              }
            }
          }
        }
      }
    }
    return cols;
  }

  /**
   * dL/dx[s][c][y][x] = sum over the windows (o, i, j) that cover (y, x) of
   * dy[s][o][i][j] W[o][c][y-i*stride+p][x-j*stride+p]: the transposed convolution, summed per
   * sample in float64 and rounded once.
   */
  private inputGrad(dy: Float32Array): Float32Array {
    const { inChannels: c, outChannels: m, kernelSize: k, stride, padding: p } = this;
    const { inHeight: h, inWidth: w, outHeight: oh, outWidth: ow, batch } = this;
    const wv = this.weight.value;
    const sampleSize = c * h * w;
    const dx = new Float32Array(batch * sampleSize);
    const acc = new Float64Array(sampleSize);
    for (let s = 0; s < batch; s++) {
      acc.fill(0);
      for (let o = 0; o < m; o++) {
        for (let i = 0; i < oh; i++) {
          for (let j = 0; j < ow; j++) {
            const g = dy[((s * m + o) * oh + i) * ow + j]!;
            if (g === 0) continue; // common after ReLU or max pooling
            for (let ch = 0; ch < c; ch++) {
              for (let u = 0; u < k; u++) {
                const y = i * stride - p + u;
                if (y < 0 || y >= h) continue;
                const from = ((o * c + ch) * k + u) * k;
                const to = (ch * h + y) * w;
                for (let v = 0; v < k; v++) {
                  const xx = j * stride - p + v;
                  if (xx >= 0 && xx < w) acc[to + xx]! += g * wv[from + v]!;
                }
              }
            }
          }
        }
      }
      dx.set(acc, s * sampleSize);
    }
    return dx;
  }
}

/** Each sample's `[rows][cols]` block to `[cols][rows]`: between im2col's row order and NCHW. */
function transposeSamples(
  a: Float32Array,
  batch: number,
  rows: number,
  cols: number,
): Float32Array {
  const out = new Float32Array(a.length);
  for (let s = 0; s < batch; s++) {
    const base = s * rows * cols;
    for (let r = 0; r < rows; r++) {
      for (let q = 0; q < cols; q++) out[base + q * rows + r] = a[base + r * cols + q]!;
    }
  }
  return out;
}

import { type Layer, sameShape } from './layer';

/**
 * nn.Softmax(dim=1): y_i = e^(x_i - max) / sum_j e^(x_j - max) per sample (subtracting the max
 * changes nothing mathematically and keeps e^ from overflowing). Its Jacobian
 * dy_i/dx_j = y_i (delta_ij - y_j) gives dL/dx_i = y_i (dL/dy_i - sum_j dL/dy_j y_j).
 */
export class Softmax implements Layer {
  readonly name = 'Softmax';
  private y: Float32Array = new Float32Array(0);
  private width = 0;

  constructor(readonly features: number) {}

  outputShape(inputShape: readonly number[]): number[] {
    return sameShape(inputShape);
  }

  forward(x: Float32Array, batch: number): Float32Array {
    const k = this.features;
    const y = new Float32Array(batch * k);
    for (let s = 0; s < batch; s++) {
      const o = s * k;
      let max = -Infinity;
      for (let i = 0; i < k; i++) max = Math.max(max, x[o + i]!);
      let sum = 0;
      for (let i = 0; i < k; i++) sum += Math.exp(x[o + i]! - max);
      for (let i = 0; i < k; i++) y[o + i] = Math.exp(x[o + i]! - max) / sum;
    }
    this.y = y;
    this.width = k;
    return y;
  }

  backward(dy: Float32Array): Float32Array {
    const { y, width: k } = this;
    const dx = new Float32Array(dy.length);
    for (let o = 0; o < dy.length; o += k) {
      let dot = 0;
      for (let i = 0; i < k; i++) dot += dy[o + i]! * y[o + i]!;
      for (let i = 0; i < k; i++) dx[o + i] = y[o + i]! * (dy[o + i]! - dot);
    }
    return dx;
  }

  params() {
    return [];
  }
}

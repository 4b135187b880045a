import { type Layer, sameShape } from './layer';

/**
 * An activation applied to each value on its own: y = f(x), so dL/dx = dL/dy * f'(x). Subclasses
 * give f and f' (from x, or from y where that is cheaper, as PyTorch's kernels do).
 */
export abstract class Elementwise implements Layer {
  abstract readonly name: string;
  protected x: Float32Array = new Float32Array(0);
  protected y: Float32Array = new Float32Array(0);

  protected abstract f(x: number): number;
  /** f'(x), given both x and y = f(x). */
  protected abstract df(x: number, y: number): number;

  outputShape(inputShape: readonly number[]): number[] {
    return sameShape(inputShape);
  }

  forward(x: Float32Array): Float32Array {
    const y = new Float32Array(x.length);
    for (let i = 0; i < x.length; i++) y[i] = this.f(x[i]!);
    this.x = x;
    this.y = y;
    return y;
  }

  backward(dy: Float32Array): Float32Array {
    const { x, y } = this;
    const dx = new Float32Array(dy.length);
    for (let i = 0; i < dy.length; i++) dx[i] = dy[i]! * this.df(x[i]!, y[i]!);
    return dx;
  }

  params() {
    return [];
  }
}

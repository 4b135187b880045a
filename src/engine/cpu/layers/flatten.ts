import type { Layer } from './layer';

/** nn.Flatten(): the row-major data already is `[batch, features]`, so only the shape changes. */
export class Flatten implements Layer {
  readonly name = 'Flatten';

  outputShape(inputShape: readonly number[]): number[] {
    return [inputShape.reduce((a, b) => a * b, 1)];
  }

  forward(x: Float32Array): Float32Array {
    return x;
  }

  /** dL/dx is dL/dy, reshaped back. */
  backward(dy: Float32Array): Float32Array {
    return dy;
  }

  params() {
    return [];
  }
}

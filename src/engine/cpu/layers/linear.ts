import { type ForwardContext, type Layer, NO_GRAD, type Parameter } from './layer';
import { linearForward, linearInputGrad, linearWeightGrad } from './matmul';

/**
 * nn.Linear: y = x W^T + b, with W `[out][in]` as in PyTorch. The products (matmul.ts) sum in
 * float64 and round once to float32, at least as accurate as PyTorch's float32 BLAS.
 */
export class Linear implements Layer {
  readonly name = 'Linear';
  readonly weight: Parameter;
  readonly bias: Parameter;
  private x = NO_GRAD;
  private batch = 0;

  constructor(
    readonly inFeatures: number,
    readonly outFeatures: number,
    weight: Float32Array,
    bias: Float32Array,
  ) {
    if (weight.length !== inFeatures * outFeatures || bias.length !== outFeatures) {
      throw new Error(`Linear(${inFeatures}, ${outFeatures}) got parameters of the wrong size`);
    }
    this.weight = { name: 'weight', value: weight, grad: new Float32Array(weight.length) };
    this.bias = { name: 'bias', value: bias, grad: new Float32Array(bias.length) };
  }

  outputShape(): number[] {
    return [this.outFeatures];
  }

  forward(x: Float32Array, batch: number, _ctx?: ForwardContext): Float32Array {
    this.x = x;
    this.batch = batch;
    return linearForward(
      x,
      this.weight.value,
      this.bias.value,
      batch,
      this.inFeatures,
      this.outFeatures,
    );
  }

  /** Adds dL/dW = dy^T x and dL/db = sum over the batch of dy; returns dL/dx = dy W. */
  backward(dy: Float32Array, inputGrad: boolean): Float32Array {
    const { inFeatures: n, outFeatures: m, x, batch } = this;
    linearWeightGrad(dy, x, this.weight.grad, this.bias.grad, batch, n, m);
    return inputGrad ? linearInputGrad(dy, this.weight.value, batch, n, m) : NO_GRAD;
  }

  params(): Parameter[] {
    return [this.weight, this.bias];
  }
}

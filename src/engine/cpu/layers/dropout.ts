import { dropoutUniform } from '../../model/dropoutHash';
import { type ForwardContext, type Layer, NO_GRAD, sameShape } from './layer';

/**
 * nn.Dropout(p): in training, element i of this layer's batch output is dropped at step t when
 * dropoutUniform(seed, layerIndex, t, i) < p (the mask the WebGPU backend draws too), and the
 * survivors are scaled by 1/(1-p) so the expected value is unchanged; in eval it is the identity.
 * dL/dx = dL/dy * mask / (1-p). The mask is not torch's (its Bernoulli stream cannot be shared).
 */
export class Dropout implements Layer {
  readonly name = 'Dropout';
  /** The scaled mask of the last training forward, or empty after an eval forward. */
  private mask = NO_GRAD;
  /** 1/(1-p) in float32, as PyTorch's noise.div_(1 - p) on a float tensor gives. */
  private readonly scale: number;

  constructor(
    readonly p: number,
    private readonly seed: number,
    private readonly layerIndex: number,
  ) {
    this.scale = Math.fround(1 / Math.fround(1 - p));
  }

  outputShape(inputShape: readonly number[]): number[] {
    return sameShape(inputShape);
  }

  forward(x: Float32Array, _batch: number, ctx: ForwardContext): Float32Array {
    if (!ctx.training || this.p === 0) {
      this.mask = NO_GRAD;
      return x;
    }
    const mask = new Float32Array(x.length);
    const y = new Float32Array(x.length);
    for (let i = 0; i < x.length; i++) {
      const keep = dropoutUniform(this.seed, this.layerIndex, ctx.step, i) >= this.p;
      mask[i] = keep ? this.scale : 0;
      y[i] = x[i]! * mask[i]!;
    }
    this.mask = mask;
    return y;
  }

  backward(dy: Float32Array): Float32Array {
    if (this.mask.length === 0) return dy;
    const dx = new Float32Array(dy.length);
    for (let i = 0; i < dy.length; i++) dx[i] = dy[i]! * this.mask[i]!;
    return dx;
  }

  params() {
    return [];
  }
}

import { type ForwardContext, type Layer, NO_GRAD, type Parameter, sameShape } from './layer';

/**
 * nn.BatchNorm2d / nn.BatchNorm1d with affine=True and track_running_stats=True (Ioffe & Szegedy
 * 2015, "Batch Normalization", Algorithm 1), per channel c over the n = batch * spatial values
 * x[s][c][...] of a channels-first batch:
 *
 *   training:  mu = mean(x),  var = mean((x - mu)^2)  (the biased variance normalises),
 *              running_mean <- (1 - momentum) running_mean + momentum mu,
 *              running_var  <- (1 - momentum) running_var  + momentum var n / (n - 1)  (unbiased);
 *   eval:      mu = running_mean, var = running_var, nothing updated;
 *   both:      xhat = (x - mu) / sqrt(var + eps),  y = weight xhat + bias.
 *
 * The sums and the normalisation are in float64 and y is rounded once: PyTorch's CPU kernel also
 * sums the statistics in double, so the two agree to float32 rounding.
 *
 * @example
 * const c = 3; // BatchNorm2d(3) on 4x4 images, PyTorch's defaults
 * const one = () => new Float32Array(c).fill(1);
 * new BatchNorm(c, 16, 0.1, 1e-5, one(), new Float32Array(c), new Float32Array(c), one());
 */
export class BatchNorm implements Layer {
  readonly weight: Parameter;
  readonly bias: Parameter;
  private x = NO_GRAD;
  private batch = 0;
  /** Whether the last forward normalised with the batch's statistics (so backward goes through them). */
  private training = false;
  /** Per channel, the mu and 1 / sqrt(var + eps) that the last forward normalised with. */
  private readonly mean: Float64Array;
  private readonly invStd: Float64Array;

  /**
   * `spatial` is H*W for 2d and 1 for 1d on `[batch, features]` (or L for 1d on `[batch, C, L]`);
   * `name` says which PyTorch class this is when `spatial` alone cannot.
   */
  constructor(
    readonly numFeatures: number,
    readonly spatial: number,
    readonly momentum: number,
    readonly eps: number,
    weight: Float32Array,
    bias: Float32Array,
    readonly runningMean: Float32Array,
    readonly runningVar: Float32Array,
    readonly name: 'BatchNorm1d' | 'BatchNorm2d' = spatial === 1 ? 'BatchNorm1d' : 'BatchNorm2d',
  ) {
    for (const a of [weight, bias, runningMean, runningVar]) {
      if (a.length !== numFeatures) {
        throw new Error(`${name}(${numFeatures}) got parameters or statistics of the wrong size`);
      }
    }
    this.weight = { name: 'weight', value: weight, grad: new Float32Array(numFeatures) };
    this.bias = { name: 'bias', value: bias, grad: new Float32Array(numFeatures) };
    this.mean = new Float64Array(numFeatures);
    this.invStd = new Float64Array(numFeatures);
  }

  outputShape(inputShape: readonly number[]): number[] {
    return sameShape(inputShape);
  }

  forward(x: Float32Array, batch: number, ctx: ForwardContext): Float32Array {
    const { numFeatures: channels, spatial, eps, mean, invStd } = this;
    const n = batch * spatial;
    if (ctx.training) {
      // PyTorch refuses too: an unbiased variance of one value divides by zero.
      if (n < 2) {
        throw new Error(
          `${this.name} expects more than 1 value per channel when training, got ${n}`,
        );
      }
      for (let c = 0; c < channels; c++) {
        let sum = 0;
        for (let s = 0; s < batch; s++) {
          const from = (s * channels + c) * spatial;
          for (let i = 0; i < spatial; i++) sum += x[from + i]!;
        }
        const mu = sum / n;
        // Two passes, sum of (x - mu)^2 rather than E[x^2] - mu^2, which cancels badly.
        let squares = 0;
        for (let s = 0; s < batch; s++) {
          const from = (s * channels + c) * spatial;
          for (let i = 0; i < spatial; i++) squares += (x[from + i]! - mu) ** 2;
        }
        mean[c] = mu;
        invStd[c] = 1 / Math.sqrt(squares / n + eps);
        const m = this.momentum;
        this.runningMean[c] = (1 - m) * this.runningMean[c]! + m * mu;
        this.runningVar[c] = (1 - m) * this.runningVar[c]! + (m * squares) / (n - 1);
      }
    } else {
      for (let c = 0; c < channels; c++) {
        mean[c] = this.runningMean[c]!;
        invStd[c] = 1 / Math.sqrt(this.runningVar[c]! + eps);
      }
    }
    const y = new Float32Array(x.length);
    for (let s = 0; s < batch; s++) {
      for (let c = 0; c < channels; c++) {
        const mu = mean[c]!;
        const scale = invStd[c]! * this.weight.value[c]!;
        const shift = this.bias.value[c]!;
        const from = (s * channels + c) * spatial;
        for (let i = from; i < from + spatial; i++) y[i] = (x[i]! - mu) * scale + shift;
      }
    }
    this.x = x;
    this.batch = batch;
    this.training = ctx.training;
    return y;
  }

  /**
   * dL/dweight += sum(dy xhat) and dL/dbias += sum(dy) per channel. dL/dx, with g = dy:
   *   training (mu and var depend on x; the chain rule of Ioffe & Szegedy, Section 3, as PyTorch's
   *     batch_norm_backward):  dx = weight / sqrt(var + eps) (g - mean(g) - xhat mean(g xhat));
   *   eval (fixed statistics, a plain affine map):  dx = weight / sqrt(var + eps) g.
   */
  backward(dy: Float32Array, inputGrad: boolean): Float32Array {
    const { numFeatures: channels, spatial, batch, x, mean, invStd } = this;
    const n = batch * spatial;
    const dx = inputGrad ? new Float32Array(x.length) : NO_GRAD;
    for (let c = 0; c < channels; c++) {
      const mu = mean[c]!;
      const inv = invStd[c]!;
      let sumDy = 0;
      let sumDyXhat = 0;
      for (let s = 0; s < batch; s++) {
        const from = (s * channels + c) * spatial;
        for (let i = from; i < from + spatial; i++) {
          sumDy += dy[i]!;
          sumDyXhat += dy[i]! * (x[i]! - mu) * inv;
        }
      }
      this.weight.grad[c]! += sumDyXhat;
      this.bias.grad[c]! += sumDy;
      if (!inputGrad) continue;
      const scale = this.weight.value[c]! * inv;
      const meanDy = this.training ? sumDy / n : 0;
      const meanDyXhat = this.training ? sumDyXhat / n : 0;
      for (let s = 0; s < batch; s++) {
        const from = (s * channels + c) * spatial;
        for (let i = from; i < from + spatial; i++) {
          const xhat = (x[i]! - mu) * inv;
          dx[i] = scale * (dy[i]! - meanDy - xhat * meanDyXhat);
        }
      }
    }
    return dx;
  }

  params(): Parameter[] {
    return [this.weight, this.bias];
  }
}

import type { Parameter } from '../layers';
import { type Optimizer, zeroGrads } from './optimizer';

const f = Math.fround;

export interface AdamOptions {
  readonly lr: number;
  readonly beta1?: number;
  readonly beta2?: number;
  readonly eps?: number;
  readonly weightDecay?: number;
}

/**
 * torch.optim.Adam (PyTorch 1.13 single-tensor path, amsgrad off), at step t = 1, 2, ...:
 *   g = grad + weightDecay * p
 *   m = beta1 * m + (1 - beta1) * g
 *   v = beta2 * v + (1 - beta2) * g^2
 *   p = p - lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
 * The bias corrections are Python doubles; every tensor operation rounds to float32.
 */
export class Adam implements Optimizer {
  private readonly m: Float32Array[];
  private readonly v: Float32Array[];
  private t = 0;
  lr: number;
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly eps: number;
  private readonly weightDecay: number;

  constructor(
    private readonly params: readonly Parameter[],
    options: AdamOptions,
  ) {
    this.lr = options.lr;
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.eps = options.eps ?? 1e-8;
    this.weightDecay = options.weightDecay ?? 0;
    this.m = params.map((p) => new Float32Array(p.value.length));
    this.v = params.map((p) => new Float32Array(p.value.length));
  }

  step(): void {
    this.t += 1;
    const b1 = f(this.beta1);
    const b2 = f(this.beta2);
    const oneMinusB1 = f(1 - this.beta1);
    const oneMinusB2 = f(1 - this.beta2);
    const wd = f(this.weightDecay);
    const eps = f(this.eps);
    const stepSize = f(-(this.lr / (1 - this.beta1 ** this.t)));
    const correction2 = f(Math.sqrt(1 - this.beta2 ** this.t));
    this.params.forEach(({ value: p, grad }, k) => {
      const m = this.m[k]!;
      const v = this.v[k]!;
      for (let i = 0; i < p.length; i++) {
        const g = wd !== 0 ? f(grad[i]! + wd * p[i]!) : grad[i]!;
        m[i] = f(m[i]! * b1) + oneMinusB1 * g;
        v[i] = f(v[i]! * b2) + oneMinusB2 * g * g;
        const denom = f(f(Math.sqrt(v[i]!)) / correction2) + eps;
        p[i] = p[i]! + stepSize * f(m[i]! / f(denom));
      }
    });
  }

  zeroGrad(): void {
    zeroGrads(this.params);
  }
}

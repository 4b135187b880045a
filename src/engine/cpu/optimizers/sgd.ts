import type { Parameter } from '../layers';
import { type Optimizer, zeroGrads } from './optimizer';

const f = Math.fround;

/**
 * torch.optim.SGD (PyTorch 1.13, no dampening, no Nesterov):
 *   g = grad + weightDecay * p
 *   buf = g at the first step, then buf = momentum * buf + g      (only when momentum > 0)
 *   p = p - lr * buf   (or lr * g without momentum)
 * Each line is one float32 tensor operation in PyTorch, so each result is rounded to float32, and
 * the Python scalars are cast to float32 first.
 */
export class SGD implements Optimizer {
  private readonly buffers: (Float32Array | undefined)[];
  lr: number;
  private readonly momentum: number;
  private readonly weightDecay: number;

  constructor(
    private readonly params: readonly Parameter[],
    options: { lr: number; momentum?: number; weightDecay?: number },
  ) {
    this.lr = options.lr;
    this.momentum = f(options.momentum ?? 0);
    this.weightDecay = f(options.weightDecay ?? 0);
    this.buffers = params.map(() => undefined);
  }

  step(): void {
    const { momentum, weightDecay } = this;
    // `p.add_(d, alpha=-lr)`: the Python double cast to float32.
    const lr = f(-this.lr);
    this.params.forEach(({ value: p, grad }, k) => {
      let buf = this.buffers[k];
      const first = buf === undefined;
      if (momentum !== 0 && buf === undefined) {
        buf = new Float32Array(p.length);
        this.buffers[k] = buf;
      }
      for (let i = 0; i < p.length; i++) {
        let d = weightDecay !== 0 ? f(grad[i]! + weightDecay * p[i]!) : grad[i]!;
        if (buf !== undefined) {
          d = first ? d : f(f(buf[i]! * momentum) + d);
          buf[i] = d;
        }
        p[i] = p[i]! + lr * d;
      }
    });
  }

  zeroGrad(): void {
    zeroGrads(this.params);
  }
}

import { Elementwise } from './elementwise';

/** nn.ReLU: y = max(0, x); dy/dx = 1 where x > 0, else 0 (PyTorch's threshold_backward). */
export class ReLU extends Elementwise {
  readonly name = 'ReLU';
  protected f(x: number): number {
    return x > 0 ? x : 0;
  }
  protected df(x: number): number {
    return x > 0 ? 1 : 0;
  }
}

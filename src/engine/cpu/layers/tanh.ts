import { Elementwise } from './elementwise';

/** nn.Tanh: y = tanh(x); dy/dx = 1 - y^2. */
export class Tanh extends Elementwise {
  readonly name = 'Tanh';
  protected f(x: number): number {
    return Math.tanh(x);
  }
  protected df(_x: number, y: number): number {
    return 1 - y * y;
  }
}

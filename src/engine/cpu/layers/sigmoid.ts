import { Elementwise } from './elementwise';

/** nn.Sigmoid: y = 1 / (1 + e^-x); dy/dx = y (1 - y). */
export class Sigmoid extends Elementwise {
  readonly name = 'Sigmoid';
  protected f(x: number): number {
    return 1 / (1 + Math.exp(-x));
  }
  protected df(_x: number, y: number): number {
    return y * (1 - y);
  }
}

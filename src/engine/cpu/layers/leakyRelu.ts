import { Elementwise } from './elementwise';

/** nn.LeakyReLU: y = x for x > 0, else slope * x; dy/dx = 1 or slope. */
export class LeakyReLU extends Elementwise {
  readonly name = 'LeakyReLU';
  /** PyTorch casts the slope to the tensor's float32. */
  private readonly slope: number;

  constructor(negativeSlope: number) {
    super();
    this.slope = Math.fround(negativeSlope);
  }
  protected f(x: number): number {
    return x > 0 ? x : x * this.slope;
  }
  protected df(x: number): number {
    return x > 0 ? 1 : this.slope;
  }
}

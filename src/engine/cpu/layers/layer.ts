/** A trainable tensor and its gradient (PyTorch's `param` and `param.grad`), flat and row-major. */
export interface Parameter {
  readonly name: 'weight' | 'bias';
  readonly value: Float32Array;
  readonly grad: Float32Array;
}

/** What a forward pass needs to know beyond its input. */
export interface ForwardContext {
  /** `model.train()` (true) or `model.eval()`: only Dropout cares. */
  readonly training: boolean;
  /** The global optimizer step, counted from 0: Dropout's mask depends on it. */
  readonly step: number;
}

/**
 * One layer of the CPU reference, micrograd-style: `forward` keeps what `backward` needs, and
 * `backward` turns dL/dy into dL/dx while adding dL/dparam into each parameter's `grad` (PyTorch
 * accumulates gradients too; the optimizer's `zeroGrad` clears them).
 */
export interface Layer {
  /** PyTorch's class name: "Linear". */
  readonly name: string;
  /** Output shape for an input shape, both without the batch dimension. */
  outputShape(inputShape: readonly number[]): number[];
  /** `batch` samples of input, row-major, to `batch` samples of output. */
  forward(x: Float32Array, batch: number, ctx: ForwardContext): Float32Array;
  /**
   * dL/dx for the last forward call from dL/dy. With `inputGrad` false (the first layer, whose
   * input is the data) it only accumulates parameter gradients and returns an empty array.
   */
  backward(dy: Float32Array, inputGrad: boolean): Float32Array;
  params(): Parameter[];
}

/** The shape-preserving part shared by activations. */
export function sameShape(inputShape: readonly number[]): number[] {
  return [...inputShape];
}

export const NO_GRAD: Float32Array = new Float32Array(0);

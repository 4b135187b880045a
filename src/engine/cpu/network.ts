import { layerTensors } from '../model/layers';
import type { ModelParams, ModelSpec } from '../model/spec';
import { BatchNorm, createLayer, type ForwardContext, type Layer, type Parameter } from './layers';

/**
 * A model's layers in order (nn.Sequential) on the CPU. `trainDepth` is how many layers the
 * training forward runs: all of them, or all but a final Softmax that cross-entropy folds in.
 */
export class Network {
  readonly layers: Layer[] = [];
  /** The layers with tensors, in order: one per entry of ModelParams. */
  private readonly tensorLayers: Layer[] = [];

  constructor(model: ModelSpec, params: ModelParams, seed: number) {
    let shape: readonly number[] = model.inputShape;
    model.layers.forEach((spec, index) => {
      const layerParams = layerTensors(spec) ? params[this.tensorLayers.length] : undefined;
      const layer = createLayer(spec, {
        index,
        inputShape: shape,
        seed,
        ...(layerParams ? { params: layerParams } : {}),
      });
      this.layers.push(layer);
      if (layerParams) this.tensorLayers.push(layer);
      shape = layer.outputShape(shape);
    });
    if (this.tensorLayers.length !== params.length) {
      throw new Error(
        `the model has ${this.tensorLayers.length} layers with weights but ${params.length} were given parameters`,
      );
    }
  }

  /**
   * Runs the first `depth` layers on `batch` samples; with `outputs`, keeps each layer's output
   * there (the arrays the layers return, not copies).
   */
  forward(
    x: Float32Array,
    batch: number,
    ctx: ForwardContext,
    depth = this.layers.length,
    outputs?: Float32Array[],
  ) {
    let y = x;
    for (let i = 0; i < depth; i++) {
      y = this.layers[i]!.forward(y, batch, ctx);
      outputs?.push(y);
    }
    return y;
  }

  /**
   * Back-propagates dL/dy of layer `depth - 1` down to the first layer with parameters (chain
   * rule, layer by layer): below it no gradient is needed, so neither is that layer's dL/dx
   * (for an MLP on images, the 784-wide input gradient of the first Linear: as much work as
   * its forward pass, thrown away).
   */
  backward(dy: Float32Array, depth = this.layers.length): void {
    const first = this.layers.findIndex((layer) => layer.params().length > 0);
    let g = dy;
    for (let i = depth - 1; i >= Math.max(first, 0); i--) {
      g = this.layers[i]!.backward(g, i > first);
    }
  }

  parameters(): Parameter[] {
    return this.layers.flatMap((l) => l.params());
  }

  /** Copies `params` (in `modelParams`' layout) into the layers' tensors. */
  loadParams(params: ModelParams): void {
    this.tensorLayers.forEach((l, i) => {
      const [weight, bias] = l.params() as [Parameter, Parameter];
      const p = params[i]!;
      weight.value.set(p.weight);
      bias.value.set(p.bias);
      if (l instanceof BatchNorm && p.runningMean && p.runningVar) {
        l.runningMean.set(p.runningMean);
        l.runningVar.set(p.runningVar);
      }
    });
  }

  /** Copies of every layer's tensors (batch norm's running statistics too), in layer order. */
  modelParams(): ModelParams {
    return this.tensorLayers.map((l) => {
      const [weight, bias] = l.params() as [Parameter, Parameter];
      const stats =
        l instanceof BatchNorm
          ? { runningMean: l.runningMean.slice(), runningVar: l.runningVar.slice() }
          : {};
      return { weight: weight.value.slice(), bias: bias.value.slice(), ...stats };
    });
  }
}

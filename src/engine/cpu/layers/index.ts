import type { LayerSpec, LinearParams } from '../../model/spec';
import { Dropout } from './dropout';
import { Flatten } from './flatten';
import type { Layer } from './layer';
import { LeakyReLU } from './leakyRelu';
import { Linear } from './linear';
import { ReLU } from './relu';
import { Sigmoid } from './sigmoid';
import { Softmax } from './softmax';
import { Tanh } from './tanh';

export type { ForwardContext, Layer, Parameter } from './layer';
export { Linear } from './linear';

/** Where a layer sits, for the layers that need to know. */
export interface LayerContext {
  readonly index: number;
  readonly inputShape: readonly number[];
  /** The run's seed, for Dropout's mask. */
  readonly seed: number;
  /** Parameters for a Linear layer, copied in. */
  readonly linear?: LinearParams;
}

/** Builds the CPU layer for one LayerSpec. */
export function createLayer(spec: LayerSpec, ctx: LayerContext): Layer {
  switch (spec.kind) {
    case 'linear': {
      if (!ctx.linear) throw new Error(`Linear layer ${spec.nodeId} has no parameters`);
      const { weight, bias } = ctx.linear;
      return new Linear(spec.inFeatures, spec.outFeatures, weight.slice(), bias.slice());
    }
    case 'flatten':
      return new Flatten();
    case 'relu':
      return new ReLU();
    case 'sigmoid':
      return new Sigmoid();
    case 'tanh':
      return new Tanh();
    case 'leakyRelu':
      return new LeakyReLU(spec.negativeSlope);
    case 'softmax':
      return new Softmax(ctx.inputShape.reduce((a, b) => a * b, 1));
    case 'dropout':
      return new Dropout(spec.p, ctx.seed, ctx.index);
    default:
      throw new Error(`unknown layer ${JSON.stringify(spec satisfies never)}`);
  }
}

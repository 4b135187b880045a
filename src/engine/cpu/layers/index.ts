import type { LayerParams, LayerSpec } from '../../model/spec';
import { BatchNorm } from './batchNorm';
import { Conv2d } from './conv2d';
import { Dropout } from './dropout';
import { Flatten } from './flatten';
import type { Layer } from './layer';
import { LeakyReLU } from './leakyRelu';
import { Linear } from './linear';
import { AvgPool2d, MaxPool2d } from './pool2d';
import { ReLU } from './relu';
import { Sigmoid } from './sigmoid';
import { Softmax } from './softmax';
import { Tanh } from './tanh';

export { BatchNorm } from './batchNorm';
export type { ForwardContext, Layer, Parameter } from './layer';
export { Linear } from './linear';

/** Where a layer sits, for the layers that need to know. */
export interface LayerContext {
  readonly index: number;
  readonly inputShape: readonly number[];
  /** The run's seed, for Dropout's mask. */
  readonly seed: number;
  /** The layer's tensors, for a kind that has any; copied in, so training never writes the caller's. */
  readonly params?: LayerParams;
}

function paramsOf(spec: LayerSpec, ctx: LayerContext): LayerParams {
  if (!ctx.params) throw new Error(`layer ${spec.nodeId} (${spec.kind}) has no parameters`);
  return ctx.params;
}

/** A fresh copy of a batch norm's statistics, which training updates in place. */
function statistic(values: Float32Array | undefined, spec: LayerSpec): Float32Array {
  if (!values) throw new Error(`batch norm ${spec.nodeId} has no running statistics`);
  return values.slice();
}

/** Builds the CPU layer for one LayerSpec. */
export function createLayer(spec: LayerSpec, ctx: LayerContext): Layer {
  switch (spec.kind) {
    case 'linear': {
      const { weight, bias } = paramsOf(spec, ctx);
      return new Linear(spec.inFeatures, spec.outFeatures, weight.slice(), bias.slice());
    }
    case 'conv2d': {
      const { weight, bias } = paramsOf(spec, ctx);
      const [, h, w] = ctx.inputShape as [number, number, number];
      const { inChannels, outChannels, kernelSize, stride, padding } = spec;
      return new Conv2d(
        inChannels,
        outChannels,
        kernelSize,
        stride,
        padding,
        h,
        w,
        weight.slice(),
        bias.slice(),
      );
    }
    case 'maxPool2d':
    case 'avgPool2d': {
      const [c, h, w] = ctx.inputShape as [number, number, number];
      const Pool = spec.kind === 'maxPool2d' ? MaxPool2d : AvgPool2d;
      return new Pool(c, h, w, spec.kernelSize, spec.stride);
    }
    case 'batchNorm2d':
    case 'batchNorm1d': {
      const { weight, bias, runningMean, runningVar } = paramsOf(spec, ctx);
      const spatial = ctx.inputShape.slice(1).reduce((a, b) => a * b, 1);
      const name = spec.kind === 'batchNorm2d' ? 'BatchNorm2d' : 'BatchNorm1d';
      return new BatchNorm(
        spec.numFeatures,
        spatial,
        spec.momentum,
        spec.eps,
        weight.slice(),
        bias.slice(),
        statistic(runningMean, spec),
        statistic(runningVar, spec),
        name,
      );
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

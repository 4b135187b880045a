import { layerShapes, layerTensors } from '../model/layers';
import type { LayerOf, ModelSpec } from '../model/spec';
import type { ParamLayout } from './paramLayout';
import type { BatchNormLayer, BatchNormState } from './programs/batchNorm';
import type { Conv2dLayer } from './programs/conv2d';
import type { ElementwiseOp } from './programs/elementwise';
import type { Pool2dLayer } from './programs/pool2d';

/** A convolution's sizes as its kernels take them (PyTorch's argument names). */
export interface ConvShape {
  readonly inChannels: number;
  readonly inHeight: number;
  readonly inWidth: number;
  readonly outChannels: number;
  readonly kernelSize: number;
  readonly stride: number;
  readonly padding: number;
  readonly outHeight: number;
  readonly outWidth: number;
}

/** A pooling layer's sizes. */
export interface PoolShape {
  readonly channels: number;
  readonly inHeight: number;
  readonly inWidth: number;
  readonly kernelSize: number;
  readonly stride: number;
  readonly outHeight: number;
  readonly outWidth: number;
}

/**
 * One kernel's worth of the model (or a few kernels that belong together): a Linear or a Conv2d
 * with the elementwise layers after it fused into its epilogue, a pooling layer, a batch norm,
 * elementwise layers with nothing to fuse into, or a Softmax of its own. `slot` is the layer's
 * place among the layers with tensors (its entry of ModelParams and of the ParamLayout), `layer`
 * its index in ModelSpec.layers.
 */
export type Stage =
  | {
      readonly kind: 'linear';
      readonly slot: number;
      readonly layer: number;
      readonly inFeatures: number;
      readonly outFeatures: number;
      readonly ops: readonly ElementwiseOp[];
    }
  | {
      readonly kind: 'conv';
      readonly slot: number;
      readonly layer: number;
      readonly shape: ConvShape;
      readonly ops: readonly ElementwiseOp[];
    }
  | {
      readonly kind: 'pool';
      readonly layer: number;
      readonly mode: 'max' | 'avg';
      readonly shape: PoolShape;
    }
  | {
      readonly kind: 'batchNorm';
      readonly slot: number;
      readonly layer: number;
      /** Its place among the model's batch norms: where its running statistics live. */
      readonly norm: number;
      readonly channels: number;
      /** Values per channel per sample: H x W, or 1 after a Flatten. */
      readonly spatial: number;
      readonly momentum: number;
      readonly eps: number;
      readonly ops: readonly ElementwiseOp[];
    }
  | { readonly kind: 'elementwise'; readonly width: number; readonly ops: readonly ElementwiseOp[] }
  | { readonly kind: 'softmax'; readonly width: number };

/** A conv stage's sizes as its kernels take them, for a batch of `rows`. */
export function convLayerOf(
  spec: { readonly layout: ParamLayout; readonly rows: number },
  s: number,
  stage: Extract<Stage, { kind: 'conv' }>,
  kernel: string,
): Conv2dLayer {
  const slot = spec.layout.slots[stage.slot]!;
  const { outHeight: _h, outWidth: _w, ...shape } = stage.shape;
  return {
    name: `stage ${s} conv ${kernel}`,
    batch: spec.rows,
    ...shape,
    weightOffset: slot.weight,
    biasOffset: slot.bias,
  };
}

/** A pooling stage's sizes as its kernels take them, for a batch of `rows`. */
export function poolLayerOf(
  rows: number,
  s: number,
  stage: Extract<Stage, { kind: 'pool' }>,
  kernel: string,
): Pool2dLayer & { readonly kind: 'max' | 'avg' } {
  const { channels, inHeight, inWidth, kernelSize, stride } = stage.shape;
  return {
    name: `stage ${s} ${stage.mode} pool ${kernel}`,
    kind: stage.mode,
    batch: rows,
    channels,
    inHeight,
    inWidth,
    kernelSize,
    stride,
  };
}

/** A batch norm stage's sizes and offsets as its kernels take them, for a batch of `rows`. */
export function normLayerOf(
  spec: { readonly layout: ParamLayout; readonly rows: number },
  s: number,
  stage: Extract<Stage, { kind: 'batchNorm' }>,
  kernel: string,
): BatchNormLayer & BatchNormState {
  const slot = spec.layout.slots[stage.slot]!;
  const norm = spec.layout.norms[stage.norm]!;
  return {
    name: `stage ${s} batch norm ${kernel}`,
    batch: spec.rows,
    channels: stage.channels,
    spatial: stage.spatial,
    weightOffset: slot.weight,
    biasOffset: slot.bias,
    eps: stage.eps,
    runningMeanOffset: norm.mean,
    runningVarOffset: norm.variance,
  };
}

/** Values per sample at the stage's output. */
export function stageWidth(stage: Stage): number {
  switch (stage.kind) {
    case 'linear':
      return stage.outFeatures;
    case 'conv':
      return stage.shape.outChannels * stage.shape.outHeight * stage.shape.outWidth;
    case 'pool':
      return stage.shape.channels * stage.shape.outHeight * stage.shape.outWidth;
    case 'batchNorm':
      return stage.channels * stage.spatial;
    default:
      return stage.width;
  }
}

/** The stages whose kernels apply the elementwise layers after them in their epilogue. */
type FusingStage = Extract<Stage, { kind: 'linear' | 'conv' | 'batchNorm' }>;

function fuses(stage: Stage | undefined): stage is FusingStage {
  return stage?.kind === 'linear' || stage?.kind === 'conv' || stage?.kind === 'batchNorm';
}

/** The elementwise layers fused into `stage`'s epilogue (a Linear's, Conv2d's or batch norm's). */
export function fusedOps(stage: Stage | undefined): readonly ElementwiseOp[] {
  return fuses(stage) ? stage.ops : [];
}

export interface PlanOptions {
  /** Training mode: Dropout drops; in evaluation it is the identity (nn.Module.eval()). */
  readonly training: boolean;
  /**
   * Leave out a final Softmax before cross-entropy, which takes logits: the loss kernel applies
   * the stable log-softmax itself. Prediction keeps it, so outputs are probabilities.
   */
  readonly foldSoftmax: boolean;
}

type Conv = LayerOf<'conv2d'>;

function convShape(layer: Conv, input: readonly number[], output: readonly number[]): ConvShape {
  const [inChannels, inHeight, inWidth] = input as [number, number, number];
  const [, outHeight, outWidth] = output as [number, number, number];
  const { outChannels, kernelSize, stride, padding } = layer;
  return {
    inChannels,
    inHeight,
    inWidth,
    outChannels,
    kernelSize,
    stride,
    padding,
    outHeight,
    outWidth,
  };
}

/**
 * The stages of `model`. Every run of elementwise layers fuses into the Linear, Conv2d or batch
 * norm before it (whose kernels apply them, and whose successors' backward kernels carry the
 * gradient through them), or into the elementwise stage before it. Flatten is free (activations
 * are row-major already). A model with no stage at all gets an identity stage, so the loss
 * always reads an activation buffer.
 */
export function planStages(model: ModelSpec, options: PlanOptions): Stage[] {
  const stages: Stage[] = [];
  const shapes = layerShapes(model);
  let width = model.inputShape.reduce((a, b) => a * b, 1);
  let slot = 0;
  let norms = 0;
  const layers = options.foldSoftmax ? model.layers.slice(0, -1) : model.layers;
  layers.forEach((layer, index) => {
    const input = shapes[index]!;
    const output = shapes[index + 1]!;
    const layerSlot = layerTensors(layer) ? slot++ : -1;
    let op: ElementwiseOp;
    switch (layer.kind) {
      case 'flatten':
        return;
      case 'linear':
        if (layer.inFeatures !== width) {
          throw new Error(`layer ${layer.nodeId}: inFeatures ${layer.inFeatures}, input ${width}`);
        }
        stages.push({
          kind: 'linear',
          slot: layerSlot,
          layer: index,
          inFeatures: layer.inFeatures,
          outFeatures: layer.outFeatures,
          ops: [],
        });
        width = layer.outFeatures;
        return;
      case 'conv2d':
        stages.push({
          kind: 'conv',
          slot: layerSlot,
          layer: index,
          shape: convShape(layer, input, output),
          ops: [],
        });
        width = stageWidth(stages.at(-1)!);
        return;
      case 'maxPool2d':
      case 'avgPool2d': {
        const [channels, inHeight, inWidth] = input as [number, number, number];
        const [, outHeight, outWidth] = output as [number, number, number];
        const { kernelSize, stride } = layer;
        stages.push({
          kind: 'pool',
          layer: index,
          mode: layer.kind === 'maxPool2d' ? 'max' : 'avg',
          shape: { channels, inHeight, inWidth, kernelSize, stride, outHeight, outWidth },
        });
        width = stageWidth(stages.at(-1)!);
        return;
      }
      case 'batchNorm2d':
      case 'batchNorm1d':
        stages.push({
          kind: 'batchNorm',
          slot: layerSlot,
          layer: index,
          norm: norms++,
          channels: layer.numFeatures,
          spatial: width / layer.numFeatures,
          momentum: layer.momentum,
          eps: layer.eps,
          ops: [],
        });
        return;
      case 'softmax':
        stages.push({ kind: 'softmax', width });
        return;
      case 'dropout':
        if (!options.training || layer.p === 0) return;
        op = { kind: 'dropout', p: layer.p, layer: index };
        break;
      case 'leakyRelu':
        op = { kind: 'leakyRelu', negativeSlope: layer.negativeSlope };
        break;
      default:
        op = { kind: layer.kind };
    }
    const last = stages.at(-1);
    if (last?.kind === 'elementwise' || fuses(last)) {
      stages[stages.length - 1] = { ...last, ops: [...last.ops, op] };
    } else {
      stages.push({ kind: 'elementwise', width, ops: [op] });
    }
  });
  if (stages.length === 0) stages.push({ kind: 'elementwise', width, ops: [] });
  return stages;
}

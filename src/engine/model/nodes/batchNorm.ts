import { batchShapeText } from '../shapeText';
import { defaultsOf, paramsSchema } from './paramSchema';
import type { LayerBase, NodeDefinition, ParamDescriptor } from './types';

type BatchNormKind = 'batchNorm2d' | 'batchNorm1d';

const params: readonly ParamDescriptor[] = [
  {
    key: 'momentum',
    label: 'Momentum',
    type: 'number',
    min: 0,
    max: 1,
    default: 0.1,
    help: 'How fast the running mean and variance (used when predicting) follow each batch (PyTorch default 0.1).',
  },
  {
    key: 'eps',
    label: 'Epsilon',
    type: 'number',
    min: 0,
    max: 1,
    minExclusive: true,
    default: 1e-5,
    help: 'Added to the variance before its square root, so a constant input does not divide by 0 (PyTorch default 1e-5).',
  },
];

export type BatchNormNodeParams = { readonly momentum: number; readonly eps: number };

export interface BatchNormLayer<K extends BatchNormKind = BatchNormKind>
  extends LayerBase,
    BatchNormNodeParams {
  readonly kind: K;
  readonly numFeatures: number;
}

/**
 * nn.BatchNorm2d / nn.BatchNorm1d(numFeatures, eps, momentum), affine: each channel (or feature)
 * is normalised by the batch's mean and variance while training and by the running ones after,
 * then scaled and shifted by a learned weight and bias.
 */
function batchNormNode<K extends BatchNormKind>(
  kind: K,
  label: string,
  explanation: string,
): NodeDefinition<BatchNormNodeParams, BatchNormLayer<K>> {
  const rank = kind === 'batchNorm2d' ? 3 : 1;
  return {
    kind,
    label,
    group: 'convolution',
    explanation,
    params,
    schema: paramsSchema(params),
    defaults: defaultsOf(params),
    inferShape(inputShape) {
      if (inputShape.length !== rank) {
        return {
          error:
            rank === 3
              ? `BatchNorm2d normalises the channels of images shaped [batch, channels, height, width] but gets ${batchShapeText(inputShape)}: use BatchNorm1d after a Flatten or a Linear`
              : `BatchNorm1d normalises the features of rows shaped [batch, features] but gets ${batchShapeText(inputShape)}: use BatchNorm2d on images, or put it after the Flatten`,
        };
      }
      return { shape: [...inputShape] };
    },
    summary: ({ momentum }) => `momentum ${momentum}`,
    toLayer: (nodeId, inputShape, { momentum, eps }) => ({
      kind,
      numFeatures: inputShape[0]!,
      momentum,
      eps,
      nodeId,
    }),
    tensors: {
      init: 'batchNorm',
      shapes: ({ numFeatures: n }) => ({
        weight: [n],
        bias: [n],
        runningMean: [n],
        runningVar: [n],
      }),
    },
  };
}

export const batchNorm2dNode = batchNormNode(
  'batchNorm2d',
  'BatchNorm2d',
  'BatchNorm2d: rescales each channel to mean 0 and variance 1 over the batch, then by a learned scale and shift. It steadies training so higher learning rates work; when predicting it uses averages kept during training.',
);

export const batchNorm1dNode = batchNormNode(
  'batchNorm1d',
  'BatchNorm1d',
  'BatchNorm1d: rescales each feature to mean 0 and variance 1 over the batch, then by a learned scale and shift. It steadies training; when predicting it uses averages kept during training.',
);

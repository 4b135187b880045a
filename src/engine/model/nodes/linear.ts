import { countOf } from '../../../shared/plural';
import { batchShapeText, productText, shapeSize } from '../shapeText';

const num = (n: number) => n.toLocaleString('en-US');

import { defaultsOf, paramsSchema } from './paramSchema';
import type { LayerBase, NodeDefinition, ParamDescriptor } from './types';

/** The most weights one Linear layer may hold (64 MB of float32), so it fits a GPU buffer. */
export const MAX_LINEAR_WEIGHTS = 16_777_216;

const params: readonly ParamDescriptor[] = [
  {
    key: 'outFeatures',
    label: 'Out features',
    type: 'int',
    min: 1,
    max: 65536,
    default: 10,
    help: 'How many numbers this layer outputs: one per neuron. The last layer needs one per target or class.',
  },
];

export type LinearNodeParams = { readonly outFeatures: number };

export interface LinearLayer extends LayerBase {
  readonly kind: 'linear';
  readonly inFeatures: number;
  readonly outFeatures: number;
}

/** nn.Linear(inFeatures, outFeatures): y = x W^T + b; `inFeatures` is inferred from the wire. */
export const linearNode: NodeDefinition<LinearNodeParams, LinearLayer> = {
  kind: 'linear',
  label: 'Linear',
  group: 'layers',
  explanation:
    'Linear: each output is a weighted sum of all inputs plus a bias, y = W x + b. Training adjusts the weights W and biases b.',
  params,
  schema: paramsSchema(params),
  defaults: defaultsOf(params),
  inferShape(inputShape, { outFeatures }) {
    if (inputShape.length !== 1) {
      return {
        error: `Linear expects ${countOf(shapeSize(inputShape), 'input')} (${productText(inputShape)} after Flatten) but gets ${batchShapeText(inputShape)}: add a Flatten before it`,
      };
    }
    const weights = inputShape[0]! * outFeatures;
    if (weights > MAX_LINEAR_WEIGHTS) {
      return {
        error: `this Linear would hold ${num(inputShape[0]!)} x ${num(outFeatures)} = ${num(weights)} weights, more than the ${num(MAX_LINEAR_WEIGHTS)} one layer can hold: lower Out features or the layer before`,
      };
    }
    return { shape: [outFeatures] };
  },
  toLayer: (nodeId, inputShape, { outFeatures }) => ({
    kind: 'linear',
    inFeatures: shapeSize(inputShape),
    outFeatures,
    nodeId,
  }),
  summary: ({ outFeatures }) => countOf(outFeatures, 'output'),
  tensors: {
    init: 'kaimingUniform',
    shapes: ({ inFeatures, outFeatures }) => ({
      weight: [outFeatures, inFeatures],
      bias: [outFeatures],
    }),
  },
};

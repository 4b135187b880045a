import { defaultsOf, paramsSchema } from './paramSchema';
import type { LayerBase, NodeDefinition, ParamDescriptor } from './types';

const params: readonly ParamDescriptor[] = [
  {
    key: 'negativeSlope',
    label: 'Negative slope',
    type: 'number',
    min: 0,
    max: 1,
    default: 0.01,
    help: 'What negative values are multiplied by (PyTorch default 0.01).',
  },
];

export interface LeakyReluLayer extends LayerBase {
  readonly kind: 'leakyRelu';
  readonly negativeSlope: number;
}

/** nn.LeakyReLU(negative_slope): x for x > 0, slope * x otherwise. */
export const leakyReluNode: NodeDefinition<{ readonly negativeSlope: number }, LeakyReluLayer> = {
  kind: 'leakyRelu',
  label: 'LeakyReLU',
  group: 'activations',
  explanation:
    'LeakyReLU: like ReLU, but negative values are scaled down (by 0.01 by default) instead of set to 0, so their neurons keep learning.',
  params,
  schema: paramsSchema(params),
  defaults: defaultsOf(params),
  inferShape: (inputShape) => ({ shape: [...inputShape] }),
  toLayer: (nodeId, _inputShape, { negativeSlope }) => ({
    kind: 'leakyRelu',
    negativeSlope,
    nodeId,
  }),
  summary: ({ negativeSlope }) => `slope ${negativeSlope}`,
};

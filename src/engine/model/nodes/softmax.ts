import { batchShapeText, productText } from '../shapeText';
import { paramsSchema } from './paramSchema';
import type { LayerBase, NodeDefinition } from './types';

export interface SoftmaxLayer extends LayerBase {
  readonly kind: 'softmax';
}

/** nn.Softmax(dim=1): e^x_i / sum_j e^x_j over each sample's scores. */
export const softmaxNode: NodeDefinition<Record<string, never>, SoftmaxLayer> = {
  kind: 'softmax',
  label: 'Softmax',
  group: 'activations',
  explanation:
    'Softmax: turns a row of scores into probabilities that are positive and add up to 1; the largest score gets the largest probability.',
  params: [],
  schema: paramsSchema([]),
  defaults: {},
  inferShape(inputShape) {
    if (inputShape.length !== 1) {
      return {
        error: `Softmax turns one row of scores per sample into probabilities but gets ${batchShapeText(inputShape)}: add a Flatten (${productText(inputShape)} values) and a Linear before it`,
      };
    }
    return { shape: [...inputShape] };
  },
  toLayer: (nodeId) => ({ kind: 'softmax', nodeId }),
};

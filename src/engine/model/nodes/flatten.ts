import { shapeSize } from '../shapeText';
import { paramsSchema } from './paramSchema';
import type { LayerBase, NodeDefinition } from './types';

export interface FlattenLayer extends LayerBase {
  readonly kind: 'flatten';
}

/** nn.Flatten(): `[batch, 1, 28, 28]` -> `[batch, 784]`. */
export const flattenNode: NodeDefinition<Record<string, never>, FlattenLayer> = {
  kind: 'flatten',
  label: 'Flatten',
  group: 'layers',
  explanation:
    'Flatten: lays a grid of values out as one long row (28 x 28 pixels become 784 numbers), so a Linear layer can take it.',
  params: [],
  schema: paramsSchema([]),
  defaults: {},
  inferShape: (inputShape) => ({ shape: [shapeSize(inputShape)] }),
  toLayer: (nodeId) => ({ kind: 'flatten', nodeId }),
};

import { shapeSize } from '../shapeText';
import { paramsSchema } from './paramSchema';
import type { NodeDefinition } from './types';

/** nn.Flatten(): `[batch, 28, 28]` -> `[batch, 784]`. */
export const flattenNode: NodeDefinition<Record<string, never>> = {
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
  paramCount: () => 0,
};

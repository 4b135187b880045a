import type { LayerSpec } from '../spec';
import { paramsSchema } from './paramSchema';
import type { NodeDefinition } from './types';

type ParameterFreeKind = 'relu' | 'sigmoid' | 'tanh';

/** A parameter-free activation applied to every value: the shape does not change. */
export function elementwiseNode(
  kind: ParameterFreeKind,
  label: string,
  explanation: string,
): NodeDefinition<Record<string, never>> {
  return {
    kind,
    label,
    group: 'activations',
    explanation,
    params: [],
    schema: paramsSchema([]),
    defaults: {},
    inferShape: (inputShape) => ({ shape: [...inputShape] }),
    toLayer: (nodeId): LayerSpec => ({ kind, nodeId }),
    paramCount: () => 0,
  };
}

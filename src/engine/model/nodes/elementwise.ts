import { paramsSchema } from './paramSchema';
import type { LayerBase, NodeDefinition } from './types';

type ParameterFreeKind = 'relu' | 'sigmoid' | 'tanh';

export interface ParameterFreeLayer<K extends ParameterFreeKind> extends LayerBase {
  readonly kind: K;
}

/** A parameter-free activation applied to every value: the shape does not change. */
export function elementwiseNode<K extends ParameterFreeKind>(
  kind: K,
  label: string,
  explanation: string,
): NodeDefinition<Record<string, never>, ParameterFreeLayer<K>> {
  return {
    kind,
    label,
    group: 'activations',
    explanation,
    params: [],
    schema: paramsSchema([]),
    defaults: {},
    inferShape: (inputShape) => ({ shape: [...inputShape] }),
    toLayer: (nodeId) => ({ kind, nodeId }),
  };
}

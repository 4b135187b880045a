import type { NodeKind } from '../../../shared/nodeKinds';
import { dropoutNode } from './dropout';
import { flattenNode } from './flatten';
import { inputNode } from './input';
import { leakyReluNode } from './leakyRelu';
import { linearNode } from './linear';
import { reluNode } from './relu';
import { sigmoidNode } from './sigmoid';
import { softmaxNode } from './softmax';
import { tanhNode } from './tanh';
import type { NodeDefinition } from './types';

export type { NodeDefinition, NodeGroup, NodeParams, ParamDescriptor, ShapeResult } from './types';

/**
 * Every node kind, for the editor's palette and inspector and for compile. The palette lists each
 * group's kinds in this order.
 *
 * @example
 * NODE_DEFINITIONS.linear.inferShape([784], { outFeatures: 10 }); // { shape: [10] }
 */
export const NODE_DEFINITIONS = {
  input: inputNode,
  linear: linearNode,
  flatten: flattenNode,
  dropout: dropoutNode,
  relu: reluNode,
  sigmoid: sigmoidNode,
  tanh: tanhNode,
  leakyRelu: leakyReluNode,
  softmax: softmaxNode,
} satisfies Record<NodeKind, NodeDefinition>;

/** A node kind's definition, typed loosely for code that handles every kind alike. */
export function nodeDefinition(kind: NodeKind): NodeDefinition {
  return NODE_DEFINITIONS[kind] as NodeDefinition;
}

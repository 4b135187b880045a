import type { NodeKind } from '../../../shared/nodeKinds';
import { batchNorm1dNode, batchNorm2dNode } from './batchNorm';
import { conv2dNode } from './conv2d';
import { dropoutNode } from './dropout';
import { flattenNode } from './flatten';
import { inputNode } from './input';
import { leakyReluNode } from './leakyRelu';
import { linearNode } from './linear';
import { avgPool2dNode, maxPool2dNode } from './pool2d';
import { reluNode } from './relu';
import { sigmoidNode } from './sigmoid';
import { softmaxNode } from './softmax';
import { tanhNode } from './tanh';
import type { NodeDefinition } from './types';

export { paramValue } from './paramSchema';
export type {
  LayerBase,
  NodeDefinition,
  NodeGroup,
  NodeParams,
  ParamDescriptor,
  ShapeResult,
  TensorInit,
  TensorShapes,
} from './types';

/**
 * Every node kind, for the editor's palette and inspector and for compile. The palette lists each
 * group's kinds in this order. A kind's compiled layer type (LayerSpec) comes from here too.
 *
 * @example
 * NODE_DEFINITIONS.linear.inferShape([784], { outFeatures: 10 }); // { shape: [10] }
 */
export const NODE_DEFINITIONS = {
  input: inputNode,
  linear: linearNode,
  flatten: flattenNode,
  dropout: dropoutNode,
  conv2d: conv2dNode,
  maxPool2d: maxPool2dNode,
  avgPool2d: avgPool2dNode,
  batchNorm2d: batchNorm2dNode,
  batchNorm1d: batchNorm1dNode,
  relu: reluNode,
  sigmoid: sigmoidNode,
  tanh: tanhNode,
  leakyRelu: leakyReluNode,
  softmax: softmaxNode,
} satisfies { readonly [K in NodeKind]: { readonly kind: K } };

/** A node kind's definition, typed loosely for code that handles every kind alike. */
export function nodeDefinition(kind: NodeKind): NodeDefinition {
  return NODE_DEFINITIONS[kind] as unknown as NodeDefinition;
}

/** Every kind of node a graph can hold, as written in project files (`graph.nodes[].kind`). */
export const NODE_KINDS = [
  'input',
  'flatten',
  'linear',
  'relu',
  'sigmoid',
  'tanh',
  'leakyRelu',
  'softmax',
  'dropout',
  'conv2d',
  'maxPool2d',
  'avgPool2d',
  'batchNorm2d',
  'batchNorm1d',
] as const;

export type NodeKind = (typeof NODE_KINDS)[number];

export function isNodeKind(value: string): value is NodeKind {
  return (NODE_KINDS as readonly string[]).includes(value);
}

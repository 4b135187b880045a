import { elementwiseNode } from './elementwise';

/** nn.Sigmoid(): 1 / (1 + e^-x). */
export const sigmoidNode = elementwiseNode(
  'sigmoid',
  'Sigmoid',
  'Sigmoid: squeezes every value into the range 0 to 1 along an S-shaped curve, 1 / (1 + e^-x).',
);

import { elementwiseNode } from './elementwise';

/** nn.Tanh(): (e^x - e^-x) / (e^x + e^-x). */
export const tanhNode = elementwiseNode(
  'tanh',
  'Tanh',
  'Tanh: squeezes every value into the range -1 to 1 along an S-shaped curve centred on 0.',
);

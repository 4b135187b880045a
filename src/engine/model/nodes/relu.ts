import { elementwiseNode } from './elementwise';

/** nn.ReLU(): max(0, x). */
export const reluNode = elementwiseNode(
  'relu',
  'ReLU',
  'ReLU: replaces negative values by 0, so stacked Linear layers stop collapsing into one and can learn curved patterns.',
);

import type { NodeKind } from '../../shared/nodeKinds';

/** Names and one-line explanations of the node kinds, as the palette and nodes show them. */
export const KIND_INFO: Record<NodeKind, { label: string; explanation: string }> = {
  input: {
    label: 'Input',
    explanation: 'Input: one sample of the dataset, its shape set by the data.',
  },
  flatten: {
    label: 'Flatten',
    explanation: 'Flatten: lays an image out as one long row of numbers (28 x 28 becomes 784).',
  },
  linear: {
    label: 'Linear',
    explanation: 'Linear: each output is a weighted sum of all inputs plus a bias (y = xWᵀ + b).',
  },
  relu: {
    label: 'ReLU',
    explanation:
      'ReLU: replaces negative values by 0, so stacked Linear layers stop collapsing into one.',
  },
  sigmoid: { label: 'Sigmoid', explanation: 'Sigmoid: squashes each value into (0, 1).' },
  tanh: { label: 'Tanh', explanation: 'Tanh: squashes each value into (-1, 1), centred on 0.' },
  leakyRelu: {
    label: 'LeakyReLU',
    explanation: 'LeakyReLU: like ReLU, but negative values keep a small slope instead of 0.',
  },
  softmax: {
    label: 'Softmax',
    explanation: 'Softmax: turns scores into probabilities that are positive and sum to 1.',
  },
  dropout: {
    label: 'Dropout',
    explanation:
      'Dropout: while training, zeroes a random share of values so the model cannot rely on any one.',
  },
};

export const PALETTE_GROUPS: { title: string; kinds: NodeKind[] }[] = [
  { title: 'Layers', kinds: ['linear', 'flatten', 'dropout'] },
  { title: 'Activations', kinds: ['relu', 'sigmoid', 'tanh', 'leakyRelu', 'softmax'] },
];

import { defaultsOf, paramsSchema } from './paramSchema';
import type { LayerBase, NodeDefinition, ParamDescriptor } from './types';

const params: readonly ParamDescriptor[] = [
  {
    key: 'p',
    label: 'Drop probability',
    type: 'number',
    min: 0,
    max: 1,
    maxExclusive: true,
    default: 0.5,
    help: 'The chance that each value is set to 0 during training (PyTorch default 0.5).',
  },
];

export interface DropoutLayer extends LayerBase {
  readonly kind: 'dropout';
  readonly p: number;
}

/** nn.Dropout(p): in training, zeroes each value with probability p and scales the rest by 1/(1-p). */
export const dropoutNode: NodeDefinition<{ readonly p: number }, DropoutLayer> = {
  kind: 'dropout',
  label: 'Dropout',
  group: 'layers',
  explanation:
    'Dropout: while training, randomly sets values to 0 (and scales up the others), so the network cannot rely on any single neuron. It does nothing when predicting.',
  params,
  schema: paramsSchema(params),
  defaults: defaultsOf(params),
  inferShape: (inputShape) => ({ shape: [...inputShape] }),
  toLayer: (nodeId, _inputShape, { p }) => ({ kind: 'dropout', p, nodeId }),
  summary: ({ p }) => `p = ${p}`,
};

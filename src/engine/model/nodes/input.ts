import { paramsSchema } from './paramSchema';
import type { NodeDefinition } from './types';

/** The data entering the model: its shape is the dataset's sample shape. */
export const inputNode: NodeDefinition<Record<string, never>, undefined> = {
  kind: 'input',
  label: 'Input',
  group: 'input',
  explanation:
    'Input: one sample of the dataset enters here, a row of numbers for a table or a grid of pixels for an image. Its shape comes from the data.',
  params: [],
  schema: paramsSchema([]),
  defaults: {},
  inferShape: (inputShape) => ({ shape: [...inputShape] }),
  toLayer: () => undefined,
};

import { strideNote, windowArithmetic, windowOutput, windowProblem } from './convArithmetic';
import { defaultsOf, paramsSchema } from './paramSchema';
import type { LayerBase, NodeDefinition, ParamDescriptor } from './types';

type PoolKind = 'maxPool2d' | 'avgPool2d';

const params: readonly ParamDescriptor[] = [
  {
    key: 'kernelSize',
    label: 'Kernel size',
    type: 'int',
    min: 1,
    max: 31,
    default: 2,
    help: 'The width and height of each window: 2 means 2 x 2 windows.',
  },
  {
    key: 'stride',
    label: 'Stride',
    type: 'int',
    min: 1,
    max: 31,
    default: 2,
    defaultFrom: 'kernelSize',
    help: 'How far the window moves at each step; as in PyTorch it is the kernel size unless you set it, so windows do not overlap.',
  },
];

export type PoolNodeParams = { readonly kernelSize: number; readonly stride: number };

export interface PoolLayer<K extends PoolKind = PoolKind> extends LayerBase, PoolNodeParams {
  readonly kind: K;
}

/** nn.MaxPool2d(k, stride) and nn.AvgPool2d(k, stride): no padding, floor mode, per channel. */
function poolNode<K extends PoolKind>(
  kind: K,
  label: string,
  explanation: string,
): NodeDefinition<PoolNodeParams, PoolLayer<K>> {
  return {
    kind,
    label,
    group: 'convolution',
    explanation,
    params,
    schema: paramsSchema(params),
    defaults: defaultsOf(params),
    inferShape(inputShape, p) {
      const window = { ...p, padding: 0 };
      const problem = windowProblem(label, inputShape, window);
      if (problem) return { error: problem };
      const [c, h, w] = inputShape as [number, number, number];
      return { shape: [c, windowOutput(h, window), windowOutput(w, window)] };
    },
    summary: ({ kernelSize, stride }) =>
      `${kernelSize} x ${kernelSize} windows${stride !== kernelSize ? `, stride ${stride}` : ''}`,
    note: (inputShape, p) => strideNote(inputShape, { ...p, padding: 0 }, false),
    arithmetic: (inputShape, p) =>
      inputShape.length === 3 ? windowArithmetic(inputShape, { ...p, padding: 0 }) : undefined,
    toLayer: (nodeId, _inputShape, { kernelSize, stride }) => ({
      kind,
      kernelSize,
      stride,
      nodeId,
    }),
  };
}

export const maxPool2dNode = poolNode(
  'maxPool2d',
  'MaxPool2d',
  'MaxPool2d: keeps the largest value of each small window, so the image shrinks (2 x 2 windows halve it) while the strongest responses survive.',
);

export const avgPool2dNode = poolNode(
  'avgPool2d',
  'AvgPool2d',
  'AvgPool2d: replaces each small window by its average, so the image shrinks (2 x 2 windows halve it) and gets smoother.',
);

import type { ModelFile, ModelFileLayer } from './modelFile';
import { pythonFloats, pythonMatrix, pythonString, wrapText } from './pythonLiterals';
import { type RawInputTransform, rawInputTransform } from './rawInputTransform';

/** A setting as a Python number: JavaScript's shortest form (`0.1`, `1e-8`, `32`) is valid Python. */
export const pythonNumber = (n: number): string => String(n);

/** Values shaped like one sample, nested as `shape` says (rows of an image), for torch.tensor. */
function pythonNested(values: readonly number[], shape: readonly number[], indent: number): string {
  if (shape.length <= 1) return pythonFloats(values, indent);
  const size = shape.slice(1).reduce((a, b) => a * b, 1);
  const rows = Array.from({ length: shape[0]! }, (_, i) => values.slice(i * size, (i + 1) * size));
  if (shape.length === 2) return pythonMatrix(rows, indent);
  const inner = ' '.repeat(indent + 4);
  const body = rows.map((r) => `${inner}${pythonNested(r, shape.slice(1), indent + 4)},`);
  return `[\n${body.join('\n')}\n${' '.repeat(indent)}]`;
}

/** The preprocessing as a small nn.Module class, or nothing when raw inputs go in as they are. */
export function preprocessClass(transform: RawInputTransform): string | undefined {
  const { scale, affine } = transform;
  if (!scale && !affine) return undefined;
  const scaled = scale
    ? scale.op === 'divide'
      ? `x / ${scale.by}`
      : `x * ${pythonNumber(scale.by)}`
    : 'x';
  const steps: string[] = [];
  if (scale) {
    const bytes = scale.op === 'divide' && scale.by === 255;
    steps.push(
      `scales raw values (${scaled}${bytes ? ", as torchvision's ToTensor does for bytes" : ''})`,
    );
  }
  if (affine?.kind === 'standardize') {
    steps.push(
      'standardises each input: (x - mean) / std, with the statistics of the training data',
    );
  }
  if (affine?.kind === 'minmax') {
    steps.push(
      "scales each input to [0, 1]: (x - min) / range, with the training data's min and max - min",
    );
  }
  const buffers = affine
    ? `

    def __init__(self, shape):
        super().__init__()
        # Buffers, not parameters: saved in the state_dict, never trained.
        self.register_buffer('${affine.offsetName}', torch.zeros(shape))
        self.register_buffer('${affine.divisorName}', torch.ones(shape))`
    : '';
  const body = affine
    ? `(${scaled} - self.${affine.offsetName}) / self.${affine.divisorName}`
    : scaled;
  return `class Preprocess(nn.Module):
    """${wrapText(`What Layerboard did to raw inputs before the first layer: it ${steps.join(', then ')}.`, 96, '    ')}"""${buffers}

    def forward(self, x):
        return ${body}`;
}

/** One layer as an nn module, with the graph node's name (as a Python literal) in a comment. */
function moduleText(layer: ModelFileLayer): string {
  const name = layer.nodeId ? `  # ${pythonString(layer.nodeId)}` : '';
  switch (layer.kind) {
    case 'linear':
      return `nn.Linear(${layer.inFeatures}, ${layer.outFeatures}),${name}`;
    case 'flatten':
      return `nn.Flatten(),${name}`;
    case 'relu':
      return `nn.ReLU(),${name}`;
    case 'sigmoid':
      return `nn.Sigmoid(),${name}`;
    case 'tanh':
      return `nn.Tanh(),${name}`;
    case 'leakyRelu':
      return `nn.LeakyReLU(${pythonNumber(layer.negativeSlope)}),${name}`;
    case 'softmax':
      return `nn.Softmax(dim=1),${name}`;
    case 'dropout':
      return `nn.Dropout(${pythonNumber(layer.p)}),${name}`;
    case 'conv2d':
      return `nn.Conv2d(${layer.inChannels}, ${layer.outChannels}, kernel_size=${layer.kernelSize}, stride=${layer.stride}, padding=${layer.padding}),${name}`;
    case 'maxPool2d':
      return `nn.MaxPool2d(kernel_size=${layer.kernelSize}, stride=${layer.stride}),${name}`;
    case 'avgPool2d':
      return `nn.AvgPool2d(kernel_size=${layer.kernelSize}, stride=${layer.stride}),${name}`;
    case 'batchNorm2d':
    case 'batchNorm1d':
      return `nn.${layer.kind === 'batchNorm2d' ? 'BatchNorm2d' : 'BatchNorm1d'}(${layer.numFeatures}, eps=${pythonNumber(layer.eps)}, momentum=${pythonNumber(layer.momentum)}),${name}`;
    default:
      throw new Error(`unknown layer ${JSON.stringify(layer satisfies never)}`);
  }
}

/** A layer's entries of the state_dict, by PyTorch's names, as nested Python lists. */
function stateDictLines(layer: ModelFileLayer, index: number): string[] {
  const entry = (name: string, value: string) => `    '${index}.${name}': ${value},`;
  switch (layer.kind) {
    case 'linear':
      return [
        entry('weight', pythonMatrix(layer.weight, 4)),
        entry('bias', pythonFloats(layer.bias, 4)),
      ];
    case 'conv2d': {
      const { outChannels: o, inChannels: c, kernelSize: k } = layer;
      const flat = layer.weight.flat(3);
      return [
        entry('weight', pythonNested(flat, [o, c, k, k], 4)),
        entry('bias', pythonFloats(layer.bias, 4)),
      ];
    }
    case 'batchNorm2d':
    case 'batchNorm1d':
      // num_batches_tracked only matters with momentum=None (a cumulative average); the file
      // does not keep it, so it restarts at 0 as after reset_running_stats().
      return [
        entry('weight', pythonFloats(layer.weight, 4)),
        entry('bias', pythonFloats(layer.bias, 4)),
        entry('running_mean', pythonFloats(layer.runningMean, 4)),
        entry('running_var', pythonFloats(layer.runningVar, 4)),
        entry('num_batches_tracked', '0'),
      ];
    default:
      return [];
  }
}

/**
 * The `model = nn.Sequential(...)` and the trained parameters loaded into its state_dict: the
 * preprocessing module first (when there is one), then one module per layer.
 */
export function pythonModel(file: ModelFile): { classCode?: string; modelCode: string } {
  const transform = rawInputTransform(file);
  const classCode = preprocessClass(transform);
  const modules: string[] = [];
  const trained: string[] = [];
  if (classCode) {
    const { affine } = transform;
    // Only the statistics need the sample's shape (for their buffers).
    modules.push(affine ? `Preprocess([${file.inputShape.join(', ')}]),` : 'Preprocess(),');
    if (affine) {
      const nested = (values: readonly number[]) => pythonNested(values, file.inputShape, 4);
      trained.push(`    '0.${affine.offsetName}': ${nested(affine.offset)},`);
      trained.push(`    '0.${affine.divisorName}': ${nested(affine.divisor)},`);
    }
  }
  for (const layer of file.layers) {
    const index = modules.length;
    modules.push(moduleText(layer));
    trained.push(...stateDictLines(layer, index));
  }
  const layout = file.layers.some((l) => l.kind === 'conv2d')
    ? "a Linear's weight is [out_features][in_features], a\n# Conv2d's [out_channels][in_channels][kernel_size][kernel_size]"
    : "a Linear's weight is [out_features][in_features]";
  const hasBatchNorm = file.layers.some(
    (l) => l.kind === 'batchNorm2d' || l.kind === 'batchNorm1d',
  );
  const batchNorm = hasBatchNorm
    ? "\n# A batch norm's running_mean and running_var are buffers: what it normalises by in eval mode."
    : '';
  const modelCode = `# The network as drawn in Layerboard${classCode ? ', with the preprocessing as its first module\n# so that it takes raw inputs' : ''}.
model = nn.Sequential(
${modules.map((m) => `    ${m}`).join('\n')}
)

# The trained parameters, by state_dict name (the module's index in the Sequential, then the
# tensor), in PyTorch's layout: ${layout}.${batchNorm}
trained = {
${trained.join('\n')}
}
model.load_state_dict({name: torch.tensor(value) for name, value in trained.items()})
model.eval()  # inference mode (Dropout off${hasBatchNorm ? ', batch norm by its running statistics' : ''}) until training starts`;
  return { ...(classCode ? { classCode } : {}), modelCode };
}

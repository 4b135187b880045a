import { describe, expect, it } from 'vitest';
import { bytesSource, type DataSource, textSource } from '../data/source';
import { isInputError } from '../errors';
import { initParams } from '../model/init';
import type { ModelParams, ModelSpec } from '../model/spec';
import { expectInputError } from '../testing/expectInputError.node';
import { ALL_MODELS, cnnModel, cnnParams, cnnSpec } from './fixtures/models';
import {
  buildModelFile,
  type ModelFile,
  type ModelFileInfo,
  modelFilePieces,
  modelFileText,
  modelFromFile,
  parseModelFile,
  parseModelFileText,
} from './modelFile';
import { readModelFile } from './modelFileRead';
import { shortestFloat32 } from './numberText';

const model: ModelSpec = {
  inputShape: [2, 2],
  layers: [
    { kind: 'flatten', nodeId: 'flat' },
    { kind: 'linear', inFeatures: 4, outFeatures: 3, nodeId: 'fc1' },
    { kind: 'leakyRelu', negativeSlope: 0.2, nodeId: 'act' },
    { kind: 'dropout', p: 0.1, nodeId: 'drop' },
    { kind: 'linear', inFeatures: 3, outFeatures: 2, nodeId: 'fc2' },
    { kind: 'softmax', nodeId: 'soft' },
  ],
};
const params = initParams(model, 7);
const info: ModelFileInfo = {
  task: 'classification',
  classes: ['cat', 'dog'],
  preprocessing: {
    kind: 'standardize',
    mean: [1, 2, 3, 4],
    std: [1, 1, 2, 2],
    imageScale: 1 / 255,
  },
  training: {
    loss: 'cross-entropy',
    optimizer: { type: 'adam', lr: 0.001, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 },
    batchSize: 2,
    epochs: 3,
    shuffle: true,
    seed: 7,
    normalize: 'standardize',
    validationSplit: 0.2,
    dataset: { source: 'idx', images: 'a.idx', labels: 'b.idx' },
    backend: 'cpu',
  },
  metrics: {
    epochs: 3,
    loss: 0.5,
    accuracy: 0.75,
    accuracyOn: 'validation',
    history: [{ epoch: 1, loss: 0.9 }],
  },
};

function inputErrorOf(run: () => unknown): string {
  try {
    run();
  } catch (err) {
    if (isInputError(err)) return err.message;
    throw err;
  }
  throw new Error('expected an InputError');
}

describe('model file', () => {
  it('writes the layers in PyTorch layout and reads back the same model and float32 parameters', () => {
    const file = buildModelFile(model, params, info);
    expect(file).toMatchObject({
      format: 'layerboard/model',
      version: 1,
      inputShape: [2, 2],
      task: 'classification',
    });
    const fc1 = file.layers[1];
    expect(fc1?.kind === 'linear' && fc1.weight.length).toBe(3);
    expect(fc1?.kind === 'linear' && fc1.weight[0]).toHaveLength(4);
    const text = modelFileText(file);
    // Each float32 as its shortest decimal, which reads back to the same bits.
    expect(text).toContain(`"bias": [${Array.from(params[0]!.bias, shortestFloat32).join(', ')}]`);
    const back = modelFromFile(parseModelFileText(text));
    expect(back.model).toEqual(model);
    expect(back.params).toEqual(params);
    expect(parseModelFileText(text)).toEqual(file);
  });

  it('takes the settings of another model file given as info, never its layers or input shape', () => {
    const file = buildModelFile(model, params, cnnModel);
    expect(file.inputShape).toEqual([2, 2]);
    expect(file.layers.map((l) => l.kind)).toEqual(model.layers.map((l) => l.kind));
    expect(file.training).toEqual(cnnModel.training);
    expect(Object.keys(file).slice(0, 5)).toEqual([
      'format',
      'version',
      'name',
      'inputShape',
      'layers',
    ]);
  });

  it.each([
    ['{', 'not valid JSON'],
    [
      '{"format": "layerboard/project"}',
      'format: expected "layerboard/model" but found "layerboard/project"',
    ],
    ['[]', 'a model file holds a JSON object, and this one holds a list'],
  ])('rejects %s', (text, message) => {
    expect(inputErrorOf(() => parseModelFileText(text))).toContain(message);
  });

  it('names the bad field', () => {
    const file = JSON.parse(modelFileText(buildModelFile(model, params, info)));
    file.layers[3].p = 1.5;
    expect(inputErrorOf(() => parseModelFile(file))).toMatch(/^layers\[3\]\.p: /);
    file.layers[3].p = 0.1;
    file.training.optimizer.lr = -1;
    expect(inputErrorOf(() => parseModelFile(file))).toMatch(/^training\.optimizer\.lr: /);
  });

  it('rejects layers that do not fit together', () => {
    const file = buildModelFile(model, params, info);
    const wrongSize = { ...file, inputShape: [5] };
    expect(inputErrorOf(() => modelFromFile(wrongSize))).toContain(
      'layers[1]: a Linear with inFeatures 4 receives [5]',
    );
    const fc2 = file.layers[4]!;
    if (fc2.kind !== 'linear') throw new Error('fixture');
    const shortBias = {
      ...file,
      layers: file.layers.map((l, i) => (i === 4 ? { ...fc2, bias: [0] } : l)),
    };
    expect(inputErrorOf(() => modelFromFile(shortBias))).toBe(
      'layers[4].bias: expected 2 values but found 1 (bias is [2] in this Linear)',
    );
    const noFlatten = { ...file, layers: file.layers.slice(1) };
    expect(inputErrorOf(() => modelFromFile(noFlatten))).toContain(
      'layers[0]: Linear expects 4 inputs (2 x 2 after Flatten) but gets [batch, 2, 2]',
    );
  });
});

/** The layout the model file had when it was one JSON.stringify: lists of scalars on one line. */
function stringifiedLayout(file: ModelFile): string {
  const scalar = String.raw`(?:-?[\d.eE+-]+|"[^"\\]*")`;
  const list = new RegExp(String.raw`\[\s+(${scalar}(?:,\s+${scalar})*)\s+\]`, 'g');
  const text = JSON.stringify(file, null, 2);
  return `${text.replace(list, (_, items: string) => `[${items.replace(/,\s+/g, ', ')}]`)}\n`;
}

const good = () => JSON.parse(modelFileText(buildModelFile(model, params, info)));

describe('writing a model file', () => {
  it.each(Object.entries({ ...ALL_MODELS, test: buildModelFile(model, params, info) }))(
    'keeps the layout and the shortest float32 numbers (%s)',
    (_, file) => {
      expect(modelFileText(file)).toBe(stringifiedLayout(file));
    },
  );

  it('writes a long row in pieces, and reads it back', () => {
    const wide: ModelSpec = {
      inputShape: [200_000],
      layers: [{ kind: 'linear', inFeatures: 200_000, outFeatures: 1, nodeId: 'fc' }],
    };
    const file = buildModelFile(wide, initParams(wide, 1), {
      ...info,
      classes: ['one'],
      preprocessing: { kind: 'none' },
    });
    const pieces = [...modelFilePieces(file)];
    expect(pieces.every((p) => p.length < 2_000_000)).toBe(true);
    expect(parseModelFileText(pieces.join(''))).toEqual(file);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY])('refuses to write a weight of %s', (bad) => {
    const broken = initParams(model, 7);
    broken[0]!.weight[2] = bad;
    const file = buildModelFile(model, broken, info);
    expect(inputErrorOf(() => modelFileText(file))).toBe(
      `cannot write the model file: layers[1].weight[0][2] is ${bad}, and the trained weights are not numbers: training diverged. Lower the learning rate and train again`,
    );
  });

  it('refuses to write a loss that is not a number, rather than null', () => {
    const file = buildModelFile(model, params, { ...info, metrics: { epochs: 1, loss: Infinity } });
    expect(inputErrorOf(() => modelFileText(file))).toContain('metrics.loss is Infinity');
  });
});

describe('reading a model file', () => {
  const REWRITE = 'export the model again from Layerboard, or train it again';
  // biome-ignore lint/suspicious/noExplicitAny: each case damages the parsed JSON its own way
  it.each<[string, (file: any) => void, string]>([
    [
      'a future version',
      (f) => {
        f.version = 2;
      },
      'version: this model file was written by a newer Layerboard (version 2; this one reads up to 1): update Layerboard to open it',
    ],
    [
      'a project file',
      (f) => {
        f.format = 'layerboard/project';
      },
      'format: expected "layerboard/model" but found "layerboard/project": this is a Layerboard project file, not a model file: train it (layerboard train)',
    ],
    [
      'a null weight',
      (f) => {
        f.layers[1].weight[0][0] = null;
      },
      'layers[1].weight[0][0]: expected a number but found null',
    ],
    [
      'a weight beyond float32',
      (f) => {
        f.layers[1].bias[0] = 1e39;
      },
      'layers[1].bias[0]: 1e+39 is not a number a float32 can hold',
    ],
    [
      'a short weight row',
      (f) => {
        f.layers[1].weight[2].pop();
      },
      'layers[1].weight[2]: expected 4 values but found 3 (weight is [3][4] in this Linear)',
    ],
    [
      'too many means',
      (f) => {
        f.preprocessing.mean.push(1);
      },
      'preprocessing.mean: expected 4 values (one per input value of [2, 2]) but found 5',
    ],
    [
      'a std of 0',
      (f) => {
        f.preprocessing.std[1] = 0;
      },
      'preprocessing.std[1]: a standard deviation must be above 0 but is 0',
    ],
    [
      'a string std',
      (f) => {
        f.preprocessing.std[1] = '1';
      },
      'preprocessing.std[1]: expected a number but found "1"',
    ],
    [
      'a max below the min',
      (f) => {
        f.preprocessing = { kind: 'minmax', min: [0, 0, 0, 5], max: [1, 1, 1, 4] };
      },
      'preprocessing.max[3]: the maximum 4 is below the minimum 5',
    ],
    [
      'features that do not fit',
      (f) => {
        f.preprocessing.features = ['a', 'b'];
      },
      'preprocessing.features: names 2 columns but the model takes samples of shape [2, 2]',
    ],
    [
      'classes that do not fit',
      (f) => {
        f.classes.push('emu');
      },
      'classes: names 3 classes but the model gives 2 outputs, one per class',
    ],
    [
      'no classes',
      (f) => {
        delete f.classes;
      },
      'classes: missing: a classification model names its 2 classes',
    ],
    [
      'targets that do not fit',
      (f) => {
        f.task = 'regression';
        f.targets = ['y'];
      },
      'targets: names 1 targets but the model gives 2 outputs',
    ],
    [
      'an image output',
      (f) => {
        f.layers = [{ kind: 'relu' }];
      },
      'layers[0]: the model ends with samples of shape [2, 2], not one value per class or target',
    ],
    [
      'an unknown layer',
      (f) => {
        f.layers[2].kind = 'conv';
      },
      'layers[2].kind: expected one of "linear", "flatten"',
    ],
    [
      'a missing field',
      (f) => {
        delete f.task;
      },
      'task: missing',
    ],
  ])('names the file and the field: %s', (_, change, message) => {
    const file = good();
    change(file);
    const error = inputErrorOf(() => parseModelFile(file, 'm.model.json'));
    expect(error).toContain(`"m.model.json": ${message}`);
    if (!/version|format/.test(message)) expect(error).toContain(REWRITE);
  });

  it('says what a file seems to be when it is not JSON text', async () => {
    const png = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0);
    await expectInputError(
      readModelFile(bytesSource('cat.png', png)),
      '"cat.png": this looks like a PNG image, not a model file: give a model file (*.model.json)',
    );
    await expectInputError(
      readModelFile(bytesSource('x.model.json', Uint8Array.of(0x7b, 0xff, 0xfe))),
      '"x.model.json": this is not UTF-8 text',
    );
    await expectInputError(
      readModelFile(bytesSource('e.json', new Uint8Array(0))),
      'the file is empty',
    );
    await expectInputError(
      readModelFile(textSource('s.py', 'import torch\n')),
      '"s.py": not valid JSON: line 1, column 1: expected a value but found "import"',
    );
  });

  it('reads what it wrote, in pieces of any size', async () => {
    const text = modelFileText(buildModelFile(model, params, info));
    const bytes = new TextEncoder().encode(text);
    for (const size of [1, 5, 4096]) {
      const source: DataSource = {
        name: 'm.model.json',
        async *chunks() {
          for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
        },
      };
      expect(await readModelFile(source)).toEqual(parseModelFileText(text));
    }
  });
});

/** Each tensor's float32 bits, so that -0 and 0 (and any rounding) differ. */
const bits = (params: ModelParams) =>
  params.map((p) =>
    Object.fromEntries(
      Object.entries(p).map(([k, v]) => [k, [...new Uint32Array(v.slice().buffer)]]),
    ),
  );

describe('a CNN model file', () => {
  it('writes filters as [out][in][k][k] and batch norm with its running statistics, and reads back every bit', async () => {
    const text = [...modelFilePieces(cnnModel)].join('');
    const raw = JSON.parse(text);
    expect(raw.inputShape).toEqual([1, 12, 12]);
    expect(raw.layers[0]).toMatchObject({
      kind: 'conv2d',
      inChannels: 1,
      outChannels: 4,
      kernelSize: 3,
      stride: 1,
      padding: 1,
    });
    expect([raw.layers[0].weight.length, raw.layers[0].weight[0].length]).toEqual([4, 1]);
    // The last filter, row by row, as the shortest decimals of its float32s.
    expect(raw.layers[0].weight[3][0].flat().map(Math.fround)).toEqual([
      ...cnnParams[0]!.weight.subarray(27, 36),
    ]);
    expect(Object.keys(raw.layers[1])).toEqual([
      'kind',
      'numFeatures',
      'momentum',
      'eps',
      'nodeId',
      'weight',
      'bias',
      'runningMean',
      'runningVar',
    ]);
    expect(raw.layers[3]).toEqual({ kind: 'maxPool2d', kernelSize: 2, stride: 2, nodeId: 'pool1' });

    const file = parseModelFileText(text);
    expect(file).toEqual(cnnModel);
    const back = modelFromFile(file);
    expect(back.model).toEqual(cnnSpec);
    expect(back.outputs).toBe(3);
    expect(bits(back.params)).toEqual(bits(cnnParams));
    expect(await readModelFile(textSource('cnn.model.json', text))).toEqual(file);
  });

  it('reads a model file of before channels: images [rows, cols]', () => {
    const old = JSON.parse(modelFileText(ALL_MODELS.images));
    expect(old.inputShape).toEqual([4, 4]);
    expect(modelFromFile(parseModelFile(old)).model.inputShape).toEqual([4, 4]);
  });

  // biome-ignore lint/suspicious/noExplicitAny: each case damages the parsed JSON its own way
  it.each<[string, (file: any) => void, string]>([
    [
      'a short filter row',
      (f) => {
        f.layers[0].weight[3][0][2].pop();
      },
      'layers[0].weight[3][0][2]: expected 3 values but found 2 (weight is [4][1][3][3] in this Conv2d)',
    ],
    [
      'a filter for too few input channels',
      (f) => {
        f.layers[4].weight[5].pop();
      },
      'layers[4].weight[5]: expected 4 lists of [3][3] but found 3 (weight is [6][4][3][3] in this Conv2d)',
    ],
    [
      'in channels that do not fit',
      (f) => {
        f.layers[4].inChannels = 3;
      },
      'layers[4]: a Conv2d with inChannels 3 receives [4, 6, 6] from the layers before it, which makes inChannels 4',
    ],
    [
      'a batch norm of the wrong size',
      (f) => {
        f.layers[8].numFeatures = 6;
      },
      'layers[8]: a BatchNorm1d with numFeatures 6 receives [8] from the layers before it, which makes numFeatures 8',
    ],
    [
      'a missing running variance',
      (f) => {
        delete f.layers[1].runningVar;
      },
      'layers[1].runningVar: ',
    ],
    [
      'a short running mean',
      (f) => {
        f.layers[8].runningMean.pop();
      },
      'layers[8].runningMean: expected 8 values but found 7 (runningMean is [8] in this BatchNorm1d)',
    ],
    [
      'a negative running variance',
      (f) => {
        f.layers[1].runningVar[2] = -0.5;
      },
      'layers[1].runningVar[2]: a running variance cannot be below 0 but is -0.5 (batch norm divides by its square root)',
    ],
    [
      'a stride of 0',
      (f) => {
        f.layers[3].stride = 0;
      },
      'layers[3].stride: ',
    ],
    [
      'a pooling window larger than the image',
      (f) => {
        f.layers[5].kernelSize = 4;
      },
      "layers[5]: AvgPool2d's 4 x 4 kernel is larger than its 3 x 3 input",
    ],
    [
      'a BatchNorm1d on images',
      (f) => {
        f.layers[1].kind = 'batchNorm1d';
      },
      'layers[1]: BatchNorm1d normalises the features of rows shaped [batch, features] but gets [batch, 4, 12, 12]',
    ],
    [
      'images without a channel before a Conv2d',
      (f) => {
        f.inputShape = [12, 12];
      },
      'layers[0]: Conv2d slides over images shaped [batch, channels, height, width] but gets [batch, 12, 12]',
    ],
  ])('names the file and the field: %s', (_, change, message) => {
    const file = JSON.parse(modelFileText(cnnModel));
    change(file);
    const error = inputErrorOf(() => parseModelFile(file, 'cnn.model.json'));
    expect(error).toContain(`"cnn.model.json": ${message}`);
    expect(error).toContain('export the model again from Layerboard, or train it again');
  });
});

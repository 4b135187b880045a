import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-web';
import { afterAll, describe, expect, it } from 'vitest';
import type { DatasetRef } from '../../shared/project';
import { initParams } from '../model/init';
import type { LayerSpec, ModelSpec } from '../model/spec';
import { HOSTILE_TEXTS } from '../testing/hostileTexts';
import { describeWith, PYTHON, torchNeed } from '../testing/needs.node';
import { compareOutputs } from './compareOutputs';
import { seededParams } from './fixtures/models';
import {
  buildModelFile,
  type ModelFile,
  type ModelFileInfo,
  modelFileText,
  parseModelFileText,
} from './modelFile';
import { modelToOnnx } from './onnx';
import { ONNX_INPUT, ONNX_OUTPUT } from './onnxGraph';
import { modelProtoType } from './onnxSchema';
import { createPredictor } from './predict';
import { modelToPytorch } from './pytorch';
import { sampleInputs } from './sampleInputs';

// Every name, label and path of a model file set to text that tries to break out of the export:
// quotes, triple quotes, line breaks of every kind, backslashes, NUL, lone surrogates.

const texts = HOSTILE_TEXTS;
const count = texts.length;

/** Input, then a Linear and a ReLU per hostile text (named by it), then the output layer. */
function hostileSpec(outputs: number): ModelSpec {
  const layers: LayerSpec[] = [];
  let width = count;
  texts.forEach((text, i) => {
    const next = 3 + (i % 3);
    layers.push({ kind: 'linear', inFeatures: width, outFeatures: next, nodeId: text });
    layers.push({ kind: 'relu', nodeId: `${text}${i}` });
    width = next;
  });
  layers.push({ kind: 'linear', inFeatures: width, outFeatures: outputs, nodeId: texts[0]! });
  return { inputShape: [count], layers };
}

const training = {
  loss: 'mse',
  optimizer: { type: 'sgd', lr: 0.1, momentum: 0, weightDecay: 0 },
  batchSize: 4,
  epochs: 1,
  shuffle: false,
  seed: 1,
  normalize: 'standardize',
  validationSplit: 0.25,
  backend: 'cpu',
} as const;

const csv = (task: 'regression' | 'classification', targets: string[]): DatasetRef => ({
  source: 'csv',
  path: texts.join('/'),
  features: [...texts],
  targets,
  task,
});

const stats = {
  kind: 'standardize',
  mean: texts.map((_, i) => i),
  std: texts.map((_, i) => 1 + i),
  features: [...texts],
} as const;

function hostileFile(outputs: number, info: ModelFileInfo): ModelFile {
  const spec = hostileSpec(outputs);
  return buildModelFile(spec, initParams(spec, 3), info);
}

/** Regression on a CSV file whose path, columns and targets are all hostile. */
const regression = hostileFile(count, {
  name: texts[0]!,
  task: 'regression',
  targets: [...texts],
  preprocessing: { ...stats, mean: [...stats.mean], std: [...stats.std] },
  training: { ...training, dataset: csv('regression', [...texts]) },
  metrics: { epochs: 1, loss: 1 },
});

/** Classification of a CSV column whose classes are the hostile texts. */
const classification = hostileFile(count, {
  name: texts[1]!,
  task: 'classification',
  classes: [...texts],
  preprocessing: { ...stats, mean: [...stats.mean], std: [...stats.std] },
  training: {
    ...training,
    loss: 'cross-entropy',
    dataset: csv('classification', [texts[2]!]),
  },
  metrics: { epochs: 1, loss: 1, accuracy: 0.5, accuracyOn: 'validation' },
});

/** Image classification from IDX files with hostile paths. */
const images = hostileFile(2, {
  name: texts[3]!,
  task: 'classification',
  classes: [texts[4]!, texts[5]!],
  preprocessing: { imageScale: 1 / 255, kind: 'none' },
  training: {
    ...training,
    loss: 'cross-entropy',
    normalize: 'none',
    dataset: { source: 'idx', images: texts[6]!, labels: texts[11]! },
  },
  metrics: { epochs: 1, loss: 1 },
});

/**
 * A CNN on channels-first images, each Conv2d and BatchNorm2d named by a hostile text, with
 * drawn batch norm statistics: their tensors' names in the script and the ONNX graph.
 */
function hostileCnnSpec(outputs: number): ModelSpec {
  const layers: LayerSpec[] = [];
  texts.forEach((text, i) => {
    layers.push({
      kind: 'conv2d',
      inChannels: i === 0 ? 1 : 2,
      outChannels: 2,
      kernelSize: 3,
      stride: 1,
      padding: 1,
      nodeId: text,
    });
    layers.push({
      kind: 'batchNorm2d',
      numFeatures: 2,
      momentum: 0.1,
      eps: 1e-5,
      nodeId: `${text}${i}`,
    });
  });
  layers.push({ kind: 'maxPool2d', kernelSize: 2, stride: 1, nodeId: texts[7]! });
  layers.push({ kind: 'avgPool2d', kernelSize: 2, stride: 1, nodeId: texts[8]! });
  layers.push({ kind: 'flatten', nodeId: texts[9]! });
  layers.push({ kind: 'linear', inFeatures: 8, outFeatures: outputs, nodeId: texts[0]! });
  return { inputShape: [1, 4, 4], layers };
}

const cnnSpec = hostileCnnSpec(2);
/** The image classification above, by a CNN: channels-first images from hostile IDX paths. */
const cnn = buildModelFile(cnnSpec, seededParams(cnnSpec, 3), { ...images, name: texts[10]! });

const MODELS = { regression, classification, images, cnn };

const torch = torchNeed();
const dir = mkdtempSync(join(tmpdir(), 'layerboard-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Parses the script with `ast.parse`, imports it, and prints its constants, its docstring and
 * the outputs of its model, as JSON (ASCII, so lone surrogates travel as escapes).
 */
const CHECK_SCRIPT = `
import ast, importlib.util, json, sys, torch
path = sys.argv[1]
with open(path, encoding='utf-8') as f:
    ast.parse(f.read(), path)
spec = importlib.util.spec_from_file_location('fuzzed', path)
script = importlib.util.module_from_spec(spec)
spec.loader.exec_module(script)
request = json.load(sys.stdin)
names = ['FEATURES', 'TARGETS', 'CLASSES', 'DATA_FILE', 'IMAGES_FILE', 'LABELS_FILE']
x = torch.tensor(request['x'], dtype=torch.float32).reshape([-1] + request['shape'])
with torch.no_grad():
    outputs = script.model(x).flatten().tolist()
print(json.dumps({
    'constants': {name: getattr(script, name) for name in names if hasattr(script, name)},
    'doc': script.__doc__,
    'outputs': outputs,
}))
`;

describeWith(torch, 'PyTorch export of hostile names', () => {
  it.each(Object.entries(MODELS))(
    'parses, imports without running anything, and keeps every text (%s)',
    (name, file) => {
      const path = join(dir, `${name}.py`);
      writeFileSync(path, modelToPytorch(file, name));
      const raw = sampleInputs(file, 3);
      const result = spawnSync(PYTHON, ['-c', CHECK_SCRIPT, path], {
        cwd: dir,
        input: JSON.stringify({ x: Array.from(raw), shape: file.inputShape }),
        encoding: 'utf8',
      });
      expect(result.stderr).toBe('');
      expect(existsSync(join(dir, 'MARKER'))).toBe(false);
      const printed = JSON.parse(result.stdout) as {
        constants: Record<string, unknown>;
        doc: string;
        outputs: number[];
      };
      const ref = file.training.dataset;
      const expected: Record<string, unknown> =
        ref.source === 'csv'
          ? { DATA_FILE: ref.path, FEATURES: ref.features, TARGETS: ref.targets }
          : ref.source === 'idx'
            ? { IMAGES_FILE: ref.images, LABELS_FILE: ref.labels }
            : {};
      if (file.task === 'classification') expected.CLASSES = file.classes;
      expect(printed.constants).toEqual(expected);
      expect(printed.doc).toContain('trained in Layerboard, as a PyTorch script');
      const app = createPredictor(file).predict(raw, 3);
      expect(compareOutputs(printed.outputs, app).scaled).toBeLessThan(1e-4);
    },
  );
});

/** Whether `text` holds no lone surrogate (what UTF-8 can encode). */
const wellFormed = (text: string) =>
  !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);

describe('ONNX export of hostile names', () => {
  it.each(Object.entries(MODELS))(
    'names every node and value as an identifier and runs in onnxruntime-web (%s)',
    async (_, file) => {
      const bytes = modelToOnnx(file);
      const decoded = modelProtoType().toObject(modelProtoType().decode(bytes)) as {
        docString: string;
        metadataProps: { key: string; value: string }[];
        graph: {
          name: string;
          node: { name: string; input: string[]; output: string[]; docString?: string }[];
          initializer: { name: string }[];
        };
      };
      const names = [
        ...decoded.graph.node.flatMap((n) => [n.name, ...n.input, ...n.output]),
        ...decoded.graph.initializer.map((t) => t.name),
      ];
      for (const name of names)
        expect(name).toMatch(
          /^[A-Za-z_][A-Za-z0-9_]*(\.weight|\.bias|\.running_mean|\.running_var)?(_\d+)?$/,
        );
      const strings = [
        decoded.docString,
        decoded.graph.name,
        ...decoded.metadataProps.map((p) => p.value),
        ...decoded.graph.node.map((n) => n.docString ?? ''),
      ];
      for (const text of strings) expect(wellFormed(text)).toBe(true);
      // The node ids themselves stay readable in each node's documentation.
      expect(decoded.graph.node.map((n) => n.docString)).toContain(
        `Layerboard node ${JSON.stringify(texts[9])}`,
      );
      if (file.classes) {
        const classes = decoded.metadataProps.find((p) => p.key === 'classes')?.value ?? '';
        expect(JSON.parse(classes)).toEqual(file.classes);
      }
      const raw = sampleInputs(file, 5);
      const session = await ort.InferenceSession.create(bytes);
      const out = await session.run({
        [ONNX_INPUT]: new ort.Tensor('float32', raw, [5, ...file.inputShape]),
      });
      await session.release();
      const app = createPredictor(file).predict(raw, 5);
      expect(compareOutputs(out[ONNX_OUTPUT]!.data as Float32Array, app).scaled).toBeLessThan(1e-5);
    },
  );
});

describe('JSON export of hostile names', () => {
  it.each(Object.entries(MODELS))('writes UTF-8 JSON that reads back the same (%s)', (_, file) => {
    const text = modelFileText(file);
    // Lone surrogates travel as \u escapes: the bytes are valid UTF-8.
    const bytes = new TextEncoder().encode(text);
    expect(new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toBe(text);
    expect(parseModelFileText(text)).toEqual(file);
  });
});

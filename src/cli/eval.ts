import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createCpuBackend } from '../engine/cpu/backend';
import type { Dataset } from '../engine/data/dataset';
import { loadDataset, testSplitOf } from '../engine/data/loadData';
// With its .ts extension: tsx would take a bare `.node` for a native addon.
import { nodeFiles } from '../engine/data/nodeFiles.node.ts';
import { normalizeInPlace } from '../engine/data/normalize';
import { splitDataset } from '../engine/data/split';
import { InputError } from '../engine/errors';
import type { ModelFile } from '../engine/export/modelFile';
import { modelFromFile } from '../engine/export/modelFile';
import { BUILTIN_DATASETS, type BuiltinDatasetName, type DatasetRef } from '../shared/project';
import { onePositional, parseCommandArgs } from './args';
import { readModel, readProject } from './files';
import { confusionText, formatNumber } from './format';
import type { Output } from './train';

export const EVAL_USAGE =
  'layerboard eval <model.json> --data <project.json or built-in dataset> [--json]';

/** The dataset `--data` names: a project file's dataset, or a built-in by name. */
async function dataRef(data: string): Promise<{ ref: DatasetRef; dir: string }> {
  if ((BUILTIN_DATASETS as readonly string[]).includes(data) && !existsSync(data)) {
    return { ref: { source: 'builtin', name: data as BuiltinDatasetName }, dir: process.cwd() };
  }
  const path = resolve(data);
  return { ref: (await readProject(path)).dataset, dir: dirname(path) };
}

/**
 * The test split a CSV or image folder holds out (`testSplit`), cut as training cut it: the same
 * seeded split with the model file's seed and validation share (split.ts).
 */
function heldOutTest(ref: DatasetRef, data: Dataset, file: ModelFile): Dataset | undefined {
  const test = testSplitOf(ref);
  if (test <= 0) return undefined;
  const { validationSplit, seed } = file.training;
  return splitDataset(data, { validation: validationSplit, test }, seed).test;
}

function checkFits(file: ModelFile, data: Dataset, outputs: number): void {
  const shape = (s: readonly number[]) => `[${s.join(', ')}]`;
  if (shape(file.inputShape) !== shape(data.sampleShape)) {
    throw new InputError(
      `--data: the model takes samples of shape ${shape(file.inputShape)} but "${data.name}" has ${shape(data.sampleShape)}: evaluate it on the data it was trained for`,
    );
  }
  const features = file.preprocessing.features;
  if (
    features &&
    data.featureNames.length > 0 &&
    features.join('\n') !== data.featureNames.join('\n')
  ) {
    throw new InputError(
      `--data: the model reads the columns ${features.join(', ')} but "${data.name}" gives ${data.featureNames.join(', ')}: evaluate it on the data it was trained for`,
    );
  }
  if (data.targets.task !== file.task) {
    throw new InputError(
      `--data: the model does ${file.task} but "${data.name}" is a ${data.targets.task} dataset`,
    );
  }
  const dataOutputs =
    data.targets.task === 'classification' ? data.targets.classes.length : data.targets.size;
  if (dataOutputs !== outputs) {
    throw new InputError(
      `--data: the model gives ${outputs} outputs but "${data.name}" has ${dataOutputs} ${file.task === 'classification' ? 'classes' : 'targets'}`,
    );
  }
}

/**
 * `layerboard eval`: loss, accuracy and confusion matrix of a model file on a dataset (the official
 * test split of a built-in that has one, the held-out test split of a CSV or image folder, else
 * all of it), preprocessed as the model file says.
 */
export async function evalCommand(args: readonly string[], io: Output): Promise<void> {
  const { values, positionals } = parseCommandArgs(
    args,
    { data: { type: 'string' }, json: { type: 'boolean' } },
    EVAL_USAGE,
  );
  const modelPath = onePositional(positionals, 'the model file', EVAL_USAGE);
  if (values.data === undefined) throw new InputError(`missing --data: usage: ${EVAL_USAGE}`);
  const file = await readModel(modelPath);
  const { model, params, outputs } = modelFromFile(file);
  const { ref, dir } = await dataRef(values.data);
  const loaded = await loadDataset(ref, nodeFiles(dir));
  const split = loaded.test ?? heldOutTest(ref, loaded.data, file) ?? loaded.data;
  checkFits(file, split, outputs);
  const data: Dataset = { ...split, x: split.x.slice() };
  normalizeInPlace(data.x, file.preprocessing);

  const session = await createCpuBackend().createSession(model, params, data, {
    ...file.training,
    shuffle: false,
  });
  const result = await session.evaluate(data);
  if (!Number.isFinite(result.loss)) {
    throw new InputError(
      `the loss on "${data.name}" is ${result.loss}: the model's outputs overflow float32 on this data. Check that it is the data the model was trained for`,
    );
  }
  if (values.json) {
    io.out(
      JSON.stringify({
        loss: result.loss,
        count: result.count,
        ...(result.accuracy !== undefined ? { accuracy: result.accuracy } : {}),
        ...(result.confusionMatrix ? { confusionMatrix: result.confusionMatrix } : {}),
      }),
    );
    return;
  }
  io.out(`samples ${result.count}${split !== loaded.data ? ' (test split)' : ''}`);
  io.out(`loss ${formatNumber(result.loss)}`);
  if (result.accuracy !== undefined) io.out(`accuracy ${formatNumber(result.accuracy)}`);
  if (result.confusionMatrix) io.out(confusionText(result.confusionMatrix, file.classes ?? []));
}

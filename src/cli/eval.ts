import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createCpuBackend } from '../engine/cpu/backend';
import { allRows, encodeTable, fitEncoding } from '../engine/data/csvDataset';
import type { Dataset } from '../engine/data/dataset';

import { type LoadedDataset, loadDataset } from '../engine/data/loadData';
// With its .ts extension: tsx would take a bare `.node` for a native addon.
import { nodeFiles } from '../engine/data/nodeFiles.node.ts';
import { normalizeInPlace } from '../engine/data/normalize';
import { splitDataset, splitRows } from '../engine/data/split';

import { InputError } from '../engine/errors';
import { classificationSummary, regressionSummary } from '../engine/export/metricsSummary';
import type { ModelFile } from '../engine/export/modelFile';
import { modelFromFile } from '../engine/export/modelFile';
import { regressionMetrics } from '../engine/metrics';
import {
  BUILTIN_DATASETS,
  type BuiltinDatasetName,
  type DatasetRef,
  testSplitOf,
} from '../shared/project';
import { onePositional, parseCommandArgs } from './args';
import { readModel, readProject } from './files';
import { classMetricsText, confusionText, formatNumber, targetMetricsText } from './format';
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
 * The samples to evaluate on: a built-in's official test split; the test split a CSV table or an
 * image folder holds out (`testSplit`), cut as training cut it, with the model file's seed and
 * validation share (split.ts); else all of it. A table's columns are encoded as the model file
 * says (its categories and fills, not ones fitted again).
 */
function evaluatedData(
  file: ModelFile,
  loaded: LoadedDataset,
  ref: DatasetRef,
): { data: Dataset; on: string } {
  const heldOut = ' (test split)';
  if (loaded.test) return { data: loaded.test, on: heldOut };
  const test = testSplitOf(ref);
  const fractions = { validation: file.training.validationSplit, test };
  const { seed } = file.training;
  const { table } = loaded;
  if (!table) {
    const split = test > 0 ? splitDataset(loaded.data, fractions, seed).test : undefined;
    return split ? { data: split, on: heldOut } : { data: loaded.data, on: '' };
  }
  const rows = test > 0 ? splitRows(table.name, table.count, fractions, seed)?.test : undefined;
  const columns = file.preprocessing.columns ?? fitEncoding(table, []);
  const names = table.columns.map((c) => c.name);
  if (columns.map((c) => c.name).join('\n') !== names.join('\n')) {
    throw new InputError(
      `--data: the model reads the columns ${columns.map((c) => c.name).join(', ')} but "${table.name}" gives ${names.join(', ')}: evaluate it on the data it was trained for`,
    );
  }
  const data = encodeTable(table, columns, rows ?? allRows(table.count));
  return { data, on: rows ? heldOut : '' };
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
    !file.preprocessing.columns &&
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
 * `layerboard eval`: loss, accuracy, confusion matrix and per-class precision, recall and F1 (or
 * R², MAE and RMSE per target) of a model file on a dataset (the official test split of a
 * built-in that has one, the held-out test split of a CSV or image folder, else all of it),
 * preprocessed as the model file says.
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
  const { data: split, on } = evaluatedData(file, loaded, ref);
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
  const { targets } = data;
  const classification =
    result.confusionMatrix && classificationSummary(result.confusionMatrix, file.classes ?? []);
  const regression =
    targets.task === 'regression'
      ? regressionSummary(
          regressionMetrics(
            await session.predict(data.x, data.count),
            targets.values,
            data.count,
            targets.size,
          ),
          file.targets ?? targets.names,
        )
      : undefined;
  if (values.json) {
    io.out(
      JSON.stringify({
        loss: result.loss,
        count: result.count,
        ...(result.accuracy !== undefined ? { accuracy: result.accuracy } : {}),
        ...(result.confusionMatrix ? { confusionMatrix: result.confusionMatrix } : {}),
        ...(classification ? { classification } : {}),
        ...(regression ? { regression } : {}),
      }),
    );
    return;
  }
  io.out(`samples ${result.count}${on}`);
  io.out(`loss ${formatNumber(result.loss)}`);
  if (result.accuracy !== undefined) io.out(`accuracy ${formatNumber(result.accuracy)}`);
  if (result.confusionMatrix) io.out(confusionText(result.confusionMatrix, file.classes ?? []));
  if (classification) io.out(classMetricsText(classification));
  if (regression) io.out(targetMetricsText(regression));
}

import { type DatasetRef, type TrainingSettings, testSplitOf } from '../../shared/project';
import { builtinDataset } from './builtins';
import {
  allRows,
  csvToDataset,
  encodeTable,
  fitEncoding,
  type MissingReport,
  type RawTable,
  readCsvTable,
} from './csvDataset';
import type { Dataset } from './dataset';
import { loadIdxPair } from './idxDataset';
import { loadImageFolder } from './imageFolder';
import { fitPreprocessing, normalizeInPlace, type Preprocessing, type RawInput } from './normalize';
import type { DataFiles } from './source';
import { splitDataset, splitRows } from './split';
import { type ColumnEncoding, plainNumbers } from './tableEncoding';

/** What the app and the command line show about the data a project trains on. */
export interface DatasetInfo {
  /** The built-in's name, or the file's name. */
  readonly name: string;
  readonly title: string;
  /** The built-in's paragraph for teachers. */
  readonly description?: string;
  readonly source: DatasetRef['source'];
  readonly task: 'regression' | 'classification';
  readonly sampleShape: readonly number[];
  readonly featureNames: readonly string[];
  /** A table's target columns (a CSV classification's label column); empty for images. */
  readonly targetNames: readonly string[];
  /** Class names in label order (classification only). */
  readonly classes?: readonly string[];
  readonly counts: { readonly train: number; readonly validation: number; readonly test: number };
  /** A table's columns as the model takes them, when one is not a plain number column. */
  readonly columns?: readonly ColumnEncoding[];
  /** A CSV table's missing values: what the policy did with them. */
  readonly missing?: MissingReport;
  /** An image folder's files that were left out, each with why (not images, or undecodable). */
  readonly skipped?: readonly string[];
}

/** A project's data, ready for the engine: split, normalised, with what was done to it. */
export interface PreparedData {
  readonly train: Dataset;
  readonly validation?: Dataset;
  /** The official test split of a built-in (Fashion-MNIST's t10k files). */
  readonly test?: Dataset;
  /** Stored in the model file so that predictions take raw values. */
  readonly preprocessing: Preprocessing;
  readonly info: DatasetInfo;
}

/** A dataset as read, before any split or normalisation, and its test split if it has one. */
export interface LoadedDataset {
  readonly data: Dataset;
  readonly test?: Dataset;
  readonly title: string;
  readonly description?: string;
  /** A CSV file as read, its columns typed, before an encoding is fitted (`data` holds all rows). */
  readonly table?: RawTable;
  /** How `data` encodes the table's columns (fitted on all its rows). */
  readonly columns?: readonly ColumnEncoding[];
  /** Files left out of an image folder: `name (why)`. */
  readonly skipped?: readonly string[];
}

const basename = (path: string) => path.split(/[\\/]/).pop() || path;

/** Reads the dataset a project names, through `files` (the disk in Node, fetch and imports in the app). */
export async function loadDataset(ref: DatasetRef, files: DataFiles): Promise<LoadedDataset> {
  switch (ref.source) {
    case 'csv': {
      const table = await readCsvTable(files.open(ref.path), ref);
      const rows = allRows(table.count);
      const columns = fitEncoding(table, rows);
      return { data: encodeTable(table, columns, rows), title: table.name, table, columns };
    }
    case 'idx': {
      const name = basename(ref.images);
      const data = await loadIdxPair(files.open(ref.images), files.open(ref.labels), { name });
      return { data, title: name };
    }
    case 'folder': {
      const { data, skipped } = await loadImageFolder(ref, files);
      return { data, title: data.name, ...(skipped.length > 0 ? { skipped } : {}) };
    }
    case 'builtin': {
      const entry = builtinDataset(ref.name);
      const { title, description } = entry;
      if (entry.kind === 'table') {
        const csv = await csvToDataset(files.builtin(entry.csv), { ...entry, task: 'regression' });
        return { data: { ...csv, name: entry.name }, title, description };
      }
      const options = { name: entry.name, classes: entry.classes };
      const { train, test } = entry;
      const data = await loadIdxPair(
        files.builtin(train.images),
        files.builtin(train.labels),
        options,
      );
      const testData = await loadIdxPair(
        files.builtin(test.images),
        files.builtin(test.labels),
        options,
      );
      return { data, test: testData, title, description };
    }
  }
}

/** What the app and the command line show about a loaded dataset. */
export function datasetInfo(
  ref: DatasetRef,
  loaded: LoadedDataset,
  counts: DatasetInfo['counts'],
  columns?: readonly ColumnEncoding[],
): DatasetInfo {
  const { data, title, description, table, skipped } = loaded;
  const targets = data.targets;
  return {
    name: data.name,
    title,
    ...(description ? { description } : {}),
    source: ref.source,
    task: targets.task,
    sampleShape: data.sampleShape,
    featureNames: data.featureNames,
    targetNames:
      targets.task === 'regression' ? targets.names : ref.source === 'csv' ? ref.targets : [],
    ...(targets.task === 'classification' ? { classes: targets.classes } : {}),
    counts,
    ...(columns && !plainNumbers(columns) ? { columns } : {}),
    ...(table ? { missing: table.missing } : {}),
    ...(skipped ? { skipped } : {}),
  };
}

/**
 * Loads a project's dataset and prepares it for training: the seeded train/validation/test split
 * (`validationSplit`, the dataset's `testSplit`, `seed`); for a CSV table the encoding (categories,
 * date parts, missing cells filled from the training split); then the normalisation
 * (`normalize`) fitted on the training split and applied to every split. The one
 * platform-neutral path: the Node loader (`loadProjectData` in loadProject.node.ts) and the app
 * differ only in their `files`.
 *
 * @example
 * const data = await prepareData(project.dataset, project.training, files);
 * data.train.count; data.preprocessing; // stored in the model file
 */
export async function prepareData(
  ref: DatasetRef,
  training: Pick<TrainingSettings, 'normalize' | 'validationSplit' | 'seed'>,
  files: DataFiles,
): Promise<PreparedData> {
  if (ref.source === 'csv') {
    return prepareTable(ref, training, await readCsvTable(files.open(ref.path), ref));
  }
  const loaded = await loadDataset(ref, files);
  const { data } = loaded;
  const split = splitDataset(
    data,
    { validation: training.validationSplit, test: testSplitOf(ref) },
    training.seed,
  );
  const images = data.featureNames.length === 0;
  return normalized(ref, training, loaded, {
    ...split,
    ...(loaded.test ? { test: loaded.test } : {}),
    raw: images ? { imageScale: 1 / 255 } : { features: data.featureNames },
  });
}

/** A CSV table split, its encoding fitted on the training rows, and every split encoded. */
function prepareTable(
  ref: Extract<DatasetRef, { source: 'csv' }>,
  training: Pick<TrainingSettings, 'normalize' | 'validationSplit' | 'seed'>,
  table: RawTable,
): PreparedData {
  const fractions = { validation: training.validationSplit, test: testSplitOf(ref) };
  const rows = splitRows(table.name, table.count, fractions, training.seed);
  const trainRows = rows?.train ?? allRows(table.count);
  const columns = fitEncoding(table, trainRows);
  const train = encodeTable(table, columns, trainRows);
  const validation = rows?.validation.length
    ? encodeTable(table, columns, rows.validation)
    : undefined;
  const test = rows?.test.length ? encodeTable(table, columns, rows.test) : undefined;
  const loaded: LoadedDataset = { data: train, title: table.name, table };
  return normalized(ref, training, loaded, {
    train,
    ...(validation ? { validation } : {}),
    ...(test ? { test } : {}),
    raw: { features: ref.features, ...(plainNumbers(columns) ? {} : { columns }) },
  });
}

/** The splits with the normalisation fitted on the training split applied, and what they are. */
function normalized(
  ref: DatasetRef,
  training: Pick<TrainingSettings, 'normalize'>,
  loaded: LoadedDataset,
  splits: { train: Dataset; validation?: Dataset; test?: Dataset; raw: RawInput },
): PreparedData {
  const { train, validation, test, raw } = splits;
  const preprocessing = fitPreprocessing(train, training.normalize, raw);
  for (const split of [train, validation, test]) {
    if (split) normalizeInPlace(split.x, preprocessing);
  }
  const counts = { train: train.count, validation: validation?.count ?? 0, test: test?.count ?? 0 };
  const info = datasetInfo(ref, loaded, counts, raw.columns);
  return {
    train,
    ...(validation ? { validation } : {}),
    ...(test ? { test } : {}),
    preprocessing,
    info,
  };
}

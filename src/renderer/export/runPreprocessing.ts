import { builtinDataset } from '../../engine/data/builtins';
import { prepareData } from '../../engine/data/loadData';
import type { Preprocessing } from '../../engine/data/normalize';
import type { DataFiles } from '../../engine/data/source';
import type { DatasetRef, TrainingSettings } from '../../shared/project';

type Settings = Pick<TrainingSettings, 'normalize' | 'validationSplit' | 'seed'>;

/** The CSV columns a table dataset feeds the model, or undefined for images. */
function featureColumns(dataset: DatasetRef): readonly string[] | undefined {
  if (dataset.source === 'csv') return dataset.features;
  if (dataset.source === 'idx') return undefined;
  const entry = builtinDataset(dataset.name);
  return entry.kind === 'table' ? entry.features : undefined;
}

/**
 * What a run did to raw inputs, for its model file. Without normalisation it follows from the
 * dataset alone (images are scaled by 1/255, tables go in as they are); a normalisation's
 * statistics are fitted again on the training split, exactly as the run's worker fitted them
 * (the same seeded split, the same float64 sums), from the same files.
 *
 * @example
 * const prep = await runPreprocessing(project.dataset, project.training, files);
 */
export async function runPreprocessing(
  dataset: DatasetRef,
  training: Settings,
  files: DataFiles,
): Promise<Preprocessing> {
  if (training.normalize !== 'none')
    return (await prepareData(dataset, training, files)).preprocessing;
  const features = featureColumns(dataset);
  return features
    ? { kind: 'none', features: [...features] }
    : { kind: 'none', imageScale: 1 / 255 };
}

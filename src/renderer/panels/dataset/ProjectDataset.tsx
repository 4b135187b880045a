import { useEffect } from 'react';
import { BUILTINS } from '../../../engine';
import { datasetStore, useDataset, useProject } from '../../stores/appStores';
import { hasFiles, refKey } from '../../stores/projectData';
import { DatasetDetails } from './DatasetDetails';
import { DatasetFacts, type FactsInfo } from './DatasetFacts';
import { MissingData } from './MissingData';

/** The facts of a built-in from its catalogue entry: shown at once, before its files are read. */
function catalogueFacts(name: keyof typeof BUILTINS): FactsInfo {
  const entry = BUILTINS[name];
  const table = entry.kind === 'table';
  return {
    source: 'builtin',
    task: entry.task,
    sampleShape: entry.sampleShape,
    featureNames: table ? entry.features : [],
    targetNames: table ? entry.targets : [],
    ...(table ? {} : { classes: entry.classes }),
    counts: { train: entry.counts.train, validation: 0, test: entry.counts.test },
  };
}

/** The dataset the project trains on: its facts, and once the worker has read it, its details. */
export function ProjectDataset() {
  const dataset = useProject((s) => s.dataset);
  const key = refKey(dataset);
  const description = useDataset((s) => (s.describedRef === key ? s.description : undefined));
  const loaded = useDataset((s) => hasFiles(dataset, s.imports));
  // Described again whenever the dataset changes (the store skips what it already knows).
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` is the dataset the effect reads from the store.
  useEffect(() => {
    if (loaded) void datasetStore.getState().describeProject();
  }, [loaded, key]);

  if (!loaded) return <MissingData dataset={dataset} />;
  const entry = dataset.source === 'builtin' ? BUILTINS[dataset.name] : undefined;
  const facts =
    description ?? (dataset.source === 'builtin' ? catalogueFacts(dataset.name) : undefined);
  return (
    <section className="project-dataset" aria-label="Project dataset">
      {facts && <DatasetFacts info={facts} />}
      {entry && <p className="dataset-description">{entry.description}</p>}
      {dataset.source === 'csv' && (
        <button
          type="button"
          className="button"
          onClick={() => void datasetStore.getState().editColumns()}
        >
          Change columns…
        </button>
      )}
      {description && <DatasetDetails description={description} />}
      {entry && (
        <p className="dataset-source">
          Source: {entry.source}. Licence: {entry.licence}.
        </p>
      )}
    </section>
  );
}

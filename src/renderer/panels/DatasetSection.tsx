import { BUILTINS } from '../../engine/data/builtins';
import { BUILTIN_DATASETS, type BuiltinDatasetName } from '../../shared/project';
import { projectStore, useProject } from '../stores/appStores';
import { Field } from './fields';

/** The dataset the project trains on, and what a teacher can tell about it. */
export function DatasetSection() {
  const dataset = useProject((s) => s.dataset);
  const entry = dataset.source === 'builtin' ? BUILTINS[dataset.name] : undefined;
  return (
    <section className="panel-section">
      <Field label="Dataset">
        {(id) => (
          <select
            id={id}
            value={dataset.source === 'builtin' ? dataset.name : ''}
            onChange={(e) =>
              projectStore
                .getState()
                .setDataset({ source: 'builtin', name: e.target.value as BuiltinDatasetName })
            }
          >
            {dataset.source !== 'builtin' && (
              <option value="">{dataset.source.toUpperCase()} file</option>
            )}
            {BUILTIN_DATASETS.map((name) => (
              <option key={name} value={name}>
                {BUILTINS[name].title}
              </option>
            ))}
          </select>
        )}
      </Field>
      {entry && (
        <>
          <dl className="facts">
            <dt>Task</dt>
            <dd>
              {entry.task === 'regression' ? 'Regression (predict numbers)' : 'Classification'}
            </dd>
            <dt>Samples</dt>
            <dd>
              {entry.counts.train.toLocaleString('en-US')} for training
              {entry.counts.test > 0 &&
                `, ${entry.counts.test.toLocaleString('en-US')} for testing`}
            </dd>
            <dt>Inputs</dt>
            <dd>
              {entry.kind === 'table'
                ? entry.features.join(', ')
                : `${entry.sampleShape.join(' x ')} pixel images`}
            </dd>
            <dt>{entry.kind === 'table' ? 'Targets' : 'Classes'}</dt>
            <dd>{entry.kind === 'table' ? entry.targets.join(', ') : entry.classes.join(', ')}</dd>
          </dl>
          <p className="dataset-description">{entry.description}</p>
          <p className="dataset-source">
            Source: {entry.source}. Licence: {entry.licence}.
          </p>
        </>
      )}
    </section>
  );
}

import { BUILTIN_DATASETS, type BuiltinDatasetName } from '../../shared/project';
import { projectStore, useProject } from '../stores/appStores';
import { Field } from './fields';

const TITLES: Record<BuiltinDatasetName, string> = {
  'crop-yields': 'Crop yields (5 regions)',
  'population-profit': 'Population and profit (97 cities)',
  'fashion-mnist': 'Fashion-MNIST (70,000 images)',
};

/** The dataset the project trains on: one of the built-in lessons. */
export function DatasetSection() {
  const dataset = useProject((s) => s.dataset);
  return (
    <section className="panel-section" aria-label="Dataset">
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
                {TITLES[name]}
              </option>
            ))}
          </select>
        )}
      </Field>
    </section>
  );
}

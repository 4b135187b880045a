import { BUILTINS } from '../../../engine';
import { BUILTIN_DATASETS, type BuiltinDatasetName } from '../../../shared/project';
import { useLock } from '../../classroom/locks';
import { runCommand } from '../../commands/registry';
import { useCommandContext } from '../../commands/useCommands';
import { datasetStore, projectStore, useProject } from '../../stores/appStores';
import { Field } from '../fields';
import { ImportFolderButton } from './ImportFolderButton';

const baseName = (path: string) => path.split(/[\\/]/).pop() || path;

/** Which dataset the project trains on: a built-in, chosen here, or a file, imported. */
export function DatasetPicker() {
  const dataset = useProject((s) => s.dataset);
  const ctx = useCommandContext();
  const locked = useLock('dataset');
  const fileName =
    dataset.source === 'csv' || dataset.source === 'folder'
      ? baseName(dataset.path)
      : dataset.source === 'idx'
        ? baseName(dataset.images)
        : undefined;
  return (
    <div className="dataset-picker">
      <Field label="Dataset" locked={locked}>
        {(id) => (
          <select
            id={id}
            disabled={locked !== undefined}
            value={dataset.source === 'builtin' ? dataset.name : ''}
            onChange={(e) => {
              datasetStore.getState().discard();
              projectStore
                .getState()
                .setDataset({ source: 'builtin', name: e.target.value as BuiltinDatasetName });
            }}
          >
            {fileName && <option value="">{fileName} (imported)</option>}
            {BUILTIN_DATASETS.map((name) => (
              <option key={name} value={name}>
                {BUILTINS[name].title}
              </option>
            ))}
          </select>
        )}
      </Field>
      {locked === undefined && (
        <div className="dataset-import">
          <button
            type="button"
            className="button"
            onClick={() => runCommand('import-dataset', ctx)}
          >
            Import dataset…
          </button>
          <ImportFolderButton />
          <span>
            a CSV file, an IDX pair, or a folder or .zip of images in a subfolder per class; or drop
            it on the window
          </span>
        </div>
      )}
    </div>
  );
}

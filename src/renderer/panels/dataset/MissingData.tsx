import { Fragment } from 'react';
import { baseName, fileKind } from '../../../shared/fileKinds';
import type { DatasetRef } from '../../../shared/project';
import { importDataset } from '../../commands/dataCommands';
import { useCommandContext } from '../../commands/useCommands';
import { pathReader } from '../../platform/projectFiles';
import { datasetStore, uiStore, useDataset, useProject } from '../../stores/appStores';
import { missingFiles } from '../../stores/projectData';
import { ImportFolderButton } from './ImportFolderButton';
import { datasetSummary, listed, missingAdvice, refused, unreadReason } from './missingData';

/**
 * A project whose data files are not loaded (reopened in a browser, or not found beside it on
 * disk): which files it needs, where the app looked, and the import that loads them. The
 * project itself stays as it is; a file of the name it needs is used as that file.
 */
export function MissingData({ dataset }: { dataset: DatasetRef }) {
  const ctx = useCommandContext();
  const projectPath = useProject((s) => s.file?.path);
  const imports = useDataset((s) => s.imports);
  const allUnread = useDataset((s) => s.unread);
  const busy = useDataset((s) => s.progress !== undefined);
  const missing = missingFiles(dataset, imports);
  const unread = allUnread.filter((u) => missing.includes(u.path));
  const next = missing[0];
  const read = pathReader(ctx.platform);
  const importNext = (name: string) =>
    importDataset(ctx.platform, `Find ${name}`).catch((err: Error) =>
      uiStore.getState().notify('error', `Import failed: ${err.message}`),
    );
  const names = missing.map(baseName);
  const advice = missingAdvice(missing, unread, projectPath);
  return (
    <section className="project-dataset" aria-label="Missing data">
      <p className="draft-summary">
        This project trains on <strong>{listed(names)}</strong> ({datasetSummary(dataset)}),{' '}
        {names.length === 1 ? 'which is' : 'which are'} not loaded.
      </p>
      {unread.length > 0 && (
        <dl className="facts" aria-label="Files not found">
          {unread.map((u) => (
            <Fragment key={u.path}>
              <dt>{baseName(u.path)}</dt>
              <dd>
                Looked at {u.path}: {unreadReason(u)}.
              </dd>
            </Fragment>
          ))}
        </dl>
      )}
      {advice && <p className="draft-summary">{advice}</p>}
      <div className="draft-buttons">
        {next && dataset.source === 'folder' && fileKind(next) !== 'zip' ? (
          <ImportFolderButton label={`Import ${baseName(next)}…`} />
        ) : (
          next && (
            <button
              type="button"
              className="button primary"
              disabled={busy}
              onClick={() => void importNext(baseName(next))}
            >
              Import {baseName(next)}…
            </button>
          )
        )}
        {read && unread.length > 0 && !refused(unread) && (
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => void datasetStore.getState().loadProjectData(read)}
          >
            Look again
          </button>
        )}
      </div>
    </section>
  );
}

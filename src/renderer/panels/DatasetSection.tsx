import { useDataset } from '../stores/appStores';
import { CsvDraftView } from './dataset/CsvDraftView';
import { DataStatus } from './dataset/DataStatus';
import { DatasetPicker } from './dataset/DatasetPicker';
import { FolderDraftView } from './dataset/FolderDraftView';
import { IdxDraftView } from './dataset/IdxDraftView';
import { KeptFiles } from './dataset/KeptFiles';
import { ProjectDataset } from './dataset/ProjectDataset';

/**
 * The Dataset tab: pick a built-in or import a file; an import is a draft, shown until the user
 * uses it or cancels; otherwise the project's dataset with its statistics and samples, and the
 * imported files this browser keeps.
 */
export function DatasetSection() {
  const draft = useDataset((s) => s.draft);
  return (
    <div className="panel-section dataset-panel">
      <DatasetPicker />
      <DataStatus />
      {draft?.format === 'csv' && <CsvDraftView draft={draft} />}
      {draft?.format === 'idx' && <IdxDraftView draft={draft} />}
      {draft?.format === 'folder' && <FolderDraftView draft={draft} />}
      {!draft && <ProjectDataset />}
      {!draft && <KeptFiles />}
    </div>
  );
}

import { useRef } from 'react';
import { datasetStore, uiStore } from '../../stores/appStores';
import type { FolderFile } from '../../stores/datasetState';

/**
 * A picked folder's files by their paths under it: the browser gives each file's
 * `webkitRelativePath`, which starts with the folder's own name (`shoes/boot/001.png`).
 */
export function pickedFolder(files: readonly File[]): { name: string; files: FolderFile[] } {
  const name = files[0]?.webkitRelativePath.split('/')[0] ?? '';
  return {
    name,
    files: files.map((file) => ({
      path: file.webkitRelativePath.slice(name.length + 1),
      file,
    })),
  };
}

/** Imports a folder of images chosen with the system's folder picker (a `webkitdirectory` input). */
export function ImportFolderButton({ label = 'Import folder…' }: { label?: string }) {
  const input = useRef<HTMLInputElement>(null);
  const onChange = () => {
    const files = Array.from(input.current?.files ?? []);
    if (input.current) input.current.value = '';
    if (files.length === 0) return;
    const folder = pickedFolder(files);
    datasetStore
      .getState()
      .importFolder(folder.name, folder.files)
      .catch((err: Error) => uiStore.getState().notify('error', `Import failed: ${err.message}`));
  };
  return (
    <>
      <button type="button" className="button" onClick={() => input.current?.click()}>
        {label}
      </button>
      <input
        ref={(el) => {
          input.current = el;
          // React has no prop for it: the attribute makes the picker choose folders.
          if (el) el.webkitdirectory = true;
        }}
        type="file"
        multiple
        hidden
        aria-label="Image folder"
        onChange={onChange}
      />
    </>
  );
}

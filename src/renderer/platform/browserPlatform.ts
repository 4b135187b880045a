import type { FileFilter, OpenedFile, Platform, SaveRequest } from './platform';

function accept(filters: FileFilter[]): string {
  return filters.flatMap((f) => f.extensions.map((e) => `.${e}`)).join(',');
}

function fromFile(file: File): OpenedFile {
  return {
    name: file.name,
    text: () => file.text(),
    bytes: async () => new Uint8Array(await file.arrayBuffer()),
  };
}

/** Opens the browser's file chooser and resolves with the chosen files, none on cancel. */
function chooseFiles(filters: FileFilter[], multiple: boolean): Promise<OpenedFile[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept(filters);
    input.multiple = multiple;
    input.style.display = 'none';
    input.addEventListener('change', () => {
      const files = [...(input.files ?? [])];
      input.remove();
      resolve(files.map(fromFile));
    });
    input.addEventListener('cancel', () => {
      input.remove();
      resolve([]);
    });
    document.body.append(input);
    input.click();
  });
}

/** Saves by downloading: the browser puts the file in the user's downloads folder. */
function download(request: SaveRequest): { name: string } {
  const blob = new Blob([request.data as BlobPart], { type: 'application/octet-stream' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = request.suggestedName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return { name: request.suggestedName };
}

export function createBrowserPlatform(): Platform {
  return {
    kind: 'browser',
    isMac: /Mac|iPhone|iPad/.test(navigator.platform),
    openFile: async ({ filters }) => (await chooseFiles(filters, false))[0],
    openFiles: ({ filters }) => chooseFiles(filters, true),
    saveFile: async (request) => download(request),
    storage: {
      get: (key) => {
        try {
          return localStorage.getItem(key);
        } catch {
          return null;
        }
      },
      set: (key, value) => {
        try {
          localStorage.setItem(key, value);
        } catch {
          // Storage full or disabled (private mode): the autosave is lost, the work on screen is not.
        }
      },
    },
  };
}

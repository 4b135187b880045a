import type { ModelFile } from './modelFile';
import { modelFilePieces, modelFileText } from './modelFile';
import { modelToOnnx } from './onnx';
import { modelToPytorch } from './pytorch';

export const EXPORT_FORMATS = ['json', 'pytorch', 'onnx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What a save dialog offers for each format, and the file name's ending. */
export const FORMAT_INFO: Record<
  ExportFormat,
  { readonly title: string; readonly filterName: string; readonly extension: string }
> = {
  json: { title: 'Export model JSON', filterName: 'Layerboard model', extension: 'model.json' },
  pytorch: { title: 'Export PyTorch script', filterName: 'Python script', extension: 'py' },
  onnx: { title: 'Export ONNX model', filterName: 'ONNX model', extension: 'onnx' },
};

/**
 * A Python module name from a file or project name: `Crop yields.py` -> `crop_yields` (what
 * `from crop_yields import model` needs: letters, digits and underscores, not starting with a digit).
 */
export function pythonModuleName(name: string): string {
  const stem = name
    .replace(/\.py$/i, '')
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (stem === '') return 'model';
  return /^\d/.test(stem) ? `model_${stem}` : stem;
}

/** The file name an export suggests: `crop_yields.py`, `crop-yields.onnx`, `crop-yields.model.json`. */
export function exportFileName(baseName: string, format: ExportFormat): string {
  const base = baseName.replace(/(\.layerboard|\.model)?\.json$/i, '').trim() || 'model';
  if (format === 'pytorch') return `${pythonModuleName(base)}.py`;
  const stem =
    base
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'model';
  return `${stem}.${FORMAT_INFO[format].extension}`;
}

/**
 * A model file in one export format: JSON text, Python text, or ONNX bytes. `fileName` is the
 * name it will be saved as (the PyTorch script's docstring names its module after it).
 *
 * @example
 * const bytes = exportModel(file, 'onnx', 'crops.onnx');
 */
export function exportModel(
  file: ModelFile,
  format: ExportFormat,
  fileName: string,
  appVersion = '',
): string | Uint8Array {
  switch (format) {
    case 'json':
      return modelFileText(file);
    case 'pytorch':
      return modelToPytorch(file, pythonModuleName(fileName));
    case 'onnx':
      return modelToOnnx(file, appVersion);
  }
}

/**
 * The same export as {@link exportModel}, in pieces to write one after another: the model JSON
 * of a model of any size (modelFilePieces), the script or the ONNX bytes whole.
 *
 * @example
 * await writeFileAtomic(path, exportPieces(file, 'json', 'crops.model.json'));
 */
export function exportPieces(
  file: ModelFile,
  format: ExportFormat,
  fileName: string,
  appVersion = '',
): Iterable<string | Uint8Array> {
  return format === 'json'
    ? modelFilePieces(file)
    : [exportModel(file, format, fileName, appVersion)];
}

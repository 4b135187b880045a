import type { DatasetDescription, IdxSummary } from '../../engine';
import type { DatasetRef } from '../../shared/project';

/** One file of an IDX pair, checked by the worker. */
export interface IdxPart {
  readonly file: Blob;
  readonly summary: IdxSummary;
  /** Where the file is on disk, when the platform knows (Electron): the project reads it there. */
  readonly path?: string | undefined;
}

/** An IDX pair being chosen: either file may come first; described once both are there. */
export interface IdxDraft {
  readonly format: 'idx';
  readonly images?: IdxPart | undefined;
  readonly labels?: IdxPart | undefined;
  readonly description?: DatasetDescription;
}

export type IdxRef = Extract<DatasetRef, { source: 'idx' }>;

/** The draft with one more file, in the slot of its kind; a new file needs a new description. */
export function withIdxPart(draft: IdxDraft | undefined, part: IdxPart): IdxDraft {
  const { kind } = part.summary;
  return {
    format: 'idx',
    images: kind === 'images' ? part : draft?.images,
    labels: kind === 'labels' ? part : draft?.labels,
  };
}

/** The IDX ref of a draft with both files, and the files by the names the ref gives them. */
export function idxPair(draft: IdxDraft): { ref: IdxRef; imports: Map<string, Blob> } | undefined {
  const { images, labels } = draft;
  if (!images || !labels) return undefined;
  const ref: IdxRef = {
    source: 'idx',
    images: images.path ?? images.summary.name,
    labels: labels.path ?? labels.summary.name,
  };
  const imports = new Map([
    [ref.images, images.file],
    [ref.labels, labels.file],
  ]);
  return { ref, imports };
}

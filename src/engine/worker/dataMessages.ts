import type { DatasetRef, TrainingSettings } from '../../shared/project';
import type { CsvPreview } from '../data/csvPreview';
import type { ImageSize } from '../data/dataset';
import type { IdxKind } from '../data/idx';
import type { DatasetInfo } from '../data/loadData';
import type { ColumnStats } from '../data/stats';
import type { DataShape } from '../model/dataShape';

/** What one IDX file holds, read and checked whole, before it is paired with its partner. */
export interface IdxSummary {
  readonly name: string;
  readonly kind: IdxKind;
  /** Images or labels in the file. */
  readonly count: number;
  /** Image size in pixels (images files only). */
  readonly rows?: number;
  readonly cols?: number;
}

/** A file the user picked, as the dataset panel shows it before anything is committed. */
export type FilePreview =
  | { readonly format: 'csv'; readonly csv: CsvPreview }
  | { readonly format: 'idx'; readonly idx: IdxSummary };

/** Images for the panel's sample grid: raw bytes 0..255, `[count][channels][rows][cols]` row-major. */
export interface SampleGrid {
  /** 1 (grey) or 3 (RGB). */
  readonly channels: number;
  readonly rows: number;
  readonly cols: number;
  /** Moved to the app with the reply (transferred, not copied). */
  readonly pixels: Uint8Array;
  /** Class index of each image. */
  readonly labels: readonly number[];
  /** Position of each image in the dataset. */
  readonly indices: readonly number[];
}

/** Everything the dataset panel shows about a dataset, read whole by the worker. */
export interface DatasetDescription extends DatasetInfo {
  /** Statistics of each feature and regression target; one `pixels` entry for images. */
  readonly stats: readonly ColumnStats[];
  /** Samples per class, in class order (classification only, else empty). */
  readonly classCounts: readonly number[];
  /** A few images of each class (image data only). */
  readonly samples?: SampleGrid;
  /** What the graph's compile needs: the Input node's shape and the outputs to end with. */
  readonly dataShape: DataShape;
  /** Why the data will not fit this GPU in one buffer, when it does not. */
  readonly gpuLimit?: string;
}

/** Requests about data: reading, previewing and describing datasets in the worker. */
export interface DataRequests {
  /**
   * Reads a file the user picked or dropped (a `File` is cloned by reference: no bytes are
   * copied): a CSV's preview (first rows, column statistics, suggested roles and task), or an IDX
   * file's kind and counts. Sends `data-progress` notices while it reads.
   */
  'preview-file': {
    request: { readonly file: Blob; readonly name: string };
    reply: FilePreview;
  };
  /**
   * Loads a dataset as training will (a built-in from `datasetsUrl`, a file from `imports`) and
   * describes it: counts after the validation split, statistics, classes, sample images. A bad
   * file fails with the engine's InputError message (`userError`).
   */
  'describe-dataset': {
    request: {
      readonly ref: DatasetRef;
      readonly training: Pick<TrainingSettings, 'validationSplit'>;
      /** `new URL('./datasets/', document.baseURI).href`: the worker cannot tell it itself. */
      readonly datasetsUrl: string;
      /** Imported files by the name the ref gives them. */
      readonly imports: ReadonlyMap<string, Blob>;
      /** Images for the grid, about; every class shows. Default 24. */
      readonly samples?: number;
    };
    reply: DatasetDescription;
  };
  /**
   * The size and channels of an image folder's first image (or a .zip's), from `imports` (its
   * files by their paths under `path`): what the app offers to read the folder at.
   */
  'preview-folder': {
    request: { readonly path: string; readonly imports: ReadonlyMap<string, Blob> };
    reply: { readonly size?: ImageSize };
  };
}

/** How far the worker has read a file: `total` bytes when known. */
export interface DataProgress {
  readonly type: 'data-progress';
  readonly file: string;
  readonly read: number;
  readonly total?: number;
}

/** Notices data requests send before their reply. */
export type DataNotices = DataProgress;

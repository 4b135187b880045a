/**
 * A dataset in memory, ready for training: samples as one row-major Float32Array (already
 * scaled or normalised as the project asks) and their targets.
 */
export type Targets =
  | {
      readonly task: 'regression';
      /** `[count][size]` row-major. */
      readonly values: Float32Array;
      readonly size: number;
      readonly names: readonly string[];
    }
  | {
      readonly task: 'classification';
      /** One class index per sample, in `[0, classes.length)`. */
      readonly labels: Int32Array;
      readonly classes: readonly string[];
    };

export interface Dataset {
  readonly name: string;
  readonly count: number;
  /** One sample's shape: `[features]` for a table, `[channels, rows, cols]` for images. */
  readonly sampleShape: readonly number[];
  /** `[count][...sampleShape]` row-major. */
  readonly x: Float32Array;
  readonly targets: Targets;
  /** Column names of tabular features (empty for images). */
  readonly featureNames: readonly string[];
}

/** Number of values in one sample. */
export function sampleSize(dataset: Pick<Dataset, 'sampleShape'>): number {
  return dataset.sampleShape.reduce((a, b) => a * b, 1);
}

/** An image sample's size: channels first, as torchvision's ToTensor gives them. */
export interface ImageSize {
  readonly channels: number;
  readonly height: number;
  readonly width: number;
}

/**
 * The image size of samples shaped `shape`: `[channels, height, width]`, or `[height, width]` as
 * model files written before images had channels hold it; undefined for table rows.
 */
export function imageSize(shape: readonly number[]): ImageSize | undefined {
  if (shape.length === 3) {
    const [channels, height, width] = shape as [number, number, number];
    return { channels, height, width };
  }
  if (shape.length === 2) {
    const [height, width] = shape as [number, number];
    return { channels: 1, height, width };
  }
  return undefined;
}

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
  /** One sample's shape: `[features]` for a table, `[rows, cols]` for images. */
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

import type { SampleSet } from '../../../engine';
import { ImageCanvas } from './ImageCanvas';

interface SampleTilesProps {
  readonly set: SampleSet;
  readonly classes: readonly string[];
}

/** Evaluated samples with their true class, the predicted one and its probability. */
export function SampleTiles({ set, classes }: SampleTilesProps) {
  const name = (i: number) => classes[i] ?? String(i);
  const k = set.classes;
  return (
    <ul className="sample-tiles">
      {set.indices.map((index, n) => {
        const truth = set.truth[n]!;
        const predicted = set.predicted[n]!;
        const p = set.probabilities[n * k + predicted] ?? 0;
        const wrong = truth !== predicted;
        const caption = `${name(predicted)} ${(p * 100).toFixed(0)}%`;
        const { image, table } = set;
        return (
          <li key={index} className={wrong ? 'sample-tile wrong' : 'sample-tile'}>
            {image && (
              <ImageCanvas
                rows={image.rows}
                cols={image.cols}
                values={image.pixels.subarray(
                  n * image.rows * image.cols,
                  (n + 1) * image.rows * image.cols,
                )}
                mode="gray"
                label={`sample ${index}: true ${name(truth)}, predicted ${name(predicted)}`}
              />
            )}
            {table && (
              <code className="sample-row">
                {table.rows[n]!.map((v) => Number(v.toPrecision(4))).join(', ')}
              </code>
            )}
            <span className="sample-caption" title={`true ${name(truth)}, predicted ${caption}`}>
              {wrong && <span className="sample-truth">{name(truth)} → </span>}
              {caption}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

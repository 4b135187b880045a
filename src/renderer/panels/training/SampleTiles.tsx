import type { SampleSet } from '../../../engine';
import { formatFeature } from './featureValue';
import { ImageCanvas } from './ImageCanvas';

interface SampleTilesProps {
  readonly set: SampleSet;
  readonly classes: readonly string[];
}

/**
 * Evaluated samples with their true class, the predicted one and its probability: an image, or
 * a table row as its columns' names and values.
 */
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
          <li
            key={index}
            className={`sample-tile${table ? ' sample-tile-row' : ''}${wrong ? ' wrong' : ''}`}
          >
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
              <dl className="sample-features">
                {table.rows[n]!.map((v, j) => {
                  const column = table.featureNames[j] ?? `column ${j + 1}`;
                  return (
                    <div key={column}>
                      <dt>{column}</dt>
                      <dd>{formatFeature(v)}</dd>
                    </div>
                  );
                })}
              </dl>
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

import { useMemo } from 'react';
import type { FeatureMapLayer, FeatureMaps } from '../../../engine';
import { useTraining } from '../../stores/appStores';
import { ChartTable } from './ChartTable';
import { ImageCanvas } from './ImageCanvas';
import { channelLevels, insideNumber, shapeText, tileColumns } from './insidesFormat';

const NO_CLASSES: readonly string[] = [];

/** The id of the feature maps' card: Inspect buttons scroll it into view. */
export const FEATURE_MAPS_ID = 'feature-maps';

/**
 * What each conv and pool layer makes of one test image: the image, then each layer's output
 * channels as a row of small grey pictures, dark where the channel responds most. The student
 * picks the image in the gallery or a confusion-matrix cell (Inspect); the first is shown until
 * then, from the weights of the last finished epoch.
 */
export function FeatureMapsView() {
  const inspected = useTraining((s) => s.inspected);
  const classes = useTraining((s) => s.facts?.classes ?? NO_CLASSES);
  const on = useTraining((s) => s.evaluation?.on ?? s.facts?.evaluatedOn ?? 'evaluated');
  if (!inspected) return null;
  const { maps, error } = inspected;
  const name = (i: number) => classes[i] ?? String(i);
  const said =
    maps?.predicted !== undefined
      ? `true ${name(maps.truth!)}, predicted ${name(maps.predicted)} ${((maps.probability ?? 0) * 100).toFixed(0)}%`
      : '';
  return (
    <section className="chart-card inside-wide" id={FEATURE_MAPS_ID} aria-label="Feature maps">
      <div className="chart-head">
        <h4>Feature maps</h4>
        <span className="chart-figure">
          {on} image {inspected.index}
          {maps && ` · ${maps.epoch === 0 ? 'initial weights' : `after epoch ${maps.epoch}`}`}
        </span>
      </div>
      {error && <p className="chart-hint">{error}</p>}
      {!maps && !error && <p className="chart-hint">Loading…</p>}
      {maps && (
        <>
          <div className="inspected-image">
            <ImageCanvas
              rows={maps.image.rows}
              cols={maps.image.cols}
              values={maps.image.pixels}
              mode="gray"
              label={`${on} image ${maps.index}${said ? `: ${said}` : ''}`}
            />
            <div>
              {said && <p className="inspected-said">{said}</p>}
              <p className="chart-hint">
                Each row is one layer's output channels, each from its own least value (white) to
                its greatest (black): all white where a channel is the same everywhere. Inspect
                another image in the predictions gallery or a confusion-matrix cell.
              </p>
            </div>
          </div>
          {maps.layers.map((layer) => (
            <MapRow key={layer.nodeId} layer={layer} />
          ))}
          <ChartTable label="The feature maps' numbers as a table">
            <MapTable maps={maps} on={on} />
          </ChartTable>
        </>
      )}
    </section>
  );
}

/** One layer's channels, each from its least value (white) to its greatest (black). */
function MapRow({ layer }: { layer: FeatureMapLayer }) {
  const [channels, rows, cols] = layer.shape;
  const area = rows * cols;
  const levels = useMemo(
    () => channelLevels(layer.values, layer.shown, area),
    [layer.values, layer.shown, area],
  );
  // Three screen pixels a value, within 36 to 56: a pool's smaller maps look smaller, yet legible.
  // A row of 8 shrinks below this to fit the panel (charts.css).
  const size = Math.min(56, Math.max(36, cols * 3));
  return (
    <div className="map-row">
      <div className="map-label">
        <strong>{layer.nodeId}</strong> · {shapeText(layer.shape)}
        <span className="chart-figure">
          {' '}
          {insideNumber(layer.min)} to {insideNumber(layer.max)}
          {layer.shown < channels ? ` · first ${layer.shown} of ${channels} channels` : ''}
        </span>
      </div>
      <ul
        className="map-list"
        style={{ ['--map-size' as string]: `${size}px`, ...tileColumns(layer.shown) }}
      >
        {Array.from({ length: layer.shown }, (_, c) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: positional, never reordered
          <li key={`channel-${c + 1}`}>
            <ImageCanvas
              rows={rows}
              cols={cols}
              values={levels.subarray(c * area, (c + 1) * area)}
              mode="gray"
              label={`${layer.nodeId} channel ${c + 1}`}
            />
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Each drawn channel's least, mean and greatest value. */
function MapTable({ maps, on }: { maps: FeatureMaps; on: string }) {
  return (
    <table className="metrics-table">
      <caption>
        Each channel's values for {on} image {maps.index}, layer by layer
      </caption>
      <thead>
        <tr>
          <th scope="col">layer</th>
          <th scope="col">channel</th>
          <th scope="col">least</th>
          <th scope="col">mean</th>
          <th scope="col">greatest</th>
        </tr>
      </thead>
      <tbody>
        {maps.layers.flatMap((layer) => {
          const area = layer.shape[1] * layer.shape[2];
          return Array.from({ length: layer.shown }, (_, c) => {
            const values = layer.values.subarray(c * area, (c + 1) * area);
            let least = Infinity;
            let most = -Infinity;
            let sum = 0;
            for (const v of values) {
              least = Math.min(least, v);
              most = Math.max(most, v);
              sum += v;
            }
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: positional, never reordered
              <tr key={`${layer.nodeId}-${c + 1}`}>
                <th scope="row">{layer.nodeId}</th>
                <td>{c + 1}</td>
                <td>{insideNumber(least)}</td>
                <td>{insideNumber(sum / area)}</td>
                <td>{insideNumber(most)}</td>
              </tr>
            );
          });
        })}
      </tbody>
    </table>
  );
}

import type { LiveView } from '../../../engine';
import { countOf } from '../../../shared/plural';
import { useTraining } from '../../stores/appStores';
import { ChartTable } from './ChartTable';
import { ImageCanvas } from './ImageCanvas';
import { insideNumber, tileColumns } from './insidesFormat';

type FiltersView = Extract<LiveView, { kind: 'filters' }>;

/**
 * The first convolution's filters, one small picture each on the signed scale of the weight
 * pictures (blue where a bright pixel under that tap raises the output, red where it lowers it),
 * redrawn as the weights change.
 */
export function FilterGrid() {
  const view = useTraining((s) => (s.view?.kind === 'filters' ? s.view : undefined));
  if (!view) return null;
  const { size, pictures, outChannels, inChannels, weights, nodeId } = view;
  let max = 0;
  for (const w of weights) max = Math.max(max, Math.abs(w));
  const area = size * size;
  const shown =
    pictures < outChannels
      ? `first ${pictures} of ${countOf(outChannels, 'filter')}`
      : countOf(outChannels, 'filter');
  return (
    <section className="chart-card inside-wide" aria-label="Filters">
      <div className="chart-head">
        <h4>Filters of {nodeId}</h4>
        <span className="chart-figure">
          {shown} of {size} × {size} · blue +, red −
        </span>
      </div>
      <p className="chart-hint">
        What each output channel of {nodeId} looks for in a {size} × {size} patch: blue taps raise
        its output where the pixel is bright, red ones lower it.
        {inChannels > 1 && ` Each picture is the mean of its ${inChannels} input channels.`}
      </p>
      <ul className="filter-grid" style={tileColumns(pictures)}>
        {Array.from({ length: pictures }, (_, o) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: positional, never reordered
          <li key={`filter-${o + 1}`}>
            <ImageCanvas
              rows={size}
              cols={size}
              values={weights.subarray(o * area, (o + 1) * area)}
              mode={{ signed: max }}
              label={`filter ${o + 1} of ${nodeId}`}
            />
            <span>{o + 1}</span>
          </li>
        ))}
      </ul>
      <ChartTable label="The filters' weights as a table">
        <FilterTable view={view} />
      </ChartTable>
    </section>
  );
}

/** Each filter's k x k weights, row by row. */
function FilterTable({ view }: { view: FiltersView }) {
  const { size, pictures, weights } = view;
  const area = size * size;
  return (
    <table className="metrics-table">
      <caption>
        The weights of each filter of {view.nodeId}, {size} rows of {size}
        {view.inChannels > 1 ? ', each the mean over its input channels' : ''}
      </caption>
      <thead>
        <tr>
          <th scope="col">filter</th>
          {Array.from({ length: size }, (_, r) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: positional, never reordered
            <th key={`row-${r + 1}`} scope="col">
              row {r + 1}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {Array.from({ length: pictures }, (_, o) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: positional, never reordered
          <tr key={`filter-${o + 1}`}>
            <th scope="row">{o + 1}</th>
            {Array.from({ length: size }, (_, r) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: positional, never reordered
              <td key={`row-${r + 1}`}>
                {Array.from(weights.subarray(o * area + r * size, o * area + (r + 1) * size))
                  .map(insideNumber)
                  .join('  ')}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

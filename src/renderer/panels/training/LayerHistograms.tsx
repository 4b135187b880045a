import { useMemo, useState } from 'react';
import { type Histogram, type LayerInsides, type ModelSpec, nodeDefinition } from '../../../engine';
import { OUTPUTS, WEIGHTS } from '../../charts/colors';
import { useTraining } from '../../stores/appStores';
import { ChartTable } from './ChartTable';
import { histogramSummary, insideNumber, percentText } from './insidesFormat';

/** The layer's node id and kind: "fc1 · Linear". */
function layerName(model: ModelSpec | undefined, layer: number): { id: string; kind: string } {
  const spec = model?.layers[layer];
  return spec
    ? { id: spec.nodeId, kind: nodeDefinition(spec.kind).label }
    : { id: `layer ${layer + 1}`, kind: '' };
}

/**
 * Per layer with weights, at an epoch's end: how its weights are spread, and its outputs z on
 * the epoch's last training batch (before any activation), with the share of its units a ReLU
 * after it left dead. The latest epoch's, or another picked on the slider.
 */
export function LayerHistograms() {
  const history = useTraining((s) => s.history);
  const model = useTraining((s) => s.facts?.model);
  const entries = useMemo(() => history.filter((e) => e.insides), [history]);
  // Undefined follows the latest epoch.
  const [picked, setPicked] = useState<number | undefined>(undefined);
  if (entries.length === 0) return null;
  const position = picked === undefined ? entries.length - 1 : Math.min(picked, entries.length - 1);
  const entry = entries[position]!;
  const epoch = entry.report.epoch;
  return (
    <section className="chart-card inside-wide" aria-label="Histograms of the layers">
      <div className="chart-head">
        <h4>Weights and outputs by layer</h4>
        <span className="chart-figure">
          end of epoch {epoch}
          {picked === undefined && entries.length > 1 ? ' (latest)' : ''}
        </span>
      </div>
      {entries.length > 1 && (
        <label className="insides-epoch">
          Epoch
          <input
            type="range"
            min={0}
            max={entries.length - 1}
            value={position}
            aria-valuetext={`epoch ${epoch}`}
            onChange={(e) => {
              const value = Number(e.target.value);
              setPicked(value === entries.length - 1 ? undefined : value);
            }}
          />
        </label>
      )}
      <p className="chart-hint">
        <span className="swatch" style={{ background: WEIGHTS }} /> weights{'  '}
        <span className="swatch" style={{ background: OUTPUTS }} /> outputs z on the epoch's last
        training batch (before any activation)
      </p>
      <div className="layer-histograms">
        {entry.insides!.map((inside) => (
          <LayerRow key={inside.layer} inside={inside} model={model} />
        ))}
      </div>
      <ChartTable label="The histograms as a table">
        <HistogramTable insides={entry.insides!} model={model} epoch={epoch} />
      </ChartTable>
    </section>
  );
}

function LayerRow({ inside, model }: { inside: LayerInsides; model: ModelSpec | undefined }) {
  const { id, kind } = layerName(model, inside.layer);
  return (
    <div className="layer-histogram">
      <div className="map-label">
        <strong>{id}</strong> {kind && <span className="chart-figure">{kind}</span>}
        {inside.dead !== undefined && (
          <span className={inside.dead > 0.5 ? 'dead-share dead-many' : 'dead-share'}>
            {percentText(inside.dead)} dead ReLUs
          </span>
        )}
      </div>
      <HistogramBars histogram={inside.weights} color={WEIGHTS} label={`${id} weights`} />
      <HistogramBars histogram={inside.outputs} color={OUTPUTS} label={`${id} outputs`} />
    </div>
  );
}

/** Bars of a histogram, with its least and greatest value under its ends and 0 marked. */
function HistogramBars({
  histogram,
  color,
  label,
}: {
  histogram: Histogram;
  color: string;
  label: string;
}) {
  const { counts, min, max } = histogram;
  const tallest = Math.max(1, ...counts);
  const bins = counts.length;
  // Where 0 falls, when the values straddle it.
  const zero = min < 0 && max > 0 ? (-min / (max - min)) * bins : undefined;
  return (
    <figure className="histogram">
      <svg
        viewBox={`0 0 ${bins} 20`}
        preserveAspectRatio="none"
        role="img"
        aria-label={label}
        aria-description={histogramSummary(label, histogram)}
      >
        {counts.map((c, i) => {
          const h = c === 0 ? 0 : Math.max(0.6, (c / tallest) * 20);
          // biome-ignore lint/suspicious/noArrayIndexKey: bins are positional, never reordered
          return <rect key={i} x={i + 0.06} y={20 - h} width={0.88} height={h} fill={color} />;
        })}
        {zero !== undefined && (
          <line
            x1={zero}
            x2={zero}
            y1={0}
            y2={20}
            className="histogram-zero"
            vectorEffect="non-scaling-stroke"
          />
        )}
      </svg>
      <figcaption>
        <span>{insideNumber(min)}</span>
        <span>{insideNumber(max)}</span>
      </figcaption>
    </figure>
  );
}

/** Each layer's two histograms: range, count of values and the counts bin by bin. */
function HistogramTable({
  insides,
  model,
  epoch,
}: {
  insides: readonly LayerInsides[];
  model: ModelSpec | undefined;
  epoch: number;
}) {
  return (
    <table className="metrics-table">
      <caption>
        At the end of epoch {epoch}: each layer's weights and outputs in{' '}
        {insides[0]?.weights.counts.length} equal bins from the least value to the greatest
      </caption>
      <thead>
        <tr>
          <th scope="col">layer</th>
          <th scope="col">of</th>
          <th scope="col">least</th>
          <th scope="col">greatest</th>
          <th scope="col">dead ReLUs</th>
          <th scope="col">counts, bin by bin</th>
        </tr>
      </thead>
      <tbody>
        {insides.flatMap((inside) => {
          const { id } = layerName(model, inside.layer);
          return (['weights', 'outputs'] as const).map((of) => {
            const h = inside[of];
            return (
              <tr key={`${id}-${of}`}>
                <th scope="row">{id}</th>
                <td>{of}</td>
                <td>{insideNumber(h.min)}</td>
                <td>{insideNumber(h.max)}</td>
                <td>
                  {of === 'outputs' && inside.dead !== undefined ? percentText(inside.dead) : ''}
                </td>
                <td>{h.counts.join(' ')}</td>
              </tr>
            );
          });
        })}
      </tbody>
    </table>
  );
}

import { type ModelFile, shortestFloat32 } from '../../engine';

/** Softmax of scores, for a classifier that ends on its scores (cross-entropy folds it in). */
function probabilities(scores: readonly number[]): number[] {
  const max = Math.max(...scores);
  const e = scores.map((s) => Math.exp(s - max));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}

/** The model's outputs for one sample: classes by probability, or the predicted targets. */
export function OutputList({ file, outputs }: { file: ModelFile; outputs: readonly number[] }) {
  if (file.task === 'regression') {
    return (
      <dl className="model-outputs" aria-label="Predictions">
        {outputs.map((y, i) => (
          <div key={file.targets?.[i] ?? i}>
            <dt>{file.targets?.[i] ?? `output ${i + 1}`}</dt>
            <dd>{shortestFloat32(y)}</dd>
          </div>
        ))}
      </dl>
    );
  }
  const softmaxLast = file.layers.at(-1)?.kind === 'softmax';
  const p = softmaxLast ? [...outputs] : probabilities(outputs);
  const ranked = p.map((v, i) => ({ v, i })).sort((a, b) => b.v - a.v);
  return (
    <ol className="model-outputs classes" aria-label="Predictions">
      {ranked.map(({ v, i }, rank) => (
        <li key={i} className={rank === 0 ? 'top' : undefined}>
          <span>{file.classes?.[i] ?? `class ${i}`}</span>
          <meter min={0} max={1} value={v} />
          <span>{(v * 100).toFixed(1)}%</span>
        </li>
      ))}
    </ol>
  );
}

import { useId, useMemo, useState } from 'react';
import { classificationMetrics, type SplitEvaluation } from '../../../engine';
import { useTraining } from '../../stores/appStores';
import { ConfusionView } from './ConfusionMatrix';
import { ClassGradesTable } from './GradeTables';

const NO_CLASSES: readonly string[] = [];

/**
 * A classification's grades at any finished epoch: per-class precision, recall and F1 with their
 * macro averages (from that epoch's confusion matrix, as scikit-learn defines them), and the
 * matrix itself. A slider picks the epoch; it shows the latest, and follows new epochs, until
 * moved back.
 */
export function ClassReport() {
  const history = useTraining((s) => s.history);
  const entries = useMemo(() => history.filter((e) => e.evaluation), [history]);
  // Undefined follows the latest epoch.
  const [picked, setPicked] = useState<number | undefined>(undefined);
  const sliderId = useId();
  if (entries.length === 0) return null;
  const last = entries.length - 1;
  const position = picked === undefined ? last : Math.min(picked, last);
  const entry = entries[position]!;
  const epoch = entry.report.epoch;
  const latest = position === last;
  return (
    <>
      {entries.length > 1 && (
        <div className="insides-epoch">
          <label htmlFor={sliderId}>Epoch</label>
          <input
            id={sliderId}
            type="range"
            min={0}
            max={last}
            value={position}
            aria-valuetext={`epoch ${epoch}${latest ? ', the latest' : ''}`}
            onChange={(e) => {
              const value = Number(e.target.value);
              setPicked(value === last ? undefined : value);
            }}
          />
          {/* What the slider's value text says, for the eye. */}
          <span className="chart-figure" aria-hidden="true">
            {epoch}
            {latest ? ' (latest)' : ` of ${entries[last]!.report.epoch}`}
          </span>
        </div>
      )}
      <ClassTable evaluation={entry.evaluation!} epoch={epoch} />
      <ConfusionView evaluation={entry.evaluation!} {...(latest ? {} : { pastEpoch: epoch })} />
    </>
  );
}

function ClassTable({ evaluation, epoch }: { evaluation: SplitEvaluation; epoch: number }) {
  const classes = useTraining((s) => s.facts?.classes ?? NO_CLASSES);
  const { perClass, macro } = useMemo(
    () => classificationMetrics(evaluation.confusionMatrix),
    [evaluation.confusionMatrix],
  );
  return (
    <ClassGradesTable
      caption={`Per class, epoch ${epoch}, ${evaluation.on} split`}
      classes={perClass.map((m, c) => ({ name: classes[c] ?? String(c), ...m }))}
      macro={macro}
    />
  );
}

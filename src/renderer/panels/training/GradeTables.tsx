import { lossText } from '../../../shared/lossText';
import { percent } from './ChartTable';

/** One class's grades, by name, as scikit-learn's classification report has them. */
export interface ClassGrades {
  readonly name: string;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly support: number;
}

/** One regression target's grades, by name (R² is undefined below two samples). */
export interface TargetGrades {
  readonly name: string;
  readonly r2?: number | undefined;
  readonly mae: number;
  readonly rmse: number;
}

/**
 * Per-class precision, recall, F1 and support, with the macro averages in the footer: the
 * Metrics tab's table of a run's epoch, and the model dialog's of a model file.
 */
export function ClassGradesTable({
  caption,
  classes,
  macro,
}: {
  caption: string;
  classes: readonly ClassGrades[];
  macro: Omit<ClassGrades, 'name' | 'support'>;
}) {
  const total = classes.reduce((sum, m) => sum + m.support, 0);
  return (
    <table className="metrics-table class-metrics">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">class</th>
          <th scope="col">precision</th>
          <th scope="col">recall</th>
          <th scope="col">F1</th>
          <th scope="col">support</th>
        </tr>
      </thead>
      <tbody>
        {classes.map((m, c) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: classes are positional (labels may repeat)
          <tr key={c}>
            <th scope="row">{m.name}</th>
            <td>{percent(m.precision)}</td>
            <td>{percent(m.recall)}</td>
            <td>{percent(m.f1)}</td>
            <td>{m.support.toLocaleString('en-US')}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">macro average</th>
          <td>{percent(macro.precision)}</td>
          <td>{percent(macro.recall)}</td>
          <td>{percent(macro.f1)}</td>
          <td>{total.toLocaleString('en-US')}</td>
        </tr>
      </tfoot>
    </table>
  );
}

/** R², MAE and RMSE per target: the Metrics tab's of a run, and the model dialog's of a file. */
export function TargetGradesTable({
  caption,
  targets,
}: {
  caption: string;
  targets: readonly TargetGrades[];
}) {
  return (
    <table className="metrics-table class-metrics">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">target</th>
          <th scope="col">R²</th>
          <th scope="col">MAE</th>
          <th scope="col">RMSE</th>
        </tr>
      </thead>
      <tbody>
        {targets.map((m, j) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: targets are positional, never reordered
          <tr key={j}>
            <th scope="row">{m.name}</th>
            <td title={m.r2 === undefined ? 'R² needs at least two samples' : undefined}>
              {m.r2 === undefined ? 'n/a' : lossText(m.r2)}
            </td>
            <td>{lossText(m.mae)}</td>
            <td>{lossText(m.rmse)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

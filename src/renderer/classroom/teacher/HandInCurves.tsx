import { useMemo } from 'react';
import { useChart } from '../../charts/useChart';
import { curvesOption, type StudentCurve } from './curvesOption';

/** The chart itself, mounted once there is a curve (ECharts measures its element at mount). */
function CurvesChart({ curves }: { curves: readonly StudentCurve[] }) {
  const option = useMemo(() => curvesOption(curves), [curves]);
  const ref = useChart(option);
  const names = curves.map((c) => c.file).join(', ');
  return (
    <div
      ref={ref}
      className="hand-in-chart"
      role="img"
      aria-label={`Loss per epoch of ${names}; the table lists each one's final figures`}
    />
  );
}

/** The hand-ins' loss curves overlaid, one line per student. */
export function HandInCurves({ curves }: { curves: readonly StudentCurve[] }) {
  const drawn = curves.filter((c) => c.rerun.length > 0 || c.claimed.length > 0);
  return (
    <section className="hand-in-curves" aria-label="Loss curves">
      <h3>Loss curves</h3>
      {drawn.length === 0 ? (
        <p className="empty-state">The curves show here once a hand-in is re-trained.</p>
      ) : (
        <CurvesChart curves={drawn} />
      )}
    </section>
  );
}

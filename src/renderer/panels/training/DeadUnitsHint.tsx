import { useTraining } from '../../stores/appStores';

/**
 * The doctor's hint when most of a layer's ReLUs are dead: they gave 0 to every sample of an
 * epoch's last batch, so no gradient reaches their weights and they have stopped learning. The
 * run's first such hint stays (the store keeps one per run; the live region says it once).
 */
export function DeadUnitsHint() {
  const hint = useTraining((s) => s.deadUnits);
  if (!hint) return null;
  return (
    <section className="doctor doctor-hint" aria-label="Dead ReLUs">
      <h3>Hint: dead ReLUs in {hint.nodeId}</h3>
      <p>
        {hint.message} (seen at the end of epoch {hint.epoch}).
      </p>
      <p className="chart-hint">
        A ReLU gives 0 for any input below 0 and then passes no gradient back, so a unit whose
        inputs all fall below 0 stays there. LeakyReLU keeps a small slope below 0.
      </p>
    </section>
  );
}

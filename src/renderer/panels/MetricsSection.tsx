/** Live metrics of the current run. */
export function MetricsSection() {
  return (
    <section className="panel-section empty-state" aria-label="Metrics">
      <p>No training run yet.</p>
      <p>While the model trains, its loss, accuracy and confusion matrix appear here.</p>
    </section>
  );
}

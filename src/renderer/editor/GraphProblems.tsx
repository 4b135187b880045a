import { useCompiled } from '../stores/appStores';

/** Problems that concern the whole model rather than one node (the loss against the data). */
export function GraphProblems() {
  const problems = useCompiled((s) => s.graphProblems);
  if (problems.length === 0) return null;
  return (
    <ul className="graph-problems" aria-label="Model problems">
      {problems.map((p) => (
        <li
          key={p.message}
          className={`problem-${p.severity}`}
          role={p.severity === 'error' ? 'alert' : undefined}
        >
          {p.message}
        </li>
      ))}
    </ul>
  );
}

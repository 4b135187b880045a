import type { Problem } from '../../engine';

/** Compile's problems in plain words, errors announced to screen readers as alerts. */
export function ProblemList({
  problems,
  className,
  label,
}: {
  problems: readonly Problem[];
  className: string;
  label?: string;
}) {
  return (
    <ul className={className} aria-label={label}>
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

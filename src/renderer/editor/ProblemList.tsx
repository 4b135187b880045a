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
        <li key={p.message} className={`problem-${p.severity}`}>
          {/* A list item may not be an alert itself (ARIA's listitem role): its text is. */}
          {p.severity === 'error' ? <span role="alert">{p.message}</span> : p.message}
        </li>
      ))}
    </ul>
  );
}

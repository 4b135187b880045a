import { type ReactNode, useEffect, useId, useState } from 'react';

interface FieldProps {
  label: string;
  hint?: string | undefined;
  children: (id: string) => ReactNode;
}

/** A labelled form row: the label names the control for screen readers and tests. */
export function Field({ label, hint, children }: FieldProps) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children(id)}
      {hint && <p className="field-hint">{hint}</p>}
    </div>
  );
}

interface NumberFieldProps {
  label: string;
  value: number;
  onCommit: (value: number) => void;
  /** Returns what is wrong with a value, or undefined when it is acceptable. */
  validate: (value: number) => string | undefined;
  step?: number | 'any';
  hint?: string;
  disabled?: boolean;
}

/**
 * A number input that keeps what the user typed while it is invalid, says why under it, and
 * commits only valid numbers: a half-typed "1e-" never reaches the project.
 */
export function NumberField({
  label,
  value,
  onCommit,
  validate,
  step = 'any',
  hint,
  disabled,
}: NumberFieldProps) {
  const [text, setText] = useState(String(value));
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    setText((current) => (Number(current) === value ? current : String(value)));
  }, [value]);

  const change = (next: string) => {
    setText(next);
    const parsed = next.trim() === '' ? Number.NaN : Number(next);
    const problem = Number.isFinite(parsed) ? validate(parsed) : 'enter a number';
    setError(problem);
    if (!problem) onCommit(parsed);
  };

  return (
    <Field label={label} hint={error ? undefined : hint}>
      {(id) => (
        <>
          <input
            id={id}
            type="number"
            step={step}
            value={text}
            disabled={disabled}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            onChange={(e) => change(e.target.value)}
          />
          {error && (
            <p className="field-error" id={`${id}-error`} role="alert">
              {label}: {error}
            </p>
          )}
        </>
      )}
    </Field>
  );
}

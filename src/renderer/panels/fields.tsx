import { type ReactNode, useEffect, useId, useState } from 'react';
import { limitsProblem, type NumberLimits } from '../../shared/numberLimits';
import { uiStore } from '../stores/appStores';

interface FieldProps {
  label: string;
  hint?: string | undefined;
  /** Why the control is read-only (an assignment's lock): shown with a lock instead of the hint. */
  locked?: string | undefined;
  children: (id: string) => ReactNode;
}

/**
 * A labelled form row: the label names the control for screen readers and tests. A locked row
 * shows a lock by its label and the reason under it; the caller disables its control.
 */
export function Field({ label, hint, locked, children }: FieldProps) {
  const id = useId();
  return (
    <div className={locked ? 'field locked' : 'field'}>
      {locked ? (
        // The lock beside the label, not in it: the control's name stays the setting's name.
        <span className="field-label">
          <label htmlFor={id}>{label}</label>
          <svg className="lock-mark" viewBox="0 0 12 14" width="10" height="12" aria-hidden="true">
            <path d="M3 6V4a3 3 0 0 1 6 0v2" fill="none" stroke="currentColor" strokeWidth="1.5" />
            <rect x="1" y="6" width="10" height="7.5" rx="1.5" fill="currentColor" />
          </svg>
        </span>
      ) : (
        <label htmlFor={id}>{label}</label>
      )}
      {children(id)}
      {locked ? (
        <p className="field-hint lock-reason">{locked}</p>
      ) : (
        hint && <p className="field-hint">{hint}</p>
      )}
    </div>
  );
}

interface NumberFieldProps {
  label: string;
  value: number;
  /** The range the value must be in: the same limits as the project file's (numberLimits.ts). */
  limits: NumberLimits;
  onCommit: (value: number) => void;
  hint?: string | undefined;
  disabled?: boolean;
  /** Why the field is read-only (an assignment's lock). */
  locked?: string | undefined;
  /** Names the field in the reasons Train gives while it is invalid: "Out features of fc1". */
  problemName?: string;
}

/** What is wrong with a field's text, or undefined when it holds a number within `limits`. */
export function draftProblem(text: string, limits: NumberLimits): string | undefined {
  return limitsProblem(limits, text.trim() === '' ? Number.NaN : Number(text));
}

/**
 * A number field with a draft: what the user types stays in the field, checked as it is typed,
 * and reaches the project only when valid, on Enter or when the field loses the focus; Escape
 * puts the project's value back. While the draft is invalid its message shows under it and Train
 * is disabled with it as a reason (ui store's `invalidFields`), so the model never differs from
 * what a field shows.
 */
export function NumberField({
  label,
  value,
  limits,
  onCommit,
  hint,
  disabled,
  locked,
  problemName = label,
}: NumberFieldProps) {
  const key = useId();
  const [text, setText] = useState(String(value));
  const error = draftProblem(text, limits);
  useEffect(() => {
    setText((current) => (Number(current) === value ? current : String(value)));
  }, [value]);
  useEffect(() => {
    uiStore.getState().setInvalidField(key, error && `${problemName} ${error}`);
  }, [key, error, problemName]);
  useEffect(() => () => uiStore.getState().setInvalidField(key, undefined), [key]);

  const commit = () => {
    if (error) return;
    const parsed = Number(text);
    if (parsed !== value) onCommit(parsed);
  };

  return (
    <Field label={label} hint={error ? undefined : hint} locked={locked}>
      {(id) => (
        <>
          <input
            id={id}
            type="text"
            inputMode="decimal"
            value={text}
            disabled={disabled}
            readOnly={locked !== undefined}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            onChange={(e) => setText(e.target.value)}
            onBlur={commit}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                commit();
              } else if (e.key === 'Escape') {
                setText(String(value));
              }
            }}
          />
          {error && (
            <p className="field-error" id={`${id}-error`} role="alert">
              {label} {error}
            </p>
          )}
        </>
      )}
    </Field>
  );
}

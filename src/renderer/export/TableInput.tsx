import { useId, useState } from 'react';
import {
  type ColumnEncoding,
  encodeCell,
  encodedWidth,
  isInputError,
  type ModelFile,
} from '../../engine';
import type { OpenedModel } from './exportStore';
import { OutputList } from './OutputList';

/**
 * The model's raw columns, each with how it becomes inputs: the file's encodings, or one number
 * per input (named by its feature column when the file names them).
 */
function columnsOf(file: ModelFile, inputs: number): readonly ColumnEncoding[] {
  const prep = file.preprocessing;
  if (prep.columns) return prep.columns;
  const names = prep.features ?? [];
  return Array.from({ length: inputs }, (_, j) => ({
    name: names[j] ?? `input ${j + 1}`,
    kind: 'number' as const,
  }));
}

/** The mean of the input at `j` in the training data, or the middle of its range, or 0. */
function typical(file: ModelFile, j: number): number {
  const p = file.preprocessing;
  return p.kind === 'standardize'
    ? p.mean[j]!
    : p.kind === 'minmax'
      ? (p.min[j]! + p.max[j]!) / 2
      : 0;
}

/**
 * A starting value per column: a number's training mean (or middle of its range), a category's
 * fill or first category, a date's typical day.
 */
function startValues(file: ModelFile, columns: readonly ColumnEncoding[]): string[] {
  let at = 0;
  return columns.map((c) => {
    const j = at;
    at += encodedWidth(c);
    if (c.kind === 'category') return c.fill ?? c.categories[0]!;
    if (c.kind === 'date') {
      const year = Math.round(typical(file, j)) || 2000;
      const month = Math.min(12, Math.max(1, Math.round(typical(file, j + 1)) || 1));
      return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-01`;
    }
    return String(Number(typical(file, j).toPrecision(4)));
  });
}

/** A field left empty that the model cannot fill in (it was trained without filling gaps). */
class FieldEmpty extends Error {
  constructor(readonly field: string) {
    super(`${field} is empty`);
  }
}

/**
 * The values as the model's inputs, or what is wrong with one of them. An empty field takes the
 * column's fill when the model has one (trained with `"missing": "mean"`).
 */
function encode(
  columns: readonly ColumnEncoding[],
  values: readonly string[],
  size: number,
): Float32Array | string {
  const x = new Float32Array(size);
  let at = 0;
  try {
    columns.forEach((c, j) => {
      if (values[j]!.trim() === '' && c.fill === undefined) throw new FieldEmpty(c.name);
      encodeCell(values[j]!, c, false, x, at, () => c.name);
      at += encodedWidth(c);
    });
  } catch (err) {
    if (err instanceof FieldEmpty) return `Fill in ${err.field}.`;
    if (isInputError(err)) return err.message;
    throw err;
  }
  return x;
}

/** One column's field: a choice among its categories, a date, or a number. */
function ColumnField({
  column,
  value,
  onChange,
}: {
  column: ColumnEncoding;
  value: string;
  onChange: (value: string) => void;
}) {
  const id = useId();
  return (
    <label htmlFor={id}>
      <span>{column.name}</span>
      {column.kind === 'category' ? (
        <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
          {column.categories.map((category) => (
            <option key={category} value={category}>
              {category}
            </option>
          ))}
        </select>
      ) : (
        <input
          id={id}
          type={column.kind === 'date' ? 'date' : 'number'}
          step="any"
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </label>
  );
}

/**
 * A table model's input: one labelled field per column (a number, a date, or a choice among the
 * categories the model learned), outputs predicted as you type.
 */
export function TableInput({ opened }: { opened: OpenedModel }) {
  const { file, predictor } = opened;
  const columns = columnsOf(file, predictor.inputSize);
  const [values, setValues] = useState(() => startValues(file, columns));
  const set = (j: number, value: string) =>
    setValues(values.map((old, k) => (k === j ? value : old)));
  const x = encode(columns, values, predictor.inputSize);
  // A forward pass of one sample costs microseconds: predict on every render.
  const outputs = typeof x === 'string' ? undefined : Array.from(predictor.predict(x, 1));
  return (
    <div className="model-predict">
      <form className="model-inputs" aria-label="Inputs" onSubmit={(e) => e.preventDefault()}>
        {columns.map((c, j) => (
          <ColumnField key={c.name} column={c} value={values[j]!} onChange={(v) => set(j, v)} />
        ))}
      </form>
      {outputs ? <OutputList file={file} outputs={outputs} /> : <p className="empty-state">{x}</p>}
    </div>
  );
}

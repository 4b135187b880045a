import { useState } from 'react';
import type { ModelFile } from '../../engine';
import type { OpenedModel } from './exportStore';
import { OutputList } from './OutputList';

/** A starting value per column: the training data's mean, or the middle of its range. */
function startValues(file: ModelFile, count: number): string[] {
  const p = file.preprocessing;
  return Array.from({ length: count }, (_, j) => {
    const v =
      p.kind === 'standardize' ? p.mean[j]! : p.kind === 'minmax' ? (p.min[j]! + p.max[j]!) / 2 : 0;
    return String(Number(v.toPrecision(4)));
  });
}

/** A table model's input: one labelled number field per column, outputs predicted as you type. */
export function TableInput({ opened }: { opened: OpenedModel }) {
  const { file, predictor } = opened;
  const names = file.preprocessing.features ?? [];
  const count = predictor.inputSize;
  const [values, setValues] = useState(() => startValues(file, count));
  const numbers = values.map(Number);
  const valid = values.every((v) => v.trim() !== '') && numbers.every(Number.isFinite);
  // A forward pass of one sample costs microseconds: predict on every render.
  const outputs = valid ? Array.from(predictor.predict(numbers, 1)) : undefined;
  return (
    <div className="model-predict">
      <form className="model-inputs" aria-label="Inputs" onSubmit={(e) => e.preventDefault()}>
        {values.map((v, j) => {
          const label = names[j] ?? `input ${j + 1}`;
          return (
            <label key={label}>
              <span>{label}</span>
              <input
                type="number"
                step="any"
                value={v}
                onChange={(e) =>
                  setValues(values.map((old, k) => (k === j ? e.target.value : old)))
                }
              />
            </label>
          );
        })}
      </form>
      {outputs ? (
        <OutputList file={file} outputs={outputs} />
      ) : (
        <p className="empty-state">Fill in every field with a number.</p>
      )}
    </div>
  );
}

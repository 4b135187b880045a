import { useState } from 'react';
import { imageSize, type LinearStep } from '../../../engine';
import { lossText } from '../../../shared/lossText';
import { useTraining } from '../../stores/appStores';
import { MatrixView } from './MatrixView';
import { digitsForChange } from './matrixFormat';

const RULES = {
  sgd: 'update = -lr * grad',
  'sgd-momentum': 'update = W_after - W_before (SGD with momentum or weight decay)',
  adam: 'update = W_after - W_before (Adam scales each step)',
} as const;

/** The layer's input as the lesson names it: X for the batch, h1 for what the first gave, ... */
const inputName = (layer: LinearStep) => (layer.position === 0 ? 'X' : `h${layer.position}`);

/** Which of the input's columns are shown, when not all fit, and why those. */
function columnsNote(layer: LinearStep, imageCols: number | undefined): string {
  const { x } = layer;
  const shown = `${x.shownCols} of ${x.cols}`;
  const which = imageCols
    ? `Columns shown: the ${shown} pixels (row,column) where this batch varies most`
    : `Columns shown: the ${shown} columns of ${inputName(layer)} that vary most over this batch`;
  return `${which}; W, dL/dW and the update show the same columns. `;
}

/**
 * The numbers of the last Step for one Linear layer the student picks, as the first lesson
 * prints them: what the layer received (X, or the previous layer's activations), W and b, its
 * output z, the whole model's loss, dL/dW and dL/db, the update, and W and b after it, with
 * enough digits that the update shows. A hidden layer's page also shows the network's output.
 */
export function StepDetailsView() {
  const details = useTraining((s) => s.stepDetails);
  const [chosen, setChosen] = useState<string>();
  if (!details) return null;
  const d = details;
  const layer = d.layers.find((l) => l.nodeId === chosen) ?? d.layers[0];
  if (!layer) return null;
  const count = d.layers.length;
  const input = inputName(layer);
  const output = layer.isOutput ? 'preds' : 'z';
  const image = imageSize(d.inputShape);
  const imageCols = layer.position === 0 && image?.channels === 1 ? image.width : undefined;
  const wDigits = digitsForChange(layer.w.values, layer.updateW.values);
  const bDigits = digitsForChange(layer.b.values, layer.updateB.values);
  const digits = Math.max(wDigits, bDigits);
  const sgd = d.rule === 'sgd';
  return (
    <section className="chart-card step-details" aria-label="Step details">
      <div className="chart-head">
        <h3>
          Step: batch {d.step}/{d.stepsPerEpoch} of epoch {d.epoch}
        </h3>
        <span className="chart-figure">
          {count > 1 ? (
            <label className="step-layer">
              Layer{' '}
              <select value={layer.nodeId} onChange={(e) => setChosen(e.target.value)}>
                {d.layers.map((l) => (
                  <option key={l.nodeId} value={l.nodeId}>
                    {l.nodeId} ({l.position + 1} of {count})
                  </option>
                ))}
              </select>
            </label>
          ) : (
            `Linear ${layer.nodeId}`
          )}{' '}
          · lr {d.lr}
        </span>
      </div>
      <p className="step-formula">
        <code>
          {output} = {input} @ W.T + b
        </code>{' '}
        · <code>loss = {lossText(d.loss)}</code>
        {count > 1 && ' (of the whole model)'} · <code>{RULES[d.rule]}</code>
      </p>
      {(layer.inputFrom || layer.x.colIndex || digits > 4) && (
        <p className="step-note">
          {layer.inputFrom &&
            `${input} is what ${layer.nodeId} received: the output of ${layer.inputFrom}. `}
          {layer.x.colIndex && columnsNote(layer, imageCols)}
          {digits > 4 &&
            `W and b are shown to ${digits} significant digits, so that the update shows.`}
        </p>
      )}
      <div className="matrix-grid">
        <MatrixView name={input} matrix={layer.x} imageCols={imageCols} />
        <MatrixView name="W" matrix={layer.w} digits={wDigits} imageCols={imageCols} />
        <MatrixView name="b" matrix={layer.b} digits={bDigits} />
        <MatrixView name={output} matrix={layer.z} />
        {layer.isOutput && <MatrixView name="targets" matrix={d.targets} />}
        <MatrixView name="dL/dW" matrix={layer.dW} imageCols={imageCols} />
        <MatrixView name="dL/db" matrix={layer.db} />
        <MatrixView
          name={sgd ? '-lr * dL/dW' : 'W update'}
          matrix={layer.updateW}
          imageCols={imageCols}
        />
        <MatrixView name={sgd ? '-lr * dL/db' : 'b update'} matrix={layer.updateB} />
        <MatrixView name="W after" matrix={layer.wAfter} digits={wDigits} imageCols={imageCols} />
        <MatrixView name="b after" matrix={layer.bAfter} digits={bDigits} />
      </div>
      {!layer.isOutput && (
        <section className="step-output" aria-label="Network output">
          <h4>The network's output, and what the loss compares it with</h4>
          <div className="matrix-grid">
            <MatrixView name="preds" matrix={d.predictions} />
            <MatrixView name="targets" matrix={d.targets} />
          </div>
        </section>
      )}
    </section>
  );
}

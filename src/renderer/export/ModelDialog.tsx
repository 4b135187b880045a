import { useEffect, useRef } from 'react';
import { imageSize } from '../../engine';
import { countOf } from '../../shared/plural';
import { ClassGradesTable, TargetGradesTable } from '../panels/training/GradeTables';
import { exportStore, useExport } from './appExport';
import { continueTraining } from './continueTraining';
import { ImageInput } from './ImageInput';
import { TableInput } from './TableInput';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * An opened model file: what it is and how it was trained, its grades (per class or per target,
 * as the file records them), an input (a form of its columns, or
 * an image drop) and its outputs, predicted as the input changes.
 */
export function ModelDialog() {
  const opened = useExport((s) => s.opened);
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (opened && dialog && !dialog.open) dialog.showModal();
    if (!opened && dialog?.open) dialog.close();
  }, [opened]);
  const close = () => exportStore.getState().closeModel();
  const file = opened?.file;
  const m = file?.metrics;
  const image = file && imageSize(file.inputShape);
  return (
    <dialog
      ref={ref}
      className="dialog model-dialog"
      aria-labelledby="model-dialog-title"
      onClose={close}
    >
      {opened && file && (
        <>
          <h2 id="model-dialog-title">{file.name ?? opened.name}</h2>
          <p className="dialog-lead">
            {file.task === 'classification'
              ? `Classifies into ${countOf(file.classes?.length ?? 0, 'class', 'classes')}`
              : 'Regression'}
            {` · ${plural(file.layers.length, 'layer')} · trained ${plural(m?.epochs ?? 0, 'epoch')}`}
            {m?.loss !== undefined ? ` · loss ${m.loss.toPrecision(4)}` : ''}
            {m?.accuracy !== undefined ? ` · accuracy ${(m.accuracy * 100).toFixed(1)}%` : ''}
          </p>
          {m?.classification && (
            <ClassGradesTable
              caption={`Per class, epoch ${m.epochs}, ${m.classification.on} split`}
              classes={m.classification.classes}
              macro={m.classification.macro}
            />
          )}
          {m?.regression && (
            <TargetGradesTable
              caption={`Per target, epoch ${m.epochs}, ${m.regression.on} split`}
              targets={m.regression.targets}
            />
          )}
          {image ? <ImageInput opened={opened} size={image} /> : <TableInput opened={opened} />}
          <div className="dialog-actions">
            <button
              type="button"
              title="Open it as the project, with its trained weights as the starting point"
              onClick={() => {
                if (continueTraining(file, opened.name)) close();
              }}
            >
              Continue training
            </button>
            <button type="button" onClick={close}>
              Close
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}

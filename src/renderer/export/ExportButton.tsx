import { useCallback, useRef, useState } from 'react';
import type { ExportFormat } from '../../engine';
import { platform } from '../platform/currentPlatform';
import { useTraining } from '../stores/appStores';
import { exportStore, useExport } from './appExport';
import { notExportable } from './exportSource';
import { ModelDialog } from './ModelDialog';
import './export.css';
import { useDismiss } from '../shell/useDismiss';

const FORMATS: { format: ExportFormat; label: string; hint: string }[] = [
  {
    format: 'json',
    label: 'Model JSON',
    hint: 'weights, preprocessing and settings; reopens in the app',
  },
  {
    format: 'pytorch',
    label: 'PyTorch script',
    hint: 'a readable .py: import it for `model`, run it to train on',
  },
  { format: 'onnx', label: 'ONNX', hint: 'runs anywhere; checked here with onnxruntime-web' },
];

/**
 * The export area of the training panel: `Export` opens a menu of formats for the trained model
 * (disabled, with the reason as its tooltip, until a run has finished), `Open model…` opens a
 * model file to predict with. The last export's outcome shows below.
 */
export function ExportButton() {
  const reason = useTraining(notExportable);
  const busy = useExport((s) => s.busy);
  const status = useExport((s) => s.status);
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  const area = useRef<HTMLDivElement>(null);
  useDismiss(open, area, close);

  const choose = (format: ExportFormat) => {
    setOpen(false);
    void exportStore.getState().exportAs(platform, format);
  };
  return (
    <div className="export-area" ref={area}>
      <div className="export-buttons">
        <button
          type="button"
          aria-haspopup="menu"
          aria-expanded={open}
          disabled={reason !== undefined || busy}
          title={reason ?? 'Save the trained model as model JSON, a PyTorch script or ONNX'}
          onClick={() => setOpen(!open)}
        >
          {busy ? 'Exporting…' : 'Export'}
        </button>
        <button
          type="button"
          title="Open a model file (*.model.json) and predict with it"
          onClick={() => void exportStore.getState().openModel(platform)}
        >
          Open model…
        </button>
      </div>
      {open && (
        <div className="export-menu" role="menu" aria-label="Export formats">
          {FORMATS.map(({ format, label, hint }) => (
            <button key={format} type="button" role="menuitem" onClick={() => choose(format)}>
              <strong>{label}</strong>
              <span>{hint}</span>
            </button>
          ))}
        </div>
      )}
      {status && (
        <p className={`export-status ${status.tone}`} role="status" aria-label="Export status">
          {status.text}
        </p>
      )}
      <ModelDialog />
    </div>
  );
}

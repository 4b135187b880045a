import { useEffect, useRef } from 'react';
import { mayReplace, openProject } from '../project/projectDocument';
import { documentStores, uiStore, useUi } from '../stores/appStores';
import { TEMPLATES } from '../templates';

/** File > New: start from one of the lessons, each a whole project. */
export function NewProjectDialog() {
  const open = useUi((s) => s.dialog === 'new-project');
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (open && dialog && !dialog.open) dialog.showModal();
    if (!open && dialog?.open) dialog.close();
  }, [open]);

  const close = () => uiStore.getState().openDialog(undefined);
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="new-project-title" onClose={close}>
      <h2 id="new-project-title">New project</h2>
      <p className="dialog-lead">
        Start from a lesson: each sets up the layers, the dataset and the training settings.
      </p>
      <ul className="template-list">
        {TEMPLATES.map((t) => (
          <li key={t.id}>
            <button
              type="button"
              className="template"
              onClick={() => {
                if (!mayReplace(documentStores)) return;
                openProject(documentStores, structuredClone(t.project));
                close();
              }}
            >
              <strong>{t.title}</strong>
              <span>{t.summary}</span>
            </button>
          </li>
        ))}
      </ul>
      <div className="dialog-actions">
        <button type="button" onClick={close}>
          Cancel
        </button>
      </div>
    </dialog>
  );
}

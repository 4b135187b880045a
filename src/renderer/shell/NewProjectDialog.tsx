import { useEffect, useRef } from 'react';
import type { Project } from '../../shared/project';
import { mayReplace, openProject } from '../project/projectDocument';
import { documentStores, uiStore, useUi } from '../stores/appStores';
import { BLANK_PROJECT, TEMPLATES } from '../templates';

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
  const start = (project: Project) => {
    if (!mayReplace(documentStores)) return;
    openProject(documentStores, structuredClone(project));
    close();
  };
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="new-project-title" onClose={close}>
      <h2 id="new-project-title">New project</h2>
      <p className="dialog-lead">
        Start from a lesson, which sets up the layers, the dataset and the training settings, or
        from a blank project to build your own model.
      </p>
      <ul className="template-list">
        <li>
          <button type="button" className="template" onClick={() => start(BLANK_PROJECT)}>
            <strong>Blank project</strong>
            <span>
              Only the Input, on the crop yields data: add layers from the palette, choose the data
              in the Dataset tab.
            </span>
          </button>
        </li>
        {TEMPLATES.map((t) => (
          <li key={t.id}>
            <button type="button" className="template" onClick={() => start(t.project)}>
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

import { useEffect, useId, useRef, useState } from 'react';
import { shortcutLabel } from '../commands/shortcuts';
import { platform } from '../platform/currentPlatform';
import { linkToShare } from '../project/sharing';
import { documentStores, uiStore, useProject, useUi } from '../stores/appStores';

/**
 * Where the clipboard refuses a share link (no permission, an insecure page), the link in a
 * read-only field, selected, to copy by hand.
 */
export function ShareLinkDialog() {
  const open = useUi((s) => s.dialog === 'share-link');
  const name = useProject((s) => s.name);
  const ref = useRef<HTMLDialogElement>(null);
  const field = useRef<HTMLTextAreaElement>(null);
  const [shared, setShared] = useState({ link: '', notes: [] as string[] });
  const fieldId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (open && dialog && !dialog.open) {
      // The project cannot change behind a modal dialog: its link is made once, on opening.
      const { made, notes } = linkToShare(documentStores, window.location.href);
      setShared({ link: made.ok ? made.link : '', notes });
      dialog.showModal();
    }
    if (!open && dialog?.open) dialog.close();
  }, [open]);

  // Selected as soon as it shows, so that the copy shortcut is all that is left to do.
  useEffect(() => {
    if (open && shared.link) field.current?.select();
  }, [open, shared.link]);

  const close = () => uiStore.getState().openDialog(undefined);
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="share-link-title" onClose={close}>
      <h2 id="share-link-title">Share link</h2>
      <p className="dialog-lead">
        This browser did not let Layerboard copy to the clipboard. The link below opens "{name}" as
        it is now, in any browser: copy it ({shortcutLabel('Mod+C', platform.isMac)}) and share it.
      </p>
      <div className="field">
        <label htmlFor={fieldId}>Link to "{name}"</label>
        <textarea
          ref={field}
          id={fieldId}
          className="share-link"
          readOnly
          rows={6}
          value={shared.link}
          onFocus={(e) => e.currentTarget.select()}
        />
      </div>
      {shared.notes.map((note) => (
        <p key={note} className="dialog-lead">
          {note}
        </p>
      ))}
      <div className="dialog-actions">
        <button type="button" onClick={close}>
          Close
        </button>
      </div>
    </dialog>
  );
}

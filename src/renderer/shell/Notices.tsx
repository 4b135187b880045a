import { uiStore, useUi } from '../stores/appStores';

/**
 * Messages for the user (a file that would not open, a saved file), each until it goes by itself
 * or is dismissed. An error is an alert; an info message is said by the live region (Announcer).
 */
export function Notices() {
  const notices = useUi((s) => s.notices);
  if (notices.length === 0) return null;
  return (
    // A landmark of its own: every part of the page is in one, so a screen reader's landmark
    // list reaches the messages too.
    <section className="notices" aria-label="Messages">
      {notices.map((n) => (
        <div
          key={n.id}
          className={`notice notice-${n.tone}`}
          role={n.tone === 'error' ? 'alert' : undefined}
        >
          <span>{n.text}</span>
          <button
            type="button"
            aria-label="Dismiss"
            onClick={() => uiStore.getState().dismiss(n.id)}
          >
            ×
          </button>
        </div>
      ))}
    </section>
  );
}

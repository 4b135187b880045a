import { useUi } from '../stores/appStores';

/**
 * The app's one polite live region: what a screen reader says without moving the focus, from
 * `uiStore.announce` (compile problems, a run's start, its epochs now and then, its end, exports
 * and other messages). Keyed by the announcement, so the same words said twice are said again.
 */
export function Announcer() {
  const announcement = useUi((s) => s.announcement);
  return (
    <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
      {announcement && <span key={announcement.id}>{announcement.text}</span>}
    </div>
  );
}

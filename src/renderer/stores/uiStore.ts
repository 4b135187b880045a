import { createStore } from 'zustand/vanilla';

export interface Notice {
  id: number;
  tone: 'error' | 'info';
  text: string;
}

export const SIDE_TABS = ['Dataset', 'Training', 'Metrics', 'Runs'] as const;
export type SideTab = (typeof SIDE_TABS)[number];

export interface UiState {
  /** The side panel's open tab: commands switch it (importing data shows Dataset). */
  sideTab: SideTab;
  showTab(tab: SideTab): void;
  /** The open dialog, if any. */
  dialog: 'new-project' | 'connect' | 'share-link' | 'assignment' | 'grade' | undefined;
  notices: Notice[];
  /** Palette and side panel hidden, the graph filling the window (for a projector). */
  panelsHidden: boolean;
  togglePanels(): void;
  /** The side panel's width as the user dragged it, in CSS pixels; undefined: the layout's. */
  sideWidth: number | undefined;
  setSideWidth(width: number | undefined): void;
  openDialog(dialog: UiState['dialog']): void;
  /**
   * Shows a message as a toast: at most MAX_NOTICES at once, each gone by itself after a while
   * (an error stays longer), and an info one also said by the screen reader's live region.
   */
  notify(tone: Notice['tone'], text: string): void;
  dismiss(id: number): void;
  /** The last thing said in the app's polite live region (a new id says it again). */
  announcement: { readonly id: number; readonly text: string } | undefined;
  announce(text: string): void;
  /** Drops every message (they belonged to the project that was open). */
  clearNotices(): void;
  /**
   * Fields whose draft is not a valid value, by field: what is wrong ("Learning rate must be a
   * number above 0..."). Train and Step are disabled while there is one, and list them.
   */
  invalidFields: Readonly<Record<string, string>>;
  setInvalidField(key: string, problem: string | undefined): void;
}

/** Toasts shown at once: a fourth pushes out the oldest. */
export const MAX_NOTICES = 3;
/** How long a toast stays, in milliseconds. */
const NOTICE_MS = { info: 6000, error: 15000 } as const;

/** Passing UI state: which dialog is open and the messages shown to the user. */
export function createUiStore(
  timers: { later(run: () => void, ms: number): void } = {
    later: (run, ms) => void setTimeout(run, ms),
  },
) {
  let nextId = 1;
  return createStore<UiState>()((set, get) => ({
    sideTab: 'Dataset',
    showTab: (sideTab) => set({ sideTab }),
    dialog: undefined,
    notices: [],
    panelsHidden: false,
    togglePanels: () => set({ panelsHidden: !get().panelsHidden }),
    sideWidth: undefined,
    setSideWidth: (sideWidth) => set({ sideWidth }),
    openDialog: (dialog) => set({ dialog }),
    notify: (tone, text) => {
      const id = nextId++;
      set({ notices: [...get().notices, { id, tone, text }].slice(-MAX_NOTICES) });
      if (tone === 'info') get().announce(text);
      timers.later(() => get().dismiss(id), NOTICE_MS[tone]);
    },
    announcement: undefined,
    announce: (text) => set({ announcement: { id: nextId++, text } }),
    dismiss: (id) => set({ notices: get().notices.filter((n) => n.id !== id) }),
    clearNotices: () => set({ notices: [] }),
    invalidFields: {},
    setInvalidField: (key, problem) => {
      const { [key]: old, ...others } = get().invalidFields;
      if (old === problem) return;
      set({ invalidFields: problem === undefined ? others : { ...others, [key]: problem } });
    },
  }));
}

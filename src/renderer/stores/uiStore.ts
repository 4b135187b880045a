import { createStore } from 'zustand/vanilla';

export interface Notice {
  id: number;
  tone: 'error' | 'info';
  text: string;
}

export const SIDE_TABS = ['Dataset', 'Training', 'Metrics'] as const;
export type SideTab = (typeof SIDE_TABS)[number];

export interface UiState {
  /** The side panel's open tab: commands switch it (importing data shows Dataset). */
  sideTab: SideTab;
  showTab(tab: SideTab): void;
  /** The open dialog, if any. */
  dialog: 'new-project' | undefined;
  notices: Notice[];
  /** Palette and side panel hidden, the graph filling the window (for a projector). */
  panelsHidden: boolean;
  togglePanels(): void;
  openDialog(dialog: UiState['dialog']): void;
  notify(tone: Notice['tone'], text: string): void;
  dismiss(id: number): void;
  /** Drops every message (they belonged to the project that was open). */
  clearNotices(): void;
  /**
   * Fields whose draft is not a valid value, by field: what is wrong ("Learning rate must be a
   * number above 0..."). Train and Step are disabled while there is one, and list them.
   */
  invalidFields: Readonly<Record<string, string>>;
  setInvalidField(key: string, problem: string | undefined): void;
}

/** Passing UI state: which dialog is open and the messages shown to the user. */
export function createUiStore() {
  let nextId = 1;
  return createStore<UiState>()((set, get) => ({
    sideTab: 'Dataset',
    showTab: (sideTab) => set({ sideTab }),
    dialog: undefined,
    notices: [],
    panelsHidden: false,
    togglePanels: () => set({ panelsHidden: !get().panelsHidden }),
    openDialog: (dialog) => set({ dialog }),
    notify: (tone, text) =>
      set({ notices: [...get().notices, { id: nextId++, tone, text }].slice(-4) }),
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

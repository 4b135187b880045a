import { createStore } from 'zustand/vanilla';
import type { RunMetric } from '../../shared/project';

/** Runs the Runs tab overlays at most: one colour each that stays apart from the others. */
export const MAX_OVERLAID = 6;

export interface RunsViewState {
  /**
   * The overlaid runs by number, each in the slot of its colour (undefined: a free colour), so
   * that a run keeps its colour while others are checked and unchecked.
   */
  slots: readonly (number | undefined)[];
  /** The two runs compared, by number; undefined: the one before the latest, and the latest. */
  compared: readonly [number | undefined, number | undefined];
  /** The curve the chart overlays, and whether a loss is on a log scale. */
  curve: RunMetric;
  logScale: boolean;
  /** Overlays run `number`, or takes it off; false when six are overlaid already. */
  overlay(number: number, on: boolean): boolean;
  compare(which: 0 | 1, number: number): void;
  setCurve(curve: RunMetric): void;
  setLogScale(on: boolean): void;
  /** Forgets the choices (another project is open: its runs are others). */
  clear(): void;
}

const EMPTY_SLOTS: readonly undefined[] = Array(MAX_OVERLAID).fill(undefined);

/** What the Runs tab shows of the project's runs: which are overlaid, and which are compared. */
export function createRunsViewStore() {
  return createStore<RunsViewState>()((set, get) => ({
    slots: EMPTY_SLOTS,
    compared: [undefined, undefined],
    curve: 'loss',
    logScale: false,
    overlay: (number, on) => {
      const { slots } = get();
      if (!on) {
        set({ slots: slots.map((n) => (n === number ? undefined : n)) });
        return true;
      }
      if (slots.includes(number)) return true;
      const free = slots.indexOf(undefined);
      if (free < 0) return false;
      set({ slots: slots.map((n, i) => (i === free ? number : n)) });
      return true;
    },
    compare: (which, number) => {
      const compared: [number | undefined, number | undefined] = [...get().compared];
      compared[which] = number;
      set({ compared });
    },
    setCurve: (curve) => set({ curve }),
    setLogScale: (logScale) => set({ logScale }),
    clear: () => set({ slots: EMPTY_SLOTS, compared: [undefined, undefined], curve: 'loss' }),
  }));
}

export type RunsViewStore = ReturnType<typeof createRunsViewStore>;

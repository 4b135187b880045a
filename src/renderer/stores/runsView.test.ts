import { describe, expect, it } from 'vitest';
import { createRunsViewStore, MAX_OVERLAID } from './runsView';

describe('runs view', () => {
  it('overlays six runs at most, each keeping its colour while others come and go', () => {
    const store = createRunsViewStore();
    const { overlay } = store.getState();
    for (let n = 1; n <= MAX_OVERLAID; n++) expect(overlay(n, true)).toBe(true);
    expect(overlay(7, true)).toBe(false);
    expect(store.getState().slots).toEqual([1, 2, 3, 4, 5, 6]);
    overlay(3, false);
    expect(overlay(7, true)).toBe(true);
    // Run 7 takes run 3's free colour; the others keep theirs.
    expect(store.getState().slots).toEqual([1, 2, 7, 4, 5, 6]);
    expect(overlay(7, true)).toBe(true);
    expect(store.getState().slots.filter((n) => n === 7)).toHaveLength(1);
  });

  it('forgets its choices when another project opens', () => {
    const store = createRunsViewStore();
    store.getState().overlay(2, true);
    store.getState().compare(0, 2);
    store.getState().setCurve('accuracy');
    store.getState().clear();
    expect(store.getState()).toMatchObject({ compared: [undefined, undefined], curve: 'loss' });
    expect(store.getState().slots.every((n) => n === undefined)).toBe(true);
  });
});

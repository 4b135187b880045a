import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SIZE,
  loadWindowState,
  restoredBounds,
  saveWindowState,
  type WindowState,
} from './windowState';

const laptop = { x: 0, y: 0, width: 1920, height: 1050 };
const rightMonitor = { x: 1920, y: 0, width: 2560, height: 1410 };
const file = () => join(mkdtempSync(join(tmpdir(), 'layerboard-window-')), 'window-state.json');

describe('window state', () => {
  it('opens at the default size the first time', () => {
    expect(restoredBounds(undefined, [laptop])).toEqual({ bounds: DEFAULT_SIZE, maximized: false });
  });

  it('reopens where it was on a display that is still there', () => {
    const saved: WindowState = {
      bounds: { x: 2000, y: 50, width: 1600, height: 1000 },
      maximized: true,
    };
    expect(restoredBounds(saved, [laptop, rightMonitor])).toEqual({
      bounds: saved.bounds,
      maximized: true,
    });
  });

  it('comes back on screen, at a sensible size, when its display was unplugged', () => {
    const saved: WindowState = {
      bounds: { x: 2000, y: 50, width: 2400, height: 1300 },
      maximized: false,
    };
    const { bounds } = restoredBounds(saved, [laptop]);
    expect(bounds).toEqual({ width: DEFAULT_SIZE.width, height: DEFAULT_SIZE.height });
  });

  it('shrinks to fit a smaller display and stays inside it', () => {
    const saved: WindowState = {
      bounds: { x: 1500, y: 800, width: 2400, height: 1300 },
      maximized: false,
    };
    const { bounds } = restoredBounds(saved, [laptop]);
    expect(bounds).toEqual({ x: 0, y: 0, width: 1920, height: 1050 });
  });

  it('saves and reads back rounded bounds; ignores a broken or tampered file', () => {
    const path = file();
    saveWindowState(path, {
      bounds: { x: 10.4, y: 20.6, width: 1200, height: 800 },
      maximized: false,
    });
    expect(loadWindowState(path)).toEqual({
      bounds: { x: 10, y: 21, width: 1200, height: 800 },
      maximized: false,
    });
    writeFileSync(path, JSON.stringify({ version: 1, bounds: { x: 'a' }, maximized: false }));
    expect(loadWindowState(path)).toBeUndefined();
    writeFileSync(
      path,
      JSON.stringify({
        version: 1,
        bounds: { x: 0, y: 0, width: 1e9, height: 5 },
        maximized: false,
      }),
    );
    expect(loadWindowState(path)).toBeUndefined();
    writeFileSync(path, 'null');
    expect(loadWindowState(path)).toBeUndefined();
  });
});

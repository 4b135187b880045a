import { z } from 'zod';
import { readJsonFile, writeJsonFile } from './jsonFile';

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Rectangle;
  maximized: boolean;
}

export const DEFAULT_SIZE = { width: 1440, height: 900 };
export const MIN_SIZE = { width: 960, height: 600 };

const coordinate = z.number().int().min(-100_000).max(100_000);
const length = z.number().int().min(1).max(100_000);
const stateSchema = z.object({
  version: z.literal(1),
  bounds: z.object({ x: coordinate, y: coordinate, width: length, height: length }),
  maximized: z.boolean(),
});

function overlap(a: Rectangle, b: Rectangle): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/**
 * Where the window opens: where it was, if enough of it (100 x 60 px, room to grab the title bar)
 * is still on one of `workAreas`, shrunk to fit that display; otherwise the default size,
 * centred by Electron. A display unplugged since the last run must not leave the window off screen.
 */
export function restoredBounds(
  saved: WindowState | undefined,
  workAreas: readonly Rectangle[],
): { bounds: Partial<Rectangle> & { width: number; height: number }; maximized: boolean } {
  if (!saved) return { bounds: { ...DEFAULT_SIZE }, maximized: false };
  const area = workAreas.find((a) => {
    const o = overlap(saved.bounds, a);
    return o.width >= 100 && o.height >= 60;
  });
  if (!area) {
    const width = Math.max(MIN_SIZE.width, Math.min(saved.bounds.width, DEFAULT_SIZE.width));
    const height = Math.max(MIN_SIZE.height, Math.min(saved.bounds.height, DEFAULT_SIZE.height));
    return { bounds: { width, height }, maximized: saved.maximized };
  }
  const width = Math.max(MIN_SIZE.width, Math.min(saved.bounds.width, area.width));
  const height = Math.max(MIN_SIZE.height, Math.min(saved.bounds.height, area.height));
  // Shrinking keeps the top-left corner where it was, unless the window would then hang off.
  const x = Math.max(area.x, Math.min(saved.bounds.x, area.x + area.width - width));
  const y = Math.max(area.y, Math.min(saved.bounds.y, area.y + area.height - height));
  return { bounds: { x, y, width, height }, maximized: saved.maximized };
}

export function loadWindowState(file: string): WindowState | undefined {
  const saved = readJsonFile(file, stateSchema);
  return saved && { bounds: saved.bounds, maximized: saved.maximized };
}

export function saveWindowState(file: string, state: WindowState): void {
  const bounds = {
    x: Math.round(state.bounds.x),
    y: Math.round(state.bounds.y),
    width: Math.round(state.bounds.width),
    height: Math.round(state.bounds.height),
  };
  writeJsonFile(file, { version: 1, bounds, maximized: state.maximized });
}

// Restoring the window where the person left it, but never off screen: a monitor may have been
// unplugged or its resolution changed since. Plain module (no 'electron' import) so it is
// unit-tested; main feeds it screen.getAllDisplays() work areas and win.getNormalBounds().
import type { Settings } from '../shared/settings';

export type WindowBounds = Settings['window'];

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface RestoredWindow {
  /** x and y are absent when the window should be centred by the window manager. */
  bounds: { x?: number; y?: number; width: number; height: number };
  maximized: boolean;
}

/** Limits of settings.window (shared/settings.ts). */
const MIN_WIDTH = 400;
const MIN_HEIGHT = 300;
const MAX_SIZE = 20000;
/** Less than this much of the window on a display and it counts as lost. */
const MIN_VISIBLE_WIDTH = 100;
const MIN_VISIBLE_HEIGHT = 50;

/**
 * Saved bounds → bounds for the new BrowserWindow. `workAreas` are the displays' work areas,
 * the primary display first. The result lies fully inside one work area.
 */
export function restoreWindowBounds(saved: WindowBounds, workAreas: Rect[]): RestoredWindow {
  const primary = workAreas[0];
  if (!primary)
    return { bounds: { width: saved.width, height: saved.height }, maximized: saved.maximized };

  if (saved.x === null || saved.y === null) {
    return { bounds: fitSize(saved, primary), maximized: saved.maximized };
  }
  const rect: Rect = { x: saved.x, y: saved.y, width: saved.width, height: saved.height };
  const target = bestDisplay(rect, workAreas);
  if (!target) {
    // Lost (its display is gone): centred on the primary display at the saved size.
    return { bounds: fitSize(saved, primary), maximized: saved.maximized };
  }
  const size = fitSize(saved, target);
  return {
    bounds: {
      x: clamp(rect.x, target.x, target.x + target.width - size.width),
      y: clamp(rect.y, target.y, target.y + target.height - size.height),
      ...size,
    },
    maximized: saved.maximized,
  };
}

/** What to persist: the normal (unmaximized) bounds, whole pixels, within the schema's limits. */
export function boundsToSave(normalBounds: Rect, maximized: boolean): WindowBounds {
  return {
    x: Math.round(normalBounds.x),
    y: Math.round(normalBounds.y),
    width: clamp(Math.round(normalBounds.width), MIN_WIDTH, MAX_SIZE),
    height: clamp(Math.round(normalBounds.height), MIN_HEIGHT, MAX_SIZE),
    maximized,
  };
}

function bestDisplay(rect: Rect, workAreas: Rect[]): Rect | undefined {
  let best: Rect | undefined;
  let bestArea = 0;
  for (const area of workAreas) {
    const w = overlap(rect.x, rect.width, area.x, area.width);
    const h = overlap(rect.y, rect.height, area.y, area.height);
    if (
      w < Math.min(MIN_VISIBLE_WIDTH, rect.width) ||
      h < Math.min(MIN_VISIBLE_HEIGHT, rect.height)
    ) {
      continue;
    }
    if (w * h > bestArea) {
      best = area;
      bestArea = w * h;
    }
  }
  return best;
}

function fitSize(saved: WindowBounds, area: Rect): { width: number; height: number } {
  return {
    width: Math.min(saved.width, area.width),
    height: Math.min(saved.height, area.height),
  };
}

function overlap(start: number, length: number, areaStart: number, areaLength: number): number {
  return Math.max(0, Math.min(start + length, areaStart + areaLength) - Math.max(start, areaStart));
}

function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(value, max));
}

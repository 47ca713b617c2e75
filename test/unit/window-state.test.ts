// Restoring the window where it was, but never off screen.
import { describe, expect, it } from 'vitest';
import { boundsToSave, restoreWindowBounds, type Rect } from '../../electron/window-state';

const laptop: Rect = { x: 0, y: 0, width: 1920, height: 1050 }; // work area minus a panel
const rightMonitor: Rect = { x: 1920, y: 0, width: 2560, height: 1400 };

describe('restoreWindowBounds', () => {
  it('keeps a window that is on a display where it was', () => {
    const restored = restoreWindowBounds(
      { x: 2100, y: 100, width: 1200, height: 800, maximized: false },
      [laptop, rightMonitor],
    );
    expect(restored).toEqual({
      bounds: { x: 2100, y: 100, width: 1200, height: 800 },
      maximized: false,
    });
  });

  it('brings back a window whose monitor was unplugged, centred on the primary display', () => {
    const restored = restoreWindowBounds(
      { x: 2100, y: 100, width: 1200, height: 800, maximized: true },
      [laptop],
    );
    expect(restored).toEqual({ bounds: { width: 1200, height: 800 }, maximized: true });
  });

  it('leaves position to the window manager the first time (no saved position)', () => {
    const restored = restoreWindowBounds(
      { x: null, y: null, width: 1280, height: 800, maximized: false },
      [laptop],
    );
    expect(restored.bounds).toEqual({ width: 1280, height: 800 });
  });

  it('shrinks a window larger than its display and moves it fully inside', () => {
    const restored = restoreWindowBounds(
      { x: -50, y: 900, width: 2400, height: 1200, maximized: false },
      [laptop],
    );
    expect(restored.bounds).toEqual({ x: 0, y: 0, width: 1920, height: 1050 });
  });

  it('pulls a mostly-off-screen window back so its title bar can be reached', () => {
    const restored = restoreWindowBounds(
      { x: 1700, y: 900, width: 800, height: 600, maximized: false },
      [laptop],
    );
    expect(restored.bounds).toEqual({ x: 1120, y: 450, width: 800, height: 600 });
  });

  it('a sliver of a window on a display does not count as on it', () => {
    const restored = restoreWindowBounds(
      { x: 1900, y: 10, width: 800, height: 600, maximized: false },
      [laptop, { x: 5000, y: 0, width: 1000, height: 800 }],
    );
    expect(restored.bounds).toEqual({ width: 800, height: 600 });
  });

  it('picks the display holding most of the window', () => {
    const restored = restoreWindowBounds(
      { x: 1500, y: 100, width: 1000, height: 700, maximized: false },
      [laptop, rightMonitor],
    );
    // 580 px on the right monitor vs 420 px on the laptop: it moves fully onto the right one.
    expect(restored.bounds).toEqual({ x: 1920, y: 100, width: 1000, height: 700 });
  });

  it('handles displays left of and above the primary (negative coordinates)', () => {
    const left: Rect = { x: -1280, y: -200, width: 1280, height: 1024 };
    const restored = restoreWindowBounds(
      { x: -1200, y: -150, width: 900, height: 700, maximized: false },
      [laptop, left],
    );
    expect(restored.bounds).toEqual({ x: -1200, y: -150, width: 900, height: 700 });
  });
});

describe('boundsToSave', () => {
  it('rounds fractional (scaled) bounds and keeps sizes within the settings limits', () => {
    expect(boundsToSave({ x: 10.4, y: 20.6, width: 1000.5, height: 700.2 }, true)).toEqual({
      x: 10,
      y: 21,
      width: 1001,
      height: 700,
      maximized: true,
    });
    expect(boundsToSave({ x: 0, y: 0, width: 120, height: 90 }, false)).toEqual({
      x: 0,
      y: 0,
      width: 400,
      height: 300,
      maximized: false,
    });
  });
});

// How the window looks, light and dark: the app started on a dark desktop opens a dark window
// (its background before the first paint comes from nativeTheme, electron/main-window.ts) with the
// grid in its dark theme, follows the desktop when it switches to light, and the harness saves
// both as screenshots in .tmp/screenshots/ (main-window-dark.png, main-window-light.png) for a
// person to look at. A socket child's listener, flagged through the backdoor-port list, and a
// fresh connection give the pictures a tint and a green row.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPortscopePage, type PortscopePage } from '../support/portscope-app';
import { spawnSocketChild, stopAllSocketChildren, type SocketChild } from '../support/socket-child';
import { setFilter, shownRows } from './grid-page';

const WAIT = { timeout: 20_000, interval: 100 };
let portscope: PortscopePage;
let child: SocketChild;

/** What the page sees of the desktop's scheme, the theme it applied, and its background. */
function looks(): Promise<{ background: string; scheme: string; mode: string | null }> {
  return portscope.page.evaluate(`(() => ({
    background: getComputedStyle(document.body).backgroundColor,
    scheme: matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light',
    mode: document.body.dataset.agThemeMode ?? null,
  }))()`) as Promise<{ background: string; scheme: string; mode: string | null }>;
}

/** Perceived lightness (0 black … 255 white) of an rgb()/rgba() colour. */
function lightness(color: string): number {
  const [r, g, b] = (color.match(/\d+(\.\d+)?/g) ?? []).map(Number);
  return 0.299 * (r ?? 0) + 0.587 * (g ?? 0) + 0.114 * (b ?? 0);
}

beforeAll(async () => {
  portscope = await openPortscopePage({
    colorScheme: 'dark',
    settings: { poll: { intervalMs: 500, paused: false } },
    viewport: { width: 1500, height: 600 },
  });
  child = await spawnSocketChild({ title: `pslook${process.pid}` });
}, 120_000);

afterAll(async () => {
  await portscope?.close();
  await stopAllSocketChildren();
});

describe('light and dark', { timeout: 60_000 }, () => {
  it('opens dark on a dark desktop, switches to light with it, and saves both pictures', async () => {
    const { page, app } = portscope;
    const created = app.log.find((entry) => entry.call === 'BrowserWindow.new');
    expect((created?.detail as { backgroundColor: string }).backgroundColor).toBe('#1e1e1e');

    const server = await child.listenTcp('127.0.0.1');
    await child.connectTcp('127.0.0.1', server.port);
    const { rules } = await portscope.settings.get();
    await portscope.api.updateSettings({
      rules: { ...rules, backdoorPorts: [...rules.backdoorPorts, server.port] },
    });
    await setFilter(page, `pid:${child.pid}`);
    await expect
      .poll(async () => (await shownRows(page)).some((row) => row.cells.suspicion !== ''), WAIT)
      .toBe(true);

    const dark = await looks();
    expect(dark).toMatchObject({ scheme: 'dark', mode: 'dark' });
    expect(lightness(dark.background)).toBeLessThan(60);
    await portscope.screenshot('main-window-dark');

    await portscope.setDesktopTheme('light');
    await expect.poll(async () => (await looks()).mode, WAIT).toBe('light');
    expect(lightness((await looks()).background)).toBeGreaterThan(200);
    await portscope.screenshot('main-window-light');
    expect(portscope.pageErrors).toEqual([]);
  });
});

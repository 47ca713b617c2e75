// End to end: the whole app (its real main process and preload under the Electron stand-in, its
// window a real Chromium page), the worker polling the real Linux tables, and sockets owned by a
// child process this test starts. Everything is checked as a person would see it: rows rendered
// in the grid, their cells and colours, the status bar, the filter box, light and dark. The
// pictures go to .tmp/screenshots/ (main-window-light.png, main-window-dark.png).
import { readFileSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WINDOW_BACKGROUND } from '../../shared/window-background';
import { parseColor } from '../support/color-difference';
import { openPortscopePage, type PortscopePage } from '../support/portscope-app';
import { spawnSocketChild, stopAllSocketChildren, type SocketChild } from '../support/socket-child';
import {
  connectionRowId,
  listenerRowId,
  pollOfFirstAdd,
  pollsSeen,
  recordPolls,
  setFilter,
  shownRow,
  shownRows,
  statusText,
} from './grid-page';
import { rgbText } from './ux-page';

// The README's picture is refreshed on request (PORTSCOPE_UPDATE_SCREENSHOT=1 npm test), so an
// ordinary test run leaves the work tree clean; the shot always goes to .tmp/screenshots/.
const readmeScreenshot = fileURLToPath(new URL('../../docs/screenshot.png', import.meta.url));

// A name no other process on the machine has, so a plain-word filter can find exactly ours.
const childTitle = `pse2e${process.pid}`;
const WAIT = { timeout: 20_000, interval: 100 };

let portscope: PortscopePage;
let child: SocketChild;
let childName: string;
let firstListener: { handle: string; port: number };

beforeAll(async () => {
  child = await spawnSocketChild({ title: childTitle });
  childName = readFileSync(`/proc/${child.pid}/comm`, 'utf8').trim();
  portscope = await openPortscopePage({
    settings: { poll: { intervalMs: 1000, paused: false } },
    viewport: { width: 1500, height: 900 },
  });
  await recordPolls(portscope.page);
  // Generous: Chromium start and the first snapshot are slow on a busy two-core machine.
}, 180_000);

afterAll(async () => {
  await portscope?.close();
  await stopAllSocketChildren();
});

describe('the live table of the running app', { timeout: 60_000 }, () => {
  it('loads the machine table with no page errors and shows totals', async () => {
    const { page } = portscope;
    await expect
      .poll(() => statusText(page, 'protocols'), WAIT)
      .toMatch(/^TCP [\d,]+ · UDP [\d,]+$/);
    await expect
      .poll(() => statusText(page, 'poll'), WAIT)
      .toMatch(/Last poll \d\d:\d\d:\d\d in [\d.]+ ms/);
    expect((await shownRows(page)).length).toBeGreaterThan(0);
    // The rows come from the poll worker (out/main/poll-worker.js), not the main-thread fallback.
    const { status } = await portscope.api.getSnapshot();
    expect(status.warnings.filter((warning) => /main thread/.test(warning))).toEqual([]);
    // CSP violations and failed loads show up as console errors.
    expect(portscope.pageErrors).toEqual([]);
  });

  it("narrows to the child's pid, and its new listener appears within two polls, marked new", async () => {
    const { page } = portscope;
    await setFilter(page, `pid:${child.pid}`);
    await expect.poll(() => statusText(page, 'shown'), WAIT).toMatch(/^Showing 0 of [\d,]+/);

    const pollsBefore = await pollsSeen(page);
    firstListener = await child.listenTcp('127.0.0.1');
    const id = listenerRowId('tcp', '127.0.0.1', firstListener.port);
    await expect.poll(() => shownRow(page, id), WAIT).toBeDefined();

    const row = (await shownRow(page, id))!;
    expect(row.mark).toBe('new');
    expect(row.cells).toMatchObject({
      processName: childName,
      pid: String(child.pid),
      protocolLabel: 'TCP',
      localAddress: '127.0.0.1',
      localPort: String(firstListener.port),
      state: 'LISTEN',
    });
    // The delta that added it was at most the second poll after the socket existed.
    const addedIn = await pollOfFirstAdd(page, id);
    expect(addedIn).toBeGreaterThan(pollsBefore);
    expect(addedIn - pollsBefore).toBeLessThanOrEqual(2);
    // The status bar counts on its own render, a frame after the grid's.
    await expect.poll(() => statusText(page, 'shown'), WAIT).toMatch(/^Showing 1 of [\d,]+/);

    // The mark fades after a refresh or two.
    await expect.poll(async () => (await shownRow(page, id))?.mark, WAIT).toBeNull();
  });

  it('sorts by Local Port ascending, then descending, and remembers the sort', async () => {
    const { page } = portscope;
    for (let i = 0; i < 3; i++) await child.listenTcp('127.0.0.1');
    await expect.poll(async () => (await shownRows(page)).length, WAIT).toBe(4);

    const header = page.locator('.ag-header-cell[col-id="localPort"] .ag-header-cell-label');
    const ports = async () => (await shownRows(page)).map((row) => Number(row.cells.localPort));

    await header.click();
    const ascending = await ports();
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
    expect(new Set(ascending).size).toBe(4);

    await header.click();
    const descending = await ports();
    expect(descending).toEqual([...ascending].reverse());

    await expect
      .poll(
        async () =>
          (await portscope.settings.get()).grid.columns.find((c) => c.colId === 'localPort')?.sort,
        WAIT,
      )
      .toBe('desc');
  });

  it("narrows with a plain word to the child's rows, excludes with -term, keeps the last valid filter", async () => {
    const { page } = portscope;
    await setFilter(page, childName);
    await expect.poll(async () => (await shownRows(page)).length, WAIT).toBe(4);
    for (const row of await shownRows(page)) expect(row.cells.pid).toBe(String(child.pid));

    await setFilter(page, `${childName} -lport:${firstListener.port}`);
    await expect.poll(async () => (await shownRows(page)).length, WAIT).toBe(3);

    // A term that cannot be read: the error shows inline, the rows stay as they were.
    await setFilter(page, `${childName} port:80x`);
    await expect.poll(() => page.isVisible('#filter-error'), WAIT).toBe(true);
    expect((await page.textContent('#filter-error'))?.length).toBeGreaterThan(10);
    expect((await shownRows(page)).length).toBe(3);

    await setFilter(page, `pid:${child.pid}`);
    await expect.poll(() => page.isVisible('#filter-error'), WAIT).toBe(false);
    await expect.poll(async () => (await shownRows(page)).length, WAIT).toBe(4);
    await expect
      .poll(async () => (await portscope.settings.get()).view.filter, WAIT)
      .toBe(`pid:${child.pid}`);
  });

  it('hides UDP and listening sockets with the toggles', async () => {
    const { page } = portscope;
    const udp = await child.bindUdp('::1');
    const id = listenerRowId('udp', '::1', udp.port);
    await expect.poll(() => shownRow(page, id), WAIT).toBeDefined();
    expect((await shownRow(page, id))!.cells.protocolLabel).toBe('UDPv6');

    await page.click('button[data-toggle="udp"]');
    await expect.poll(() => shownRow(page, id), WAIT).toBeUndefined();
    expect((await shownRows(page)).length).toBe(4);
    await page.click('button[data-toggle="udp"]');
    await expect.poll(() => shownRow(page, id), WAIT).toBeDefined();

    await page.click('button[data-toggle="listening"]');
    await expect.poll(async () => (await shownRows(page)).length, WAIT).toBe(0);
    await page.click('button[data-toggle="listening"]');
    await expect.poll(async () => (await shownRows(page)).length, WAIT).toBe(5);
    await expect
      .poll(async () => (await portscope.settings.get()).view, WAIT)
      .toMatchObject({ udp: true, listening: true });
    await child.close(udp.handle);
  });

  it('marks a connection new and, once closed, red before it disappears', async () => {
    const { page } = portscope;
    const connection = await child.connectTcp('127.0.0.1', firstListener.port);
    const [accepted] = await child.waitForAccepted(firstListener.handle);
    const clientId = connectionRowId(
      '127.0.0.1',
      connection.localPort,
      '127.0.0.1',
      firstListener.port,
    );
    await expect.poll(async () => (await shownRow(page, clientId))?.mark, WAIT).toBe('new');
    expect((await shownRow(page, clientId))!.cells.state).toBe('ESTABLISHED');

    // The server side closes first (it keeps the TIME_WAIT), then the client and the listener:
    // the client's and the listener's sockets are gone from the kernel at once, so their rows
    // turn red, stay a moment, then leave the grid. (A listener closes only after its
    // connections, which is why the order matters.)
    const listenerId = listenerRowId('tcp', '127.0.0.1', firstListener.port);
    await child.close(accepted!.handle);
    await child.close(connection.handle);
    await child.close(firstListener.handle);
    for (const id of [clientId, listenerId]) {
      await expect.poll(async () => (await shownRow(page, id))?.mark, WAIT).toBe('removed');
    }
    for (const id of [clientId, listenerId]) {
      await expect.poll(() => shownRow(page, id), WAIT).toBeUndefined();
    }
  });

  it('pauses polling, refreshes on F5 while paused, and resumes', async () => {
    const { page } = portscope;
    await page.click('button[data-action="pause"]');
    await expect.poll(() => statusText(page, 'poll'), WAIT).toMatch(/^Paused/);
    await expect.poll(async () => (await portscope.settings.get()).poll.paused, WAIT).toBe(true);

    const quiet = await pollsSeen(page);
    await page.keyboard.press('F5');
    await expect.poll(() => pollsSeen(page), WAIT).toBeGreaterThan(quiet);

    await page.click('button[data-action="pause"]');
    await expect.poll(() => statusText(page, 'poll'), WAIT).toMatch(/^Last poll/);
    await expect.poll(async () => (await portscope.settings.get()).poll.paused, WAIT).toBe(false);
  });

  it('saves a screenshot of the real renderer for the README', async () => {
    const { page } = portscope;
    // Something to show: a listener with two connections, fresh enough to be marked green.
    const server = await child.listenTcp('127.0.0.1');
    await child.connectTcp('127.0.0.1', server.port);
    // And one row that a rule flags, to show the tint and the Why column: the listener's port
    // counts as a backdoor port for this test's settings only.
    const { rules } = await portscope.settings.get();
    await portscope.settings.update({
      rules: { ...rules, backdoorPorts: [...rules.backdoorPorts, server.port] },
    });
    await child.connectTcp('::1', (await child.listenTcp('::1')).port);
    // Listeners on the machine and everything of the test's process: a readable slice of a real
    // table (a bench or a browser elsewhere may own thousands of connections).
    await setFilter(page, `state:listen OR pid:${child.pid}`);
    // Process name descending: the test's fresh (green) rows come first.
    const processHeader = page.locator(
      '.ag-header-cell[col-id="processName"] .ag-header-cell-label',
    );
    await processHeader.click();
    await processHeader.click();
    // The person resizes the window (the page follows, and the app saves the size).
    await portscope.resizeWindow(1600, 520);
    // Wait for the picture to tell the story: the child's fresh connection (green) and its
    // flagged listener (tinted, with a reason in Why).
    const pid = String(child.pid);
    await expect
      .poll(async () => {
        const rows = (await shownRows(page)).filter((row) => row.cells.pid === pid);
        const fresh = rows.some((row) => row.mark === 'new' && row.cells.state === 'ESTABLISHED');
        const flagged = rows.some((row) => (row.cells.suspicion ?? '') !== '');
        return fresh && flagged;
      }, WAIT)
      .toBe(true);
    const shot = await portscope.screenshot('main-window-light');
    if (process.env.PORTSCOPE_UPDATE_SCREENSHOT === '1') await copyFile(shot, readmeScreenshot);
    // The saved window size is what the window has now.
    await expect
      .poll(async () => portscope.settings.saved()?.window, WAIT)
      .toMatchObject({ width: 1600, height: 520 });
  });

  it('follows the desktop to dark and back (the dark picture too)', async () => {
    const { page, app } = portscope;
    // The window's background before its first paint came from nativeTheme (light here).
    const created = app.log.find((entry) => entry.call === 'BrowserWindow.new');
    expect((created?.detail as { backgroundColor: string }).backgroundColor).toBe(
      WINDOW_BACKGROUND.light,
    );
    const looks = () =>
      page.evaluate(`(() => ({
        mode: document.body.dataset.agThemeMode ?? null,
        background: getComputedStyle(document.body).backgroundColor,
      }))()`) as Promise<{ mode: string | null; background: string }>;
    expect(await looks()).toEqual({
      mode: 'light',
      background: rgbText(parseColor(WINDOW_BACKGROUND.light)),
    });

    await portscope.setDesktopTheme('dark');
    await expect.poll(async () => (await looks()).mode, WAIT).toBe('dark');
    // The dark palette's background (shared/window-background.ts), as main paints the window.
    expect((await looks()).background).toBe(rgbText(parseColor(WINDOW_BACKGROUND.dark)));
    await portscope.screenshot('main-window-dark');
    await portscope.setDesktopTheme('light');
    await expect.poll(async () => (await looks()).mode, WAIT).toBe('light');
    expect(portscope.pageErrors).toEqual([]);
  });
});

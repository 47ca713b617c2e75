// End to end, the app's life under the Electron stand-in: it starts in the order Electron
// requires (scheme and sandbox before ready, the single-instance lock in its own userData), a
// second start brings the window back and leaves, an installed Portscope and a development run
// do not shut each other out, the menu and its accelerators work (but Ctrl+P does nothing while
// typing in the filter box), and quitting ends the process cleanly with the change log and the
// settings written. Only processes and sockets this test started are touched.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_INDEX_URL } from '../../electron/renderer-location';
import { channelOf, invokeNames } from '../../shared/contract';
import { defaultSettings } from '../../shared/settings';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { launchApp, type AppProcess } from '../electron-runtime/launch';
import type { CallRecord } from '../electron-runtime/wire/control-protocol';
import { openPortscopePage, userDataOf, type PortscopePage } from '../support/portscope-app';
import { spawnSocketChild, stopAllSocketChildren } from '../support/socket-child';
import { listenerRowId, setFilter, statusText } from './grid-page';

const WAIT = { timeout: 20_000, interval: 100 };

let portscope: PortscopePage;
const others: AppProcess[] = [];

beforeAll(async () => {
  portscope = await openPortscopePage({
    settings: {
      poll: { intervalMs: 500, paused: false },
      // "Log changes" on, into the user-data folder (connection-log.jsonl).
      export: {
        ...defaultSettings.export,
        log: { ...defaultSettings.export.log, enabled: true, path: null, format: 'jsonl' },
      },
    },
  });
}, 120_000);

afterAll(async () => {
  for (const other of others) other.kill();
  await portscope?.close();
  await stopAllSocketChildren();
});

function indexOf(log: CallRecord[], call: string): number {
  const at = log.findIndex((entry) => entry.call === call);
  expect(at, `${call} in the call log`).toBeGreaterThanOrEqual(0);
  return at;
}

describe('start-up', () => {
  it('follows Electron’s order: dev userData, lock, sandbox and scheme before ready; handlers before the window', async () => {
    const { app, userData } = portscope;
    const log = app.log;
    const ready = indexOf(log, 'app.ready');
    for (const call of [
      'app.setPath',
      'app.requestSingleInstanceLock',
      'app.enableSandbox',
      'protocol.registerSchemesAsPrivileged',
    ]) {
      const at = indexOf(log, call);
      expect(at, call).toBeLessThan(ready);
      expect(log[at]!.ready, call).toBe(false);
    }
    // The development run's own userData, set before the lock that lives in it.
    expect(indexOf(log, 'app.setPath')).toBeLessThan(indexOf(log, 'app.requestSingleInstanceLock'));
    expect(log[indexOf(log, 'app.setPath')]!.detail).toEqual({ name: 'userData', path: userData });
    expect(userData).toBe(userDataOf(portscope.configHome));
    expect(log[indexOf(log, 'app.requestSingleInstanceLock')]!.detail).toEqual({
      userData,
      acquired: true,
    });

    // Everything that guards the page is in place before the window exists, and the page loads
    // only after the protocol handler and every IPC channel are.
    const window = indexOf(log, 'BrowserWindow.new');
    for (const call of [
      'session.setPermissionRequestHandler',
      'session.setPermissionCheckHandler',
      'session.setDevicePermissionHandler',
      'session.webRequest.onBeforeRequest',
      'protocol.handle',
    ]) {
      expect(indexOf(log, call), call).toBeLessThan(window);
    }
    const channels = log
      .slice(0, window)
      .filter((entry) => entry.call === 'ipcMain.handle')
      .map((entry) => (entry.detail as { channel: string }).channel);
    expect(channels.sort()).toEqual(invokeNames.map((name) => channelOf(name)).sort());
    const load = indexOf(log, 'webContents.loadURL');
    expect(indexOf(log, 'webContents.setWindowOpenHandler')).toBeLessThan(load);
    expect(log[load]!.detail).toMatchObject({ url: APP_INDEX_URL });

    const state = await app.state();
    expect(state.sandboxEnabled).toBe(true);
    expect(state.privilegedSchemes).toEqual([
      {
        scheme: 'portscope',
        privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
      },
    ]);
    expect(state.handledSchemes).toEqual(['portscope']);
    const [shown] = state.windows;
    expect(shown).toMatchObject({ url: APP_INDEX_URL, visible: true });
    expect(shown!.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
    expect(state.aboutPanel).toMatchObject({ applicationName: 'Portscope' });
  });
});

describe('never as root', { timeout: 60_000 }, () => {
  const isRoot = process.getuid?.() === 0;

  it.runIf(isRoot)('the window under test runs as nobody, not as the root test', () => {
    const status = readFileSync(`/proc/${portscope.app.child.pid}/status`, 'utf8');
    expect(status).toMatch(/^Uid:\t65534\t65534\t65534\t65534$/m);
  });

  it.runIf(isRoot)(
    'started as root, it opens no window, says how to see every process, and exits 1',
    async () => {
      const configHome = await mkdtemp(path.join(tmpdir(), 'portscope-as-root-'));
      try {
        const app = await launchApp({ configHome, user: 'root' });
        others.push(app);
        expect(await app.waitForExit()).toEqual({ code: 1, signal: null });
        expect(app.errorBoxes).toEqual([
          {
            title: 'Portscope does not run its window as root',
            content: expect.stringMatching(/Show all processes…[\s\S]*sudo portscope list/),
          },
        ]);
        const calls = app.log.map((entry) => entry.call);
        expect(calls).not.toContain('chromium.started');
        expect(calls).not.toContain('BrowserWindow.new');
        expect(calls).not.toContain('app.requestSingleInstanceLock');
      } finally {
        await rm(configHome, { recursive: true, force: true });
      }
    },
  );
});

describe('more than one Portscope', { timeout: 120_000 }, () => {
  it('a second start brings the minimized window to the front and quits without a window', async () => {
    const { app } = portscope;
    const { id: windowId } = await portscope.window();
    await app.command({ command: 'window', windowId, op: 'minimize' });
    expect(await portscope.window()).toMatchObject({ minimized: true, focused: false });

    const second = await portscope.launchAgain({ args: ['--second-start-marker'] });
    others.push(second);
    expect(await second.waitForExit()).toEqual({ code: 0, signal: null });
    expect(
      second.log.find((entry) => entry.call === 'app.requestSingleInstanceLock')?.detail,
    ).toMatchObject({ acquired: false });
    expect(second.log.map((entry) => entry.call)).not.toContain('BrowserWindow.new');
    expect(second.log.map((entry) => entry.call)).not.toContain('chromium.started');

    await expect
      .poll(() => portscope.window(), WAIT)
      .toMatchObject({ minimized: false, visible: true, focused: true });
    const told = app.log.find((entry) => entry.call === 'app.second-instance');
    expect((told?.detail as { argv: string[] }).argv).toContain('--second-start-marker');
  });

  it('an installed Portscope (packaged) is not shut out by the development run: it has its own lock', async () => {
    const installed = await portscope.launchAgain({ packaged: true });
    others.push(installed);
    const lock = await installed.waitFor(
      () => installed.log.find((entry) => entry.call === 'app.requestSingleInstanceLock'),
      'the installed app’s lock',
    );
    expect(lock.detail).toEqual({
      userData: path.join(portscope.configHome, 'Portscope'),
      acquired: true,
    });
    await installed.waitFor(
      () => installed.log.some((entry) => entry.call === 'BrowserWindow.new'),
      'the installed app’s window',
    );
    expect(await installed.quit()).toEqual({ code: 0, signal: null });
  });
});

describe('menu and keys', () => {
  it('View → Pause and Refresh Interval from the application menu act, and the menu follows', async () => {
    const { page, app } = portscope;
    await app.command({ command: 'clickAppMenu', path: ['View', 'Pause'] });
    await expect.poll(() => statusText(page, 'poll'), WAIT).toMatch(/^Paused/);
    await app.command({ command: 'clickAppMenu', path: ['View', 'Refresh Interval', '2 seconds'] });
    await expect
      .poll(async () => (await portscope.settings.get()).poll, WAIT)
      .toEqual({
        intervalMs: 2000,
        paused: true,
      });
    // The menu is rebuilt from the settings: its radio and check items show them.
    const view = (await app.state()).applicationMenu!.find((item) => item.label === 'View')!;
    const interval = view.submenu!.find((item) => item.label === 'Refresh Interval')!;
    expect(interval.submenu!.filter((item) => item.checked).map((item) => item.label)).toEqual([
      '2 seconds',
    ]);
    expect(view.submenu!.find((item) => item.label === 'Pause')?.checked).toBe(true);
    await app.command({ command: 'clickAppMenu', path: ['View', 'Pause'] });
    await app.command({
      command: 'clickAppMenu',
      path: ['View', 'Refresh Interval', '0.5 seconds'],
    });
    await expect.poll(() => statusText(page, 'poll'), WAIT).toMatch(/^Last poll/);

    // File → Export… reaches the page (the menuCommand event) and opens the export choice.
    await app.command({ command: 'clickAppMenu', path: ['File', 'Export…'] });
    await page.waitForSelector('form.export-dialog', { timeout: 10_000 });
    await page.keyboard.press('Escape');
    await expect.poll(() => page.$('form.export-dialog'), WAIT).toBeNull();
  });

  it('Ctrl+P pauses and resumes from the table, but not while typing in the filter box', async () => {
    const { page } = portscope;
    await page.click('.ag-header-row-column');
    await page.keyboard.press('Control+p');
    await expect.poll(() => statusText(page, 'poll'), WAIT).toMatch(/^Paused/);
    await page.keyboard.press('Control+p');
    await expect.poll(() => statusText(page, 'poll'), WAIT).toMatch(/^Last poll/);

    await page.click('input[aria-label="Filter"]');
    await page.keyboard.type('proc:x');
    await page.keyboard.press('Control+p');
    await page.keyboard.type('yz');
    // Give a wrongly fired accelerator time to land: polling must still run.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await statusText(page, 'poll')).toMatch(/^Last poll/);
    expect((await portscope.settings.get()).poll.paused).toBe(false);
    expect(await page.inputValue('input[aria-label="Filter"]')).toBe('proc:xyz');
    await setFilter(page, '');
  });
});

describe('quitting', { timeout: 60_000 }, () => {
  it('File → Quit ends the process after writing the change log and the settings', async () => {
    const { page, app, userData } = portscope;
    const child = await spawnSocketChild({ title: `pslife${process.pid}` });
    const listener = await child.listenTcp('127.0.0.1');
    await setFilter(page, `pid:${child.pid}`);
    const id = listenerRowId('tcp', '127.0.0.1', listener.port);
    await expect.poll(() => page.$(`.ag-row[row-id="${id}"]`), WAIT).not.toBeNull();
    await child.close(listener.handle);
    await expect
      .poll(() => page.locator(`.ag-row[row-id="${id}"].ps-row-removed`).count(), WAIT)
      .toBe(1);

    // At once, with the filter just typed: what the app holds must reach the disk on quit.
    await setFilter(page, `pid:${child.pid} -lport:1`);
    await app.command({ command: 'clickAppMenu', path: ['File', 'Quit'] });
    expect(await app.waitForExit()).toEqual({ code: 0, signal: null });

    // Electron's order: will-quit prevented once (the app stops its backend), then quit.
    const calls = app.log.map((entry) => entry.call);
    const windowClosed = calls.indexOf('BrowserWindow.close');
    const willQuit = app.log.filter((entry) => entry.call === 'app.will-quit');
    expect(windowClosed).toBeGreaterThan(calls.indexOf('app.quit'));
    expect(willQuit.map((entry) => entry.detail)).toEqual([
      { prevented: true },
      { prevented: false },
    ]);
    expect(calls.at(-1)).toBe('app.process-exit');
    // The tray is taken down when the app cleans up, and not touched again.
    const trayDestroyed = calls.indexOf('Tray.destroy');
    expect(trayDestroyed).toBeGreaterThan(calls.indexOf('app.quit'));
    expect(calls.slice(trayDestroyed + 1).filter((call) => call.startsWith('Tray.'))).toEqual([]);

    const changeLog = readFileSync(path.join(userData, 'connection-log.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { event: string; pid: number; localPort: number });
    const ours = changeLog.filter((entry) => entry.localPort === listener.port);
    expect(ours.map((entry) => entry.event)).toEqual(['opened', 'closed']);
    const saved = portscope.settings.saved()!;
    expect(saved.view.filter).toBe(`pid:${child.pid} -lport:1`);
    expect(saved.window).toMatchObject({ width: 1400, height: 800 });
    // The lock is released with the process.
    expect(existsSync(path.join(userData, 'SingletonLock'))).toBe(false);
  });
});

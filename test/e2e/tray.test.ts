// End to end, the tray icon and the Process column's icons, through the real app under the
// Electron stand-in: the tray shows what tray-model.ts decides from the live table (the count of
// suspicious rows in its tooltip, the alert image once a real listener this test starts from
// /dev/shm is flagged), its Pause item pauses and resumes polling, "close to tray" hides the
// window instead of quitting and Show brings it back, and without it closing quits. The page's
// getProcessIcons gives a PNG for a process in the table and null for one that is not. One app
// start; only processes this test started are touched.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countSuspicious, trayModel, type TrayModel } from '../../electron/tray-model';
import { defaultSettings } from '../../shared/settings';
import type { MenuItemSnapshot, TraySnapshot } from '../electron-runtime/wire/control-protocol';
import { openPortscopePage, type PortscopePage } from '../support/portscope-app';
import {
  buildTinyListener,
  startTinyListener,
  stopTinyListeners,
  type TinyListener,
} from '../support/tiny-listener';
import { listenerRowId, statusText } from './grid-page';

const WAIT = { timeout: 20_000, interval: 200 };
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
/** The files electron/app-files.ts names for the tray (1x; the @2x beside each loads with it). */
const trayImages = {
  normal: path.join(repoRoot, 'resources/tray/tray.png'),
  alert: path.join(repoRoot, 'resources/tray/tray-alert.png'),
};

let portscope: PortscopePage;
let shmDir = '';
let cleanupBinary: (() => Promise<void>) | undefined;
let listener: TinyListener;
/** A process of this test's with no socket: never a row of the table. */
let sleeper: ChildProcess | undefined;

beforeAll(async () => {
  const built = await buildTinyListener();
  cleanupBinary = built.cleanup;
  shmDir = await mkdtemp('/dev/shm/portscope-tray-e2e-');
  // Default settings (close to tray off) but for a quick poll.
  portscope = await openPortscopePage({ settings: { poll: { intervalMs: 500, paused: false } } });
  // Started only now: the tray is first seen without it.
  listener = await startTinyListener({
    binary: built.binary,
    executable: path.join(shmDir, 'e2e-tray-dropper'),
    address: '127.0.0.1',
  });
}, 120_000);

afterAll(async () => {
  await portscope?.close();
  await stopTinyListeners();
  if (sleeper && sleeper.exitCode === null && sleeper.signalCode === null) {
    const exited = once(sleeper, 'exit');
    sleeper.kill('SIGKILL'); // only this test's own child, by its handle
    await exited;
  }
  if (shmDir) await rm(shmDir, { recursive: true, force: true });
  await cleanupBinary?.();
});

/** The model's menu as the menu stand-in shows a menu built from it (electron/tray.ts menuOf). */
function shownMenu(model: TrayModel): Partial<MenuItemSnapshot>[] {
  return model.menu.map((entry) => {
    if (entry.kind === 'separator') return { type: 'separator' };
    if (entry.kind === 'info') return { label: entry.label, type: 'normal', enabled: false };
    return {
      label: entry.label,
      type: entry.checked === undefined ? 'normal' : 'checkbox',
      checked: entry.checked ?? false,
      enabled: true,
    };
  });
}

/** What tray-model.ts says the tray should show for the table, settings and window right now. */
async function expectedModel(): Promise<TrayModel> {
  const [{ connections }, settings, window] = await Promise.all([
    portscope.api.getSnapshot(),
    portscope.settings.get(),
    portscope.window(),
  ]);
  return trayModel({
    suspicious: countSuspicious(connections),
    paused: settings.poll.paused,
    windowVisible: window.visible,
    platform: process.platform,
  });
}

/** 'agrees', or how the tray shown differs from what the model gives for the table now. */
async function trayAgreesWithTable(): Promise<string> {
  const [tray, model] = await Promise.all([portscope.tray.state(), expectedModel()]);
  const problems: string[] = [];
  if (tray.toolTip !== model.tooltip)
    problems.push(`tooltip "${tray.toolTip}", expected "${model.tooltip}"`);
  if (tray.image.path !== trayImages[model.icon])
    problems.push(`image ${tray.image.path}, expected ${trayImages[model.icon]}`);
  const menu = (tray.contextMenu ?? []).map((item, index) => {
    const wanted = shownMenu(model)[index] ?? {};
    return Object.fromEntries(Object.keys(wanted).map((key) => [key, item[key as 'label']]));
  });
  if (JSON.stringify(menu) !== JSON.stringify(shownMenu(model)))
    problems.push(`menu ${JSON.stringify(menu)}, expected ${JSON.stringify(shownMenu(model))}`);
  return problems.length === 0 ? 'agrees' : problems.join('; ');
}

function menuItem(tray: TraySnapshot, label: string): MenuItemSnapshot | undefined {
  return tray.contextMenu?.find((item) => item.label === label);
}

/** A PNG's size from its IHDR (https://www.w3.org/TR/png-3/#11IHDR). */
function pngSize(dataUrl: string): { width: number; height: number } {
  const png = Buffer.from(dataUrl.slice('data:image/png;base64,'.length), 'base64');
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('the tray icon', () => {
  it('shows what the tray model gives for the table, and counts the test’s suspicious listener', async () => {
    const tray = await portscope.tray.state();
    // The app's icon files load, each with its @2x variant for HiDPI panels.
    expect(tray.image).toMatchObject({ empty: false, scaleFactors: [1, 2] });
    expect(tray.title).toBe('');
    await expect.poll(trayAgreesWithTable, WAIT).toBe('agrees');

    // The test's listener from /dev/shm is a warning: counted in the tooltip, the alert image.
    const id = listenerRowId('tcp', '127.0.0.1', listener.port);
    await expect
      .poll(async () => {
        const { connections } = await portscope.api.getSnapshot();
        return connections.find((row) => row.id === id)?.suspicion?.severity ?? null;
      }, WAIT)
      .toBe('warning');
    await expect.poll(trayAgreesWithTable, WAIT).toBe('agrees');
    const flagged = await portscope.tray.state();
    expect(flagged.toolTip).toMatch(/^Portscope: [\d,]+ suspicious connections? \(.*\d+ warning/);
    expect(flagged.image.path).toBe(trayImages.alert);
    expect(portscope.app.log.some((entry) => entry.call === 'Tray.setImage')).toBe(true);
  });

  it('its Pause Updates item pauses polling, and again resumes it', async () => {
    const { page } = portscope;
    expect((await portscope.settings.get()).poll.paused).toBe(false);
    await portscope.tray.clickMenu('Pause Updates');
    await expect.poll(async () => (await portscope.settings.get()).poll.paused, WAIT).toBe(true);
    await expect.poll(() => statusText(page, 'poll'), WAIT).toMatch(/^Paused/);
    await expect
      .poll(async () => menuItem(await portscope.tray.state(), 'Pause Updates')?.checked, WAIT)
      .toBe(true);
    expect((await portscope.tray.state()).toolTip).toMatch(/ · paused$/);

    await portscope.tray.clickMenu('Pause Updates');
    await expect.poll(async () => (await portscope.settings.get()).poll.paused, WAIT).toBe(false);
    await expect.poll(() => statusText(page, 'poll'), WAIT).toMatch(/^Last poll /);
    await expect.poll(trayAgreesWithTable, WAIT).toBe('agrees');
  });
});

describe('process icons', () => {
  it('gives a PNG for a process in the table and null for a process that is not', async () => {
    sleeper = spawn('sleep', ['120'], { stdio: 'ignore' });
    const icons = await portscope.api.getProcessIcons([listener.pid, sleeper.pid!]);
    expect(icons.map((icon) => icon.pid)).toEqual([listener.pid, sleeper.pid]);
    const [own, notInTable] = icons;
    expect(own!.icon).toMatch(/^data:image\/png;base64,/);
    // The app asks for the small icon, of the listener's own executable.
    expect(pngSize(own!.icon!)).toEqual({ width: 16, height: 16 });
    expect(
      portscope.app.log.some(
        (entry) =>
          entry.call === 'app.getFileIcon' &&
          JSON.stringify(entry.detail) ===
            JSON.stringify({ path: listener.executable, size: 'small' }),
      ),
    ).toBe(true);
    expect(notInTable!.icon).toBeNull();
  });
});

describe('closing the window', () => {
  const closeWindow = async () => {
    const window = await portscope.window();
    await portscope.app.command({ command: 'window', windowId: window.id, op: 'close' });
  };
  const setCloseToTray = async (closeToTray: boolean) => {
    const { ui } = await portscope.settings.get();
    await portscope.settings.update({ ui: { ...ui, closeToTray } });
  };

  it('with close to tray on, hides the window, the app goes on, and the tray’s Show brings it back', async () => {
    // Off unless the person turns it on.
    expect(defaultSettings.ui.closeToTray).toBe(false);
    expect((await portscope.settings.get()).ui.closeToTray).toBe(false);
    await setCloseToTray(true);
    await expect
      .poll(async () => menuItem(await portscope.tray.state(), 'Hide Portscope')?.enabled, WAIT)
      .toBe(true);

    await closeWindow();
    await expect.poll(async () => (await portscope.window()).visible, WAIT).toBe(false);
    expect((await portscope.window()).destroyed).toBe(false);
    // The tray offers the window back.
    await expect
      .poll(async () => menuItem(await portscope.tray.state(), 'Show Portscope')?.enabled, WAIT)
      .toBe(true);
    // Still polling: a later poll comes in while the window is hidden.
    const { status } = await portscope.api.getSnapshot();
    await expect
      .poll(async () => (await portscope.api.getSnapshot()).status.at ?? 0, WAIT)
      .toBeGreaterThan(status.at ?? 0);
    expect(portscope.app.alive).toBe(true);

    // Activating the icon (a click, or what the Linux desktop calls activation) brings it back.
    await portscope.tray.click();
    expect(portscope.app.log.some((entry) => entry.call === 'tray.click')).toBe(true);
    await expect.poll(async () => (await portscope.window()).visible, WAIT).toBe(true);

    // Closed to the tray again, and back through the tray's menu this time.
    await closeWindow();
    await expect.poll(async () => (await portscope.window()).visible, WAIT).toBe(false);
    await portscope.tray.clickMenu('Show Portscope');
    await expect.poll(async () => (await portscope.window()).visible, WAIT).toBe(true);
    expect((await portscope.window()).focused).toBe(true);
    await expect.poll(trayAgreesWithTable, WAIT).toBe('agrees');
    expect(portscope.app.alive).toBe(true);
  });

  it('with close to tray off, closing the window quits the app', async () => {
    await setCloseToTray(false);
    await closeWindow();
    const exit = await portscope.app.waitForExit(20_000);
    expect(exit).toEqual({ code: 0, signal: null });
    const closes = portscope.app.log.filter((entry) => entry.call === 'BrowserWindow.close');
    // Twice hidden to the tray (the test before), then a close that goes through.
    expect(closes.map((entry) => (entry.detail as { prevented: boolean }).prevented)).toEqual([
      true,
      true,
      false,
    ]);
  });
});

// End to end, the whole app: a real listener this test starts from /dev/shm is judged by the
// real backend, and the window shows the verdict in its row: the Why cell names the reason and is
// coloured by severity. A socket child's listener on a port the test puts in the backdoor list
// (through the settings channel) is tinted, announced by a desktop notification (clicking it
// brings the window back), "Suspicious only" shows only it, and marking its port as known from the
// right-click menu clears it. Only processes this test started are touched.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PortscopeApi } from '../../shared/contract';
import { toRendererPatch, type SettingsPatch } from '../../shared/settings';
import { openPortscopePage, type PortscopePage } from '../support/portscope-app';
import { spawnSocketChild, stopAllSocketChildren } from '../support/socket-child';
import {
  buildTinyListener,
  startTinyListener,
  stopTinyListeners,
  type TinyListener,
} from '../support/tiny-listener';
import { listenerRowId, setFilter, shownRows, statusText } from './grid-page';

const WAIT = { timeout: 15_000, interval: 100 };

/** The page's window.portscope (the test tsconfig has no DOM types). */
interface PortscopeWindow {
  portscope: PortscopeApi;
}

/** As the rules page sends it: the page may not name main's fields (the blocklist path …). */
function updateSettingsInPage(page: Page, patch: SettingsPatch) {
  return page.evaluate(
    (p) => (globalThis as unknown as PortscopeWindow).portscope.updateSettings(p),
    toRendererPatch(patch),
  );
}

/** The rendered row's classes, or null when it is not shown. */
async function rowClasses(page: Page, id: string): Promise<string | null> {
  return page
    .locator(`.ag-row[row-id="${id}"]`)
    .first()
    .getAttribute('class', { timeout: 200 })
    .catch(() => null);
}

async function whyCell(page: Page, id: string): Promise<string | null> {
  return page
    .locator(`.ag-row[row-id="${id}"] [col-id="suspicion"]`)
    .first()
    .textContent({ timeout: 200 })
    .catch(() => null);
}

async function suspiciousOnly(page: Page, on: boolean): Promise<void> {
  const toggle = page.locator('button.ps-suspicious-toggle');
  if ((await toggle.getAttribute('aria-pressed')) !== String(on)) await toggle.click();
  expect(await toggle.getAttribute('aria-pressed')).toBe(String(on));
}

let portscope: PortscopePage;

/** What /proc says the process is called (its comm), as the table and notices show it. */
function childName(pid: number): string {
  return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
}
let listener: TinyListener;
let shmDir: string;
let cleanupBinary: () => Promise<void>;

beforeAll(async () => {
  const built = await buildTinyListener();
  cleanupBinary = built.cleanup;
  shmDir = await mkdtemp('/dev/shm/portscope-rules-e2e-');
  listener = await startTinyListener({
    binary: built.binary,
    executable: path.join(shmDir, 'e2e-dropper'),
    address: '127.0.0.1',
  });
  portscope = await openPortscopePage({
    settings: { poll: { intervalMs: 500, paused: false } },
    viewport: { width: 1500, height: 900 },
  });
}, 120_000);

afterAll(async () => {
  await portscope?.close();
  await stopAllSocketChildren();
  await stopTinyListeners();
  await rm(shmDir, { recursive: true, force: true });
  await cleanupBinary?.();
});

describe('suspicious rows in Chromium', () => {
  it("shows the flagged row's reason in its Why cell, coloured by severity", async () => {
    const { page } = portscope;
    // The table has arrived once the status bar counts it.
    await expect
      .poll(() => statusText(page, 'protocols'), WAIT)
      .toMatch(/^TCP [\d,]+ · UDP [\d,]+$/);
    await setFilter(page, `pid:${listener.pid}`);
    const id = listenerRowId('tcp', '127.0.0.1', listener.port);
    // Read the DOM directly (the row's own id), as a person sees it.
    const rowSelector = `.ag-row[row-id="${id}"]`;
    const whyText = () => page.locator(`${rowSelector} [col-id="suspicion"]`).first().textContent();
    // The cell is the severity badge, then the reasons.
    await expect
      .poll(whyText, WAIT)
      .toBe(`Warning e2e-dropper runs from ${shmDir}/, a temporary directory`);
    expect(
      await page.locator(`${rowSelector} [col-id="suspicion"] .ps-why-badge`).first().textContent(),
    ).toBe('Warning');
    // Coloured by severity: the Why cell's badge and text, and the row's tint.
    const whyClass = await page
      .locator(`${rowSelector} [col-id="suspicion"] .ps-why`)
      .first()
      .getAttribute('class');
    expect(whyClass).toContain('ps-why-warning');
    expect(await page.locator(rowSelector).first().getAttribute('class')).toContain(
      'ps-suspicion-warning',
    );
    // Only our row passes the filter, and it is the flagged one.
    await expect.poll(() => statusText(page, 'shown'), WAIT).toMatch(/^Showing 1 of [\d,]+/);
    expect(portscope.pageErrors).toEqual([]);
  });

  it('tints the flagged row and "suspicious only" shows only flagged rows; Mark as Known clears it', async () => {
    const { page } = portscope;
    const child = await spawnSocketChild({ title: `psrules${process.pid}` });
    const flagged = await child.listenTcp('127.0.0.1');
    const clean = await child.listenTcp('127.0.0.1');
    const flaggedId = listenerRowId('tcp', '127.0.0.1', flagged.port);
    const cleanId = listenerRowId('tcp', '127.0.0.1', clean.port);

    // Turn the rule on for this test's port through the settings channel, as the rules page does.
    const { rules } = await portscope.settings.get();
    expect(rules.backdoorPorts).not.toContain(flagged.port);
    expect(rules.backdoorPorts).not.toContain(clean.port);
    await updateSettingsInPage(page, {
      rules: { ...rules, backdoorPorts: [...rules.backdoorPorts, flagged.port] },
    });

    await setFilter(page, `pid:${child.pid}`);
    await expect.poll(() => rowClasses(page, flaggedId), WAIT).toContain('ps-suspicion-warning');
    expect(await whyCell(page, flaggedId)).toBe(
      `Warning Listens on port ${flagged.port}, a port associated with backdoors`,
    );
    await expect.poll(() => rowClasses(page, cleanId), WAIT).not.toBeNull();
    expect(await rowClasses(page, cleanId)).not.toMatch(/ps-suspicion-/);
    expect(await whyCell(page, cleanId)).toBe('');

    // A desktop notification announced it (one per process; the clean listener none), and
    // clicking it brings the minimized window back to the front.
    const { app } = portscope;
    const ours = () => app.notifications.filter((n) => n.title.includes(`(pid ${child.pid})`));
    await expect.poll(() => ours().length, WAIT).toBe(1);
    expect(ours()[0]).toMatchObject({
      title: `Suspicious connection: ${childName(child.pid)} (pid ${child.pid})`,
      urgency: 'normal',
      silent: true,
      shown: true,
    });
    expect(ours()[0]!.body).toBe(
      `TCP 127.0.0.1:${flagged.port}\nListens on port ${flagged.port}, a port associated with backdoors`,
    );
    const { id: windowId } = await portscope.window();
    await app.command({ command: 'window', windowId, op: 'minimize' });
    expect(await portscope.window()).toMatchObject({ minimized: true, focused: false });
    await app.command({ command: 'clickNotification', notificationId: ours()[0]!.id });
    await expect
      .poll(() => portscope.window(), WAIT)
      .toMatchObject({ minimized: false, visible: true, focused: true });

    // Suspicious only: the clean listener goes, the flagged one stays.
    await suspiciousOnly(page, true);
    await expect.poll(() => rowClasses(page, cleanId), WAIT).toBeNull();
    expect(await rowClasses(page, flaggedId)).toContain('ps-suspicion-warning');
    expect((await shownRows(page)).map((row) => row.id)).toEqual([flaggedId]);
    // With the filter cleared, every row shown is a flagged one (this test's and the dropper).
    await setFilter(page, '');
    await expect
      .poll(async () => (await shownRows(page)).map((row) => row.id), WAIT)
      .toContain(flaggedId);
    const everyShown = await shownRows(page);
    expect(everyShown.map((row) => row.id)).not.toContain(cleanId);
    for (const row of everyShown) expect(row.cells.suspicion).toMatch(/^(Notice|Warning|Danger) /);
    await suspiciousOnly(page, false);
    await setFilter(page, `pid:${child.pid}`);
    await expect.poll(() => rowClasses(page, cleanId), WAIT).not.toBeNull();

    // Properties (double-click) gives the reason with its rule's explanation.
    await page.dblclick(`.ag-row[row-id="${flaggedId}"] .ag-cell[col-id="localPort"]`);
    const panel = page.locator('[role="dialog"][aria-label="Properties"]');
    const whyLine = panel.locator('tr', { hasText: 'Why: Port used by backdoors or C2' });
    expect(await whyLine.locator('.actions-properties-value').textContent()).toMatch(
      new RegExp(
        `^Listens on port ${flagged.port}, a port associated with backdoors\\. A listener on`,
      ),
    );
    await page.keyboard.press('Escape');
    await expect.poll(() => panel.count(), WAIT).toBe(0);

    // Mark as Known from the right-click menu: its submenu offers the port.
    const tableRow = async () =>
      (await portscope.api.getSnapshot()).connections.find((row) => row.id === flaggedId);
    expect((await tableRow())?.suspicion?.severity).toBe('warning');
    const { menus } = portscope;
    const shown = menus.popups.length;
    menus.answerRowMenu(['Mark as Known', `Port ${flagged.port}`]);
    await page.click(`.ag-row[row-id="${flaggedId}"] .ag-cell[col-id="localPort"]`, {
      button: 'right',
    });
    await expect.poll(() => rowClasses(page, flaggedId), WAIT).not.toMatch(/ps-suspicion-/);
    const markKnown = menus.popups[shown]!.find((item) => item.label === 'Mark as Known');
    expect(markKnown?.enabled).toBe(true);
    expect(markKnown?.submenu?.map((item) => item.label)).toContain(`Port ${flagged.port}`);
    expect(await whyCell(page, flaggedId)).toBe('');
    expect((await tableRow())?.suspicion).toBeNull();
    // Known is saved in the settings file (so it survives a restart).
    await expect
      .poll(() => portscope.settings.saved()?.rules.known, WAIT)
      .toContainEqual({ kind: 'port', port: flagged.port });
    // Suspicious only now hides it too.
    await suspiciousOnly(page, true);
    await expect.poll(() => rowClasses(page, flaggedId), WAIT).toBeNull();
    await suspiciousOnly(page, false);
    expect(portscope.pageErrors).toEqual([]);
  });
});

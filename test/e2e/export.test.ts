// End to end, the whole app: File → Export… from the keyboard. Ctrl+S opens the
// in-window choice (rows: shown / selected / all; columns: visible / every), the main-side save
// dialog is answered with a temporary .csv path, and the file read back with csv-parse holds the
// visible column headers in the grid's order and exactly the rows the filter shows (this test's own
// socket child). Cancelling either dialog writes nothing. Only processes this test started are
// touched.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { columnById, isColumnId } from '../../shared/columns';
import { giveToNobody } from '../electron-runtime/launch';
import { openPortscopePage, type PortscopePage } from '../support/portscope-app';
import { spawnSocketChild, stopAllSocketChildren, type SocketChild } from '../support/socket-child';
import { asShownInGrid, listenerRowId, setFilter, shownRows } from './grid-page';

const WAIT = { timeout: 15_000, interval: 100 };

let portscope: PortscopePage;
let outDir: string;
let child: SocketChild;
let ports: number[];

/** Column ids of the grid's header, left to right, as a person sees them. */
async function headerColumnIds(page: Page): Promise<string[]> {
  interface HeaderElement {
    getAttribute(name: string): string | null;
  }
  return page.$$eval('.ag-header-row-column .ag-header-cell[col-id]', (found) =>
    (found as unknown as HeaderElement[])
      .map((cell) => ({
        id: cell.getAttribute('col-id') ?? '',
        index: Number(cell.getAttribute('aria-colindex')),
      }))
      .sort((a, b) => a.index - b.index)
      .map((cell) => cell.id),
  );
}

async function openExportDialog(page: Page): Promise<void> {
  // Keys go to the focused page: focus the table first, as a person clicking into it would.
  await page.click('.ag-header-row-column');
  await page.keyboard.press('Control+s');
  await page.waitForSelector('form.export-dialog', { timeout: 5000 });
}

beforeAll(async () => {
  outDir = await mkdtemp(path.join(tmpdir(), 'portscope-export-e2e-'));
  // The person's own folder: the window runs as them (nobody here), not as the root test.
  if (process.getuid?.() === 0) giveToNobody(outDir);
  portscope = await openPortscopePage({
    settings: {
      poll: { intervalMs: 500, paused: false },
      // Not the default order, and one column hidden: the export must follow the grid.
      grid: {
        columns: [
          { colId: 'localPort' },
          { colId: 'protocolLabel' },
          { colId: 'processName' },
          { colId: 'commandLine', hide: true },
        ],
      },
    },
    // Wide enough for every visible column to be drawn (the grid renders only columns in view),
    // so the header and cells read from the page are all of what the export is given.
    viewport: { width: 3600, height: 900 },
  });
  child = await spawnSocketChild({ title: `psexport${process.pid}` });
  ports = [
    (await child.listenTcp('127.0.0.1')).port,
    (await child.listenTcp('127.0.0.1')).port,
    (await child.bindUdp('127.0.0.1')).port,
  ];
}, 120_000);

afterAll(async () => {
  await portscope?.close();
  await stopAllSocketChildren();
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

describe('export from the window', () => {
  it('Ctrl+S, rows shown + visible columns: the CSV has the grid headers in order and the filtered rows', async () => {
    const { page, dialogs } = portscope;
    await setFilter(page, `pid:${child.pid}`);
    const ids = [
      listenerRowId('tcp', '127.0.0.1', ports[0]!),
      listenerRowId('tcp', '127.0.0.1', ports[1]!),
      listenerRowId('udp', '127.0.0.1', ports[2]!),
    ];
    await expect
      .poll(async () => (await shownRows(page)).map((row) => row.id).sort(), WAIT)
      .toEqual([...ids].sort());

    await openExportDialog(page);
    // The choices the issue names, with "rows shown" counting this test's three rows.
    const scopes = await page.$$eval('input[name="export-scope"]', (inputs) =>
      inputs.map((input) => input.getAttribute('value')),
    );
    expect(scopes.sort()).toEqual(['all', 'filtered', 'selected']);
    const columnChoices = await page.$$eval('input[name="export-columns"]', (inputs) =>
      inputs.map((input) => input.getAttribute('value')),
    );
    expect(columnChoices.sort()).toEqual(['all', 'visible']);
    expect(await page.textContent('form.export-dialog')).toContain('Rows shown (3 rows');

    await page.check('input[name="export-scope"][value="filtered"]');
    await page.check('input[name="export-columns"][value="visible"]');
    const file = path.join(outDir, 'connections.csv');
    dialogs.answerSaveFile(file);
    // What the person sees at this moment is what the file must hold.
    const shown = await shownRows(page);
    const header = await headerColumnIds(page);
    await page.click('form.export-dialog button[type="submit"]');

    await expect.poll(() => existsSync(file), WAIT).toBe(true);
    await expect
      .poll(
        () => page.textContent('[data-status="message"] .status-message-text').catch(() => ''),
        WAIT,
      )
      .toBe(`Exported 3 connections to ${file}`);
    expect(await page.$('form.export-dialog')).toBeNull();
    expect(dialogs.saveRequests.at(-1)?.title).toBe('Export 3 connections');

    const records = parseCsv(readFileSync(file, 'utf8'), { bom: true }) as string[][];
    const visibleIds = header.filter(isColumnId);
    expect(visibleIds.length).toBeGreaterThan(3);
    // Process and PID stay pinned on the left; the saved order follows them.
    expect(visibleIds.slice(0, 4)).toEqual(['processName', 'pid', 'localPort', 'protocolLabel']);
    expect(visibleIds).not.toContain('commandLine');
    // Header: the visible columns' headers, in the grid's current order.
    expect(records[0]).toEqual(visibleIds.map((id) => columnById(id).header));
    // Rows: exactly the filtered rows, each field as the grid shows it (traffic exact in the CSV).
    const body = records.slice(1);
    expect(body).toHaveLength(3);
    const localPortAt = visibleIds.indexOf('localPort');
    expect(body.map((record) => Number(record[localPortAt])).sort()).toEqual(
      [...ports].sort((a, b) => a - b),
    );
    for (const record of body) {
      const port = Number(record[localPortAt]);
      const row = shown.find((r) => r.cells.localPort === String(port));
      expect(row, `grid row for port ${port}`).toBeDefined();
      visibleIds.forEach((id, index) => {
        expect(`${id}: ${asShownInGrid(id, record[index]!)}`).toBe(
          `${id}: ${row!.cells[id] ?? ''}`,
        );
      });
    }
    expect(portscope.pageErrors).toEqual([]);
  });

  it('cancelling the choice dialog, or the save dialog, writes nothing', async () => {
    const { page, dialogs } = portscope;
    const before = readdirSync(outDir).sort();
    const saveRequests = dialogs.saveRequests.length;

    // Cancel in the window: main is never asked for a path.
    await openExportDialog(page);
    await page.click('form.export-dialog button[type="button"]');
    await expect.poll(() => page.$('form.export-dialog'), WAIT).toBeNull();
    expect(dialogs.saveRequests.length).toBe(saveRequests);

    // Escape also cancels.
    await openExportDialog(page);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.$('form.export-dialog'), WAIT).toBeNull();
    expect(dialogs.saveRequests.length).toBe(saveRequests);

    // Confirm the choice, then cancel the native save dialog: nothing is written.
    await openExportDialog(page);
    dialogs.answerSaveFile(null);
    await page.click('form.export-dialog button[type="submit"]');
    await expect.poll(() => dialogs.saveRequests.length, WAIT).toBe(saveRequests + 1);
    await expect.poll(() => page.$('form.export-dialog'), WAIT).toBeNull();
    expect(readdirSync(outDir).sort()).toEqual(before);
    expect(portscope.pageErrors).toEqual([]);
  });
});

// End to end, the whole app: Properties and Copy. A double-click on the test's own row, or Enter
// on it, opens the Properties panel with every field of the row and its process, each copyable;
// Ctrl+C copies the selected rows as tab-separated text with a header line. The text reaches
// main through the real copyText channel and the app's clipboard glue (electron/row-menu.ts),
// and is read back from the desktop's clipboard. Only processes this test started are touched.
import { readlinkSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLUMNS, columnById, isColumnId } from '../../shared/columns';
import { openPortscopePage, type PortscopePage } from '../support/portscope-app';
import { spawnSocketChild, stopAllSocketChildren, type SocketChild } from '../support/socket-child';
import { asShownInGrid, listenerRowId, setFilter, shownRows } from './grid-page';

const WAIT = { timeout: 15_000, interval: 100 };

let portscope: PortscopePage;
let child: SocketChild;
let ports: number[];

/** Label → value of every line in the open Properties panel, in order. */
async function propertiesShown(page: Page): Promise<[string, string][]> {
  interface LineElement {
    querySelector(selector: string): { textContent: string | null } | null;
  }
  return page.$$eval('[role="dialog"][aria-label="Properties"] tr', (found) =>
    (found as unknown as LineElement[]).map((line) => [
      line.querySelector('th')?.textContent ?? '',
      line.querySelector('.actions-properties-value')?.textContent ?? '',
    ]),
  );
}

const panel = '[role="dialog"][aria-label="Properties"]';
const cellOf = (id: string, col = 'localPort') =>
  `.ag-row[row-id="${id}"] .ag-cell[col-id="${col}"]`;

beforeAll(async () => {
  portscope = await openPortscopePage({
    settings: { poll: { intervalMs: 500, paused: false } },
    // Wide enough for every visible column to be drawn (the grid renders only columns in view).
    viewport: { width: 3600, height: 900 },
  });
  child = await spawnSocketChild({ title: `psprops${process.pid}` });
  ports = [(await child.listenTcp('127.0.0.1')).port, (await child.listenTcp('127.0.0.1')).port];
}, 120_000);

afterAll(async () => {
  await portscope?.close();
  await stopAllSocketChildren();
});

describe('Properties and Copy in Chromium', () => {
  it('double-click and Enter open Properties with every field of the row and its process, copyable', async () => {
    const { page } = portscope;
    await setFilter(page, `pid:${child.pid}`);
    const id = listenerRowId('tcp', '127.0.0.1', ports[0]!);
    await expect.poll(() => page.$(cellOf(id)), WAIT).not.toBeNull();
    expect(await page.$(panel)).toBeNull();

    await page.dblclick(cellOf(id));
    await page.waitForSelector(panel, { timeout: 5000 });
    const lines = new Map(await propertiesShown(page));
    // Every column of the table is there, plus the fields no column shows.
    for (const column of COLUMNS) expect(lines.has(column.header), column.header).toBe(true);
    expect(lines.get('PID')).toBe(String(child.pid));
    expect(lines.get('Local Port')).toBe(String(ports[0]));
    expect(lines.get('Local Address')).toBe('127.0.0.1');
    expect(lines.get('State')).toBe('LISTEN');
    expect(lines.get('Process Path')).toBe(readlinkSync(`/proc/${child.pid}/exe`));
    expect(lines.get('Row Id')).toBe(id);
    expect(lines.get('Family')).toBe('IPv4');
    expect(lines.get('Socket Owner UID')).toBe(String(process.getuid?.()));
    expect(lines.get('Executable Deleted')).toBe('no');

    // Each value is copyable, and so is the whole panel (through main's copyText).
    await page.click(`${panel} button[title="Copy PID"]`);
    await expect.poll(() => portscope.clipboard(), WAIT).toBe(String(child.pid));
    await page.click(`${panel} button:has-text("Copy All")`);
    await expect.poll(() => portscope.clipboard(), WAIT).toContain(`PID\t${child.pid}\n`);
    const all = (await portscope.clipboard()).split('\n');
    expect(all).toContain(`Row Id\t${id}`);
    expect(all.length).toBe(lines.size);

    await page.keyboard.press('Escape');
    await expect.poll(() => page.$(panel), WAIT).toBeNull();

    // Enter on the selected row opens the other listener's Properties.
    const other = listenerRowId('tcp', '127.0.0.1', ports[1]!);
    await page.click(cellOf(other));
    await page.keyboard.press('Enter');
    await page.waitForSelector(panel, { timeout: 5000 });
    expect(new Map(await propertiesShown(page)).get('Local Port')).toBe(String(ports[1]));
    await page.click(`${panel} button:has-text("Close")`);
    await expect.poll(() => page.$(panel), WAIT).toBeNull();
    expect(portscope.pageErrors).toEqual([]);
  });

  it('Ctrl+C copies the selected rows as tab-separated text with a header', async () => {
    const { page } = portscope;
    await setFilter(page, `pid:${child.pid}`);
    const ids = ports.map((port) => listenerRowId('tcp', '127.0.0.1', port));
    for (const id of ids) await expect.poll(() => page.$(cellOf(id)), WAIT).not.toBeNull();
    await page.click(cellOf(ids[0]!));
    await page.click(cellOf(ids[1]!), { modifiers: ['Control'] });
    const before = await portscope.clipboard();
    await page.keyboard.press('Control+c');
    await expect.poll(() => portscope.clipboard(), WAIT).not.toBe(before);

    const lines = (await portscope.clipboard()).split('\n');
    expect(lines.at(-1)).toBe(''); // ends with a line break
    const [header, ...rows] = lines.slice(0, -1).map((line) => line.split('\t'));
    const shown = await shownRows(page);
    const columnIds = Object.keys(shown[0]!.cells).filter(isColumnId);
    // The header is the displayed columns, in the grid's order.
    expect(header).toEqual(columnIds.map((columnId) => columnById(columnId).header));
    expect(rows).toHaveLength(2);
    // Each copied row is the grid's row, field by field.
    const localPortAt = columnIds.indexOf('localPort');
    for (const row of rows) {
      const gridRow = shown.find((r) => r.cells.localPort === row[localPortAt]);
      expect(gridRow, `grid row for port ${row[localPortAt]}`).toBeDefined();
      // Traffic is copied exact, shown in human units.
      expect(row.map((text, at) => asShownInGrid(columnIds[at]!, text))).toEqual(
        columnIds.map((columnId) => gridRow!.cells[columnId] ?? ''),
      );
    }
    expect(rows.map((row) => Number(row[localPortAt])).sort()).toEqual(
      [...ports].sort((a, b) => a - b),
    );
    expect(portscope.pageErrors).toEqual([]);
  });
});

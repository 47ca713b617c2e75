// End to end: in Chromium over the real backend, select the test's own connection row, press
// Delete, the main-side confirmation is answered as a person would, and the kernel resets the
// connection: the row turns red and goes. Ctrl+K does the same for the owning process.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPortscopePage, type PortscopePage } from '../support/bridge';
import { spawnSocketChild, stopAllSocketChildren } from '../support/socket-child';
import type { Page } from 'playwright-core';
import { connectionRowId, listenerRowId, setFilter } from './grid-page';

/** The rendered row's mark ('removed' when red), '' when unmarked, undefined when not shown. */
async function rowMark(page: Page, id: string): Promise<string | undefined> {
  const classes = await page
    .locator(`.ag-row[row-id="${id}"]`)
    .first()
    .getAttribute('class', { timeout: 200 })
    .catch(() => null);
  if (classes === null) return undefined;
  return /ps-row-(new|changed|removed)/.exec(classes)?.[1] ?? '';
}

const WAIT = { timeout: 15_000, interval: 100 };
const title = `psact${process.pid}`;
let portscope: PortscopePage;

beforeAll(async () => {
  portscope = await openPortscopePage({
    settings: { poll: { intervalMs: 500, paused: false } },
    viewport: { width: 1500, height: 900 },
  });
});

afterAll(async () => {
  await portscope?.close();
  await stopAllSocketChildren();
});

describe('row actions in Chromium', () => {
  it('Delete on the selected connection closes it after the confirmation; the row goes red and away', async () => {
    const { page, dialogs } = portscope;
    const server = await spawnSocketChild({ title });
    const client = await spawnSocketChild({ title });
    const listener = await server.listenTcp('127.0.0.1');
    const connection = await client.connectTcp('127.0.0.1', listener.port);
    const [accepted] = await server.waitForAccepted(listener.handle);
    const name = readFileSync(`/proc/${client.pid}/comm`, 'utf8').trim();
    await setFilter(page, name);

    const id = connectionRowId('127.0.0.1', connection.localPort, '127.0.0.1', listener.port);
    await expect.poll(() => rowMark(page, id), WAIT).toBeDefined();
    await page.click(`.ag-row[row-id="${id}"] .ag-cell[col-id="localPort"]`);
    dialogs.answerConfirm({ confirmed: true });
    await page.keyboard.press('Delete');

    expect((await server.waitForEnd(accepted!.handle)).code).toBe('ECONNRESET');
    await client.waitForEnd(connection.handle);
    expect(dialogs.confirmRequests.at(-1)?.title).toBe('Close Connection');
    expect(dialogs.confirmRequests.at(-1)?.message).toContain(`pid ${client.pid}`);
    await expect.poll(() => rowMark(page, id), WAIT).toBe('removed');
    await expect.poll(() => rowMark(page, id), WAIT).toBeUndefined();
  });

  it('Ctrl+K on a listener row kills the owning process after the confirmation', async () => {
    const { page, dialogs } = portscope;
    const child = await spawnSocketChild({ title });
    const listener = await child.listenTcp('127.0.0.1');
    const id = listenerRowId('tcp', '127.0.0.1', listener.port);
    await expect.poll(() => rowMark(page, id), WAIT).toBeDefined();
    await page.click(`.ag-row[row-id="${id}"] .ag-cell[col-id="localPort"]`);
    dialogs.answerConfirm({ confirmed: true });
    await page.keyboard.press('Control+k');
    expect(await child.exited).toMatchObject({ signal: 'SIGTERM' });
    expect(dialogs.confirmRequests.at(-1)?.message).toContain(`pid ${child.pid}`);
    await expect.poll(() => rowMark(page, id), WAIT).toBeUndefined();
    expect(portscope.pageErrors).toEqual([]);
  });
});

// End to end, the whole app: select the test's own connection row, press Delete (or Ctrl+K), or
// right-click it and choose from the native menu; main's native confirmation is answered as a
// person would, and the kernel resets the connection or the process dies: the row turns red and
// goes. Only processes and sockets this test started are touched.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPortscopePage, type PortscopePage } from '../support/portscope-app';
import { spawnSocketChild, stopAllSocketChildren, type SocketChild } from '../support/socket-child';
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
}, 120_000);

afterAll(async () => {
  await portscope?.close();
  await stopAllSocketChildren();
});

/** A server child with a listener and a client child connected to it, shown in the table. */
async function connectedPair(page: Page) {
  const server = await spawnSocketChild({ title });
  const client = await spawnSocketChild({ title });
  const listener = await server.listenTcp('127.0.0.1');
  const connection = await client.connectTcp('127.0.0.1', listener.port);
  const [accepted] = await server.waitForAccepted(listener.handle);
  const name = readFileSync(`/proc/${client.pid}/comm`, 'utf8').trim();
  await setFilter(page, name);
  const id = connectionRowId('127.0.0.1', connection.localPort, '127.0.0.1', listener.port);
  await expect.poll(() => rowMark(page, id), WAIT).toBeDefined();
  return { server, client, listener, connection, accepted: accepted!, id };
}

async function listenerShown(page: Page): Promise<{ child: SocketChild; id: string }> {
  const child = await spawnSocketChild({ title });
  const listener = await child.listenTcp('127.0.0.1');
  await setFilter(page, `pid:${child.pid}`);
  const id = listenerRowId('tcp', '127.0.0.1', listener.port);
  await expect.poll(() => rowMark(page, id), WAIT).toBeDefined();
  return { child, id };
}

const cellOf = (id: string) => `.ag-row[row-id="${id}"] .ag-cell[col-id="localPort"]`;

describe('row actions in the app', () => {
  it('Delete on the selected connection closes it after the confirmation; the row goes red and away', async () => {
    const { page, dialogs } = portscope;
    const pair = await connectedPair(page);
    await page.click(cellOf(pair.id));
    dialogs.answerConfirm({ confirmed: true });
    await page.keyboard.press('Delete');

    expect((await pair.server.waitForEnd(pair.accepted.handle)).code).toBe('ECONNRESET');
    await pair.client.waitForEnd(pair.connection.handle);
    expect(dialogs.confirmRequests.at(-1)?.title).toBe('Close Connection');
    expect(dialogs.confirmRequests.at(-1)?.message).toContain(`pid ${pair.client.pid}`);
    await expect.poll(() => rowMark(page, pair.id), WAIT).toBe('removed');
    await expect.poll(() => rowMark(page, pair.id), WAIT).toBeUndefined();
  });

  it('Ctrl+K on a listener row kills the owning process after the confirmation', async () => {
    const { page, dialogs } = portscope;
    const { child, id } = await listenerShown(page);
    await page.click(cellOf(id));
    dialogs.answerConfirm({ confirmed: true });
    await page.keyboard.press('Control+k');
    expect(await child.exited).toMatchObject({ signal: 'SIGTERM' });
    expect(dialogs.confirmRequests.at(-1)?.message).toContain(`pid ${child.pid}`);
    await expect.poll(() => rowMark(page, id), WAIT).toBeUndefined();
  });

  it('right-click → Kill Process: the native menu, the confirmation, and the process ends', async () => {
    const { page, dialogs, menus } = portscope;
    const { child, id } = await listenerShown(page);
    const shown = menus.popups.length;
    menus.answerRowMenu('Kill Process');
    dialogs.answerConfirm({ confirmed: true });
    await page.click(cellOf(id), { button: 'right' });

    expect(await child.exited).toMatchObject({ signal: 'SIGTERM' });
    // The menu main built for this row, as Electron was given it.
    const items = menus.popups[shown]!;
    const byLabel = new Map(items.map((item) => [item.label, item]));
    expect(byLabel.get('Kill Process')).toMatchObject({
      enabled: true,
      accelerator: 'CmdOrCtrl+K',
    });
    // A listener has no connection to close: the item says why and cannot be chosen.
    const close = items.find((item) => item.label.startsWith('Close Connection'))!;
    expect(close.enabled).toBe(false);
    expect(close.label).not.toBe('Close Connection');
    expect(items.map((item) => item.label)).toContain('Properties');
    expect(dialogs.confirmRequests.at(-1)).toMatchObject({
      title: 'Kill Process',
      confirmLabel: expect.stringMatching(/Kill/),
    });
    expect(dialogs.confirmRequests.at(-1)?.message).toContain(`pid ${child.pid}`);
    await expect.poll(() => rowMark(page, id), WAIT).toBeUndefined();
  });

  it('right-click → Close Connection, then Cancel in the confirmation: nothing is closed', async () => {
    const { page, dialogs, menus } = portscope;
    const pair = await connectedPair(page);
    menus.answerRowMenu('Close Connection');
    dialogs.answerConfirm({ confirmed: false });
    const asked = dialogs.confirmRequests.length;
    await page.click(cellOf(pair.id), { button: 'right' });
    await expect.poll(() => dialogs.confirmRequests.length, WAIT).toBe(asked + 1);
    // Still connected: a poll later the row is there, unmarked or new, never red.
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(await rowMark(page, pair.id)).not.toBe('removed');
    expect(pair.server.alive && pair.client.alive).toBe(true);

    // And chosen again, confirmed: the kernel resets it.
    menus.answerRowMenu('Close Connection');
    dialogs.answerConfirm({ confirmed: true });
    await page.click(cellOf(pair.id), { button: 'right' });
    expect((await pair.server.waitForEnd(pair.accepted.handle)).code).toBe('ECONNRESET');
    await expect.poll(() => rowMark(page, pair.id), WAIT).toBe('removed');
  });

  it('right-click → Copy Row puts the row on the clipboard; a dismissed menu does nothing', async () => {
    const { page, menus } = portscope;
    const { child, id } = await listenerShown(page);
    menus.answerRowMenu(null);
    const shown = menus.popups.length;
    await page.click(cellOf(id), { button: 'right' });
    await expect.poll(() => menus.popups.length, WAIT).toBe(shown + 1);
    expect(child.alive).toBe(true);

    menus.answerRowMenu('Copy Row');
    await page.click(cellOf(id), { button: 'right' });
    await expect.poll(() => portscope.clipboard(), WAIT).toContain(`\t${child.pid}\t`);
    expect(portscope.dialogs.unexpected).toEqual([]);
    expect(portscope.pageErrors).toEqual([]);
  });
});

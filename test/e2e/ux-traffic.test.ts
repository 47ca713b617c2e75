// Traffic in the window, and the pictures of it, from real loopback traffic between two processes
// this test starts, read by the real Linux backend (sock_diag's tcp_info counters): exact byte
// counts on two quiet connections, and a third kept busy by the test (about 1.5 MB/s up, 200 KB/s
// down) for live rates. Checked as a person sees it: Sent/Received in human units, right-aligned,
// sorted by value; the status bar's totals; the Processes view summing a process's rows;
// Properties charting the connection's and the process's rates; process icons from the desktop
// (the stand-in's app.getFileIcon). Screenshots at 1280×800, light and dark, go to
// .tmp/screenshots/ (and docs/ on request).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../shared/settings';
import { formatBytes } from '../../shared/units';
import { decodeSnapshot } from '../../shared/wire';
import { openPortscopePage, type PortscopePage } from '../support/portscope-app';
import { spawnSocketChild, stopAllSocketChildren, type SocketChild } from '../support/socket-child';
import { connectionRowId, listenerRowId, setFilter, shownRows, statusText } from './grid-page';
import { shoot } from './ux-page';

const WAIT = { timeout: 20_000, interval: 100 };
const tag = `psnet${process.pid}`;

let server: SocketChild;
let client: SocketChild;
let listener: { handle: string; port: number };
let connections: { handle: string; localPort: number }[] = [];
let pump: ReturnType<typeof setInterval> | null = null;

async function openPage(colorScheme: 'light' | 'dark'): Promise<PortscopePage> {
  const rules = defaultSettings.rules;
  return openPortscopePage({
    settings: {
      poll: { intervalMs: 500, paused: false },
      // The server's listener counts as a backdoor port for this app: one suspicious row to see.
      rules: { ...rules, backdoorPorts: [...rules.backdoorPorts, listener.port] },
    },
    viewport: { width: 1280, height: 800 },
    colorScheme,
  });
}

/** Keep one connection busy: every 100 ms, 150 KB from the client and 20 KB back. */
function startPump(clientHandle: string, serverHandle: string): void {
  let busy = false;
  pump = setInterval(() => {
    if (busy) return;
    busy = true;
    void Promise.all([
      client.sendBytes(clientHandle, 150_000),
      server.sendBytes(serverHandle, 20_000),
    ])
      .catch(() => undefined)
      .finally(() => (busy = false));
  }, 100);
}

let light: PortscopePage;

beforeAll(async () => {
  server = await spawnSocketChild({ title: `${tag}d` });
  client = await spawnSocketChild({ title: tag });
  listener = await server.listenTcp('127.0.0.1');
  for (let i = 0; i < 3; i++) connections.push(await client.connectTcp('127.0.0.1', listener.port));
  const accepted = await server.waitForAccepted(listener.handle, 3);
  connections = connections.sort((a, b) => a.localPort - b.localPort);
  const serverSide = (localPort: number) =>
    accepted.find((socket) => socket.remotePort === localPort)!.handle;
  // Two quiet connections with exact counts, then one kept busy.
  const quiet = [
    { sent: 900, received: 300 },
    { sent: 2_300, received: 48_000 },
  ];
  for (const [i, plan] of quiet.entries()) {
    const own = connections[i]!;
    await client.sendBytes(own.handle, plan.sent);
    await server.sendBytes(serverSide(own.localPort), plan.received);
    await server.waitForReceived(serverSide(own.localPort), plan.sent);
    await client.waitForReceived(own.handle, plan.received);
  }
  startPump(connections[2]!.handle, serverSide(connections[2]!.localPort));
  light = await openPage('light');
}, 180_000);

afterAll(async () => {
  if (pump) clearInterval(pump);
  await light?.close();
  await stopAllSocketChildren();
});

const ids = () =>
  connections.map((c) => connectionRowId('127.0.0.1', c.localPort, '127.0.0.1', listener.port));

describe('traffic in the window, from real loopback traffic', { timeout: 90_000 }, () => {
  it('shows Sent and Received in human units, right-aligned, and sorts them by value', async () => {
    const { page } = light;
    await setFilter(page, `pid:${client.pid}`);
    await expect.poll(async () => (await shownRows(page)).length, WAIT).toBe(3);
    await expect
      .poll(async () => (await shownRows(page)).map((row) => row.cells.bytesSent).sort(), WAIT)
      .toEqual(expect.arrayContaining(['900 B', '2.3 KB']));
    const cell = page.locator(`.ag-row[row-id="${ids()[0]}"] .ag-cell[col-id="bytesSent"]`);
    expect(await cell.getAttribute('class')).toContain('ag-right-aligned-cell');
    expect(
      await cell.evaluate((el) => el.ownerDocument.defaultView!.getComputedStyle(el).textAlign),
    ).toBe('right');
    expect(await cell.getAttribute('title').catch(() => null)).toBeNull(); // the exact figure is the tooltip, on hover

    const header = page.locator('.ag-header-cell[col-id="bytesSent"] .ag-header-cell-label');
    await header.click();
    const sent = async () => (await shownRows(page)).map((row) => row.cells.bytesSent);
    // By value: "900 B" < "2.3 KB" < "… MB" (as text, "2.3 KB" would come first).
    await expect.poll(async () => (await sent()).slice(0, 2), WAIT).toEqual(['900 B', '2.3 KB']);
    expect((await sent())[2]).toMatch(/ MB$/);
    await header.click();
    await expect.poll(async () => (await sent()).slice(1), WAIT).toEqual(['2.3 KB', '900 B']);
  });

  it('shows live rates and the status bar totals', async () => {
    const { page } = light;
    const busy = ids()[2]!;
    await expect
      .poll(
        async () => (await shownRows(page)).find((row) => row.id === busy)?.cells.bytesSent ?? '',
        WAIT,
      )
      .toMatch(/^\d+(\.\d)? MB$/);
    await expect
      .poll(() => statusText(page, 'traffic'), WAIT)
      .toMatch(
        /^↑ [\d.]+ (KB|MB)\/s ↓ [\d.]+ (KB|MB)\/s · [\d.]+ (KB|MB|GB) sent, [\d.]+ (KB|MB|GB) received$/,
      );
  });

  it('draws process icons from main, and a placeholder where no process is known', async () => {
    const { page } = light;
    // The icon main gives for the client's executable (the desktop's icon for that file).
    const [given] = await light.api.getProcessIcons([client.pid]);
    expect(given?.icon).toMatch(/^data:image\/png;base64,/);
    const icon = page.locator(`.ag-row[row-id="${ids()[0]}"] [col-id="processName"] img`);
    await expect.poll(() => icon.getAttribute('src'), WAIT).toBe(given!.icon);
    // A connection the client closes first stays a while in TIME_WAIT, with no process.
    const extra = await client.connectTcp('127.0.0.1', listener.port);
    await client.close(extra.handle);
    const closing = connectionRowId('127.0.0.1', extra.localPort, '127.0.0.1', listener.port);
    await setFilter(page, `lport:${extra.localPort}`);
    const placeholder = page.locator(`.ag-row[row-id="${closing}"] [col-id="processName"]`);
    await expect
      .poll(() => placeholder.textContent().catch(() => ''), WAIT)
      .toBe('closed (no process)');
    expect(await placeholder.locator('img').count()).toBe(0);

    // Sorted by Process either way, rows without a process come last, not first.
    await setFilter(page, `pid:${client.pid} OR lport:${extra.localPort}`);
    await expect.poll(async () => (await shownRows(page)).length, WAIT).toBe(4);
    const header = page.locator('.ag-header-cell[col-id="processName"] .ag-header-cell-label');
    for (const direction of ['ascending', 'descending']) {
      await header.click();
      expect(await page.getAttribute('.ag-header-cell[col-id="processName"]', 'aria-sort')).toBe(
        direction,
      );
      expect((await shownRows(page)).at(-1)?.id).toBe(closing);
    }
    await header.click(); // unsorted again
  });

  it("Processes view: a process's totals are the sum of its rows", async () => {
    const { page, api } = light;
    await setFilter(page, '');
    await page.click('button[data-action="pause"]');
    await expect.poll(() => statusText(page, 'poll'), WAIT).toMatch(/^Paused/);
    try {
      const { connections: rows } = decodeSnapshot(await api.getSnapshot());
      const own = rows.filter((row) => row.pid === client.pid);
      const sum = (pick: (row: (typeof own)[number]) => number | null) =>
        own.reduce((total, row) => total + (pick(row) ?? 0), 0);
      await page.click('button[data-view="processes"]');
      const row = page.locator(
        `.processes-view .ag-row:has(.ag-cell[col-id="pid"]:text-is("${client.pid}"))`,
      );
      await expect.poll(() => row.count(), WAIT).toBe(1);
      const cell = (col: string) => row.locator(`.ag-cell[col-id="${col}"]`).textContent();
      expect(await cell('bytesSent')).toBe(formatBytes(sum((r) => r.bytesSent)));
      expect(await cell('bytesReceived')).toBe(formatBytes(sum((r) => r.bytesReceived)));
      expect(await cell('connections')).toBe(String(own.length));
      expect(await cell('remoteHosts')).toBe('1');
      await shoot(page, 'ux-processes-traffic-light');
    } finally {
      await page.click('button[data-view="connections"]');
      await page.click('button[data-action="pause"]');
    }
    await expect.poll(() => statusText(page, 'poll'), WAIT).toMatch(/^Last poll/);
  });

  it("Properties charts the connection's and its process's rates over the last minute", async () => {
    const { page } = light;
    await setFilter(page, `pid:${client.pid}`);
    const busy = ids()[2]!;
    await page.dblclick(`.ag-row[row-id="${busy}"] .ag-cell[col-id="localPort"]`);
    const panel = page.locator('[role="dialog"][aria-label="Properties"]');
    const connectionChart = panel.locator('[data-chart="This connection"]');
    const processChart = panel.locator('figure.ps-rate-chart').nth(1);
    // Steps that climb to a rate well above the idle line: the path has vertical segments.
    await expect
      .poll(
        () =>
          connectionChart
            .locator('.ps-chart-send')
            .getAttribute('d')
            .catch(() => ''),
        WAIT,
      )
      .toMatch(/V/);
    expect(await processChart.locator('.ps-chart-send').getAttribute('d')).toMatch(/V/);
    expect(await connectionChart.locator('figcaption').textContent()).toMatch(
      /↑ [\d.]+ (KB|MB)\/s/,
    );
    expect(await processChart.locator('figcaption').textContent()).toContain(tag);
    await shoot(page, 'ux-properties-light');
    await page.keyboard.press('Escape');
  });

  it('takes the README pictures, light and dark', async () => {
    const rowsToShow = `pid:${client.pid} OR pid:${server.pid}`;
    for (const portscope of [light, await openPage('dark')]) {
      const { page } = portscope;
      const mode = portscope === light ? 'light' : 'dark';
      await setFilter(page, rowsToShow);
      const flagged = listenerRowId('tcp', '127.0.0.1', listener.port);
      await expect
        .poll(
          async () =>
            (await shownRows(page)).some((r) => r.id === flagged && r.cells.suspicion !== ''),
          WAIT,
        )
        .toBe(true);
      await expect.poll(() => statusText(page, 'traffic'), WAIT).toMatch(/↑/);
      // The busy connection selected, the flagged listener tinted beside it.
      await page.click(`.ag-row[row-id="${ids()[2]}"] .ag-cell[col-id="localPort"]`);
      await page.mouse.move(1270, 795);
      await shoot(page, `docs-window-${mode}`);
      await page.click('button[data-view="processes"]');
      await expect
        .poll(() => page.locator('.processes-view .ag-row').count(), WAIT)
        .toBeGreaterThan(1);
      await shoot(page, `docs-processes-${mode}`);
      await page.click('button[data-view="connections"]');
      await page.dblclick(`.ag-row[row-id="${ids()[2]}"] .ag-cell[col-id="localPort"]`);
      await expect
        .poll(() => page.locator('[data-chart="This connection"] .ps-chart-send').count(), WAIT)
        .toBe(1);
      await shoot(page, `docs-properties-${mode}`);
      await page.keyboard.press('Escape');
      await page.click('.ps-legend > button');
      await shoot(page, `ux-legend-${mode}`);
      await page.keyboard.press('Escape');
      expect(portscope.pageErrors).toEqual([]);
      if (portscope !== light) await portscope.close();
    }
  });
});

// End to end, the whole app: right-click → Whois on the test's own row (a UDP socket connected to
// 8.8.8.8:53 — connect() on UDP sends nothing) opens the panel with the answer of a whois server
// on 127.0.0.1 that the lookup settings point at. The person chooses "Whois Remote Address" in the
// native menu.
//
// Runs once the window installs the whois feature (installWhois() from
// renderer/src/features/whois, called at start-up next to installRowActions()).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultLookupSettings } from '../../shared/whois/lookup-settings';
import { openPortscopePage, type PortscopePage } from '../support/portscope-app';
import { startFakeWhoisServer, type FakeWhoisServer } from '../support/fake-whois-server';
import { spawnSocketChild, stopAllSocketChildren } from '../support/socket-child';
import { setFilter } from './grid-page';

const wired = readFileSync(path.join(__dirname, '../../renderer/src/row-actions.ts'), 'utf8')
  .concat(readFileSync(path.join(__dirname, '../../renderer/src/main.tsx'), 'utf8'))
  .includes('installWhois');

const WAIT = { timeout: 15_000, interval: 100 };
let portscope: PortscopePage | undefined;
let whois: FakeWhoisServer | undefined;

describe.skipIf(!wired)('whois in Chromium', () => {
  beforeAll(async () => {
    const text = readFileSync(path.join(__dirname, '../fixtures/whois/arin-8.8.8.8.txt'), 'utf8');
    whois = await startFakeWhoisServer({ kind: 'answer', reply: () => text });
    portscope = await openPortscopePage({
      settings: {
        poll: { intervalMs: 500, paused: false },
        lookup: {
          ...defaultLookupSettings,
          resolveHostNames: false, // no PTR queries to the machine's resolver
          rdapEnabled: false,
          rdapBootstrapRefreshUrl: '',
          whoisServer: whois.address,
          perServerIntervalMs: 0,
        },
      },
      viewport: { width: 1500, height: 900 },
    });
  }, 120_000);

  afterAll(async () => {
    await portscope?.close();
    await whois?.close();
    await stopAllSocketChildren();
  });

  it('right-click → Whois opens the panel with the loopback server’s answer', async () => {
    const { page, api, menus } = portscope!;
    const child = await spawnSocketChild({ title: `pswhois${process.pid}` });
    const socket = await child.bindUdp('0.0.0.0');
    await child.connectUdp(socket.handle, '8.8.8.8', 53);
    await setFilter(page, readFileSync(`/proc/${child.pid}/comm`, 'utf8').trim());

    // The row id from main's table (the same id the grid rows carry as row-id).
    let rowId = '';
    await expect
      .poll(async () => {
        const rows = (await api.getSnapshot()).connections;
        rowId = rows.find((r) => r.pid === child.pid)?.id ?? '';
        return rowId;
      }, WAIT)
      .toMatch(/^udp\|4\|.*\|8\.8\.8\.8:53$/);
    await page.locator(`.ag-row[row-id="${rowId}"]`).first().waitFor({ timeout: 15_000 });
    menus.answerRowMenu('Whois Remote Address');
    await page.click(`.ag-row[row-id="${rowId}"] .ag-cell[col-id="remoteAddress"]`, {
      button: 'right',
    });

    const panel = page.getByRole('dialog', { name: 'Whois 8.8.8.8' });
    await panel.waitFor({ timeout: 15_000 });
    await expect
      .poll(() => panel.locator('tr[data-field="Organisation"] .whois-value').textContent(), WAIT)
      .toBe('Google LLC');
    expect(await panel.locator('tr[data-field="Network"] .whois-value').textContent()).toBe(
      'LVLT-GOGL-8-8-8',
    );
    expect(await panel.locator('tr[data-field="Abuse contact"] .whois-value').textContent()).toBe(
      'network-abuse@google.com',
    );
    expect(await panel.locator('pre.whois-raw').textContent()).toContain('NetRange:       8.8.8.0');
    expect(whois!.queries).toEqual(['8.8.8.8']);
    await page.keyboard.press('Escape');
    await expect.poll(() => panel.count(), WAIT).toBe(0);
    expect(portscope!.pageErrors).toEqual([]);
  });
});

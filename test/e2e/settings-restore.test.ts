// Settings persist across runs: the app started with a saved settings.json (in its userData
// folder) shows the saved filter, toggles, column sort and hidden columns.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openPortscopePage, type PortscopePage } from '../support/portscope-app';
import { spawnSocketChild, stopAllSocketChildren, type SocketChild } from '../support/socket-child';
import { shownRows } from './grid-page';

let portscope: PortscopePage;
let child: SocketChild;
const ports: number[] = [];

beforeAll(async () => {
  child = await spawnSocketChild({ title: 'psrestore' });
  for (let i = 0; i < 3; i++) ports.push((await child.listenTcp('127.0.0.1')).port);
  await child.bindUdp('127.0.0.1');
  portscope = await openPortscopePage({
    settings: {
      poll: { intervalMs: 2000, paused: false },
      view: {
        tcp: true,
        udp: false,
        ipv4: true,
        ipv6: true,
        listening: true,
        filter: `pid:${child.pid}`,
      },
      grid: {
        columns: [
          { colId: 'localPort', sort: 'desc', sortIndex: 0 },
          { colId: 'commandLine', hide: true },
        ],
      },
    },
  });
}, 180_000);

afterAll(async () => {
  await portscope?.close();
  await stopAllSocketChildren();
});

it('opens with the saved filter, toggles, sort and hidden columns', async () => {
  const { page } = portscope;
  expect(await page.inputValue('input[aria-label="Filter"]')).toBe(`pid:${child.pid}`);
  expect(await page.getAttribute('button[data-toggle="udp"]', 'aria-pressed')).toBe('false');
  expect(await page.textContent('select[aria-label="Refresh interval"] option:checked')).toBe(
    '2 s',
  );
  expect(await page.getAttribute('.ag-header-cell[col-id="localPort"]', 'aria-sort')).toBe(
    'descending',
  );
  expect(await page.$('.ag-header-cell[col-id="commandLine"]')).toBeNull();

  // Only the three TCP listeners (UDP is off), largest port first.
  const rows = await shownRows(page);
  expect(rows.map((row) => Number(row.cells.localPort))).toEqual([...ports].sort((a, b) => b - a));
});

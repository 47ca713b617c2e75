// End to end: a real listener this test starts from /dev/shm is judged by the real backend, and
// the built renderer in Chromium shows the verdict in its row: the Why cell names the reason and
// is coloured by severity. Only the process this test started is touched.
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPortscopePage, type PortscopePage } from '../support/bridge';
import {
  buildTinyListener,
  startTinyListener,
  stopTinyListeners,
  type TinyListener,
} from '../support/tiny-listener';
import { listenerRowId, setFilter, statusText } from './grid-page';

const WAIT = { timeout: 15_000, interval: 100 };

let portscope: PortscopePage;
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
});

afterAll(async () => {
  await portscope?.close();
  await stopTinyListeners();
  await rm(shmDir, { recursive: true, force: true });
  await cleanupBinary?.();
});

describe('suspicious rows in Chromium', () => {
  it("shows the flagged row's reason in its Why cell, coloured by severity", async () => {
    const { page } = portscope;
    // The table has arrived once the status bar counts it.
    await expect.poll(() => statusText(page, 'protocols'), WAIT).toMatch(/^TCP \d+ · UDP \d+$/);
    await setFilter(page, `pid:${listener.pid}`);
    const id = listenerRowId('tcp', '127.0.0.1', listener.port);
    // Read the DOM directly (the row's own id), as a person sees it.
    const rowSelector = `.ag-row[row-id="${id}"]`;
    const whyText = () => page.locator(`${rowSelector} [col-id="suspicion"]`).first().textContent();
    await expect
      .poll(whyText, WAIT)
      .toBe(`e2e-dropper runs from ${shmDir}/, a temporary directory`);
    const whyClass = await page
      .locator(`${rowSelector} [col-id="suspicion"]`)
      .first()
      .getAttribute('class');
    expect(whyClass).toContain('ps-severity-warning');
    // Only our row passes the filter, and it is the flagged one.
    expect(await statusText(page, 'shown')).toMatch(/^Showing 1 of \d+/);
    expect(portscope.pageErrors).toEqual([]);
  });

  // Needs the renderer owner to wire suspicionRowClassRules and SuspiciousOnlyToggle into the
  // grid and toolbar (see the rules report); then: row has ps-suspicion-warning, and with the
  // filter cleared and the toggle on, every shown row has a non-empty Why cell.
  it.todo('tints the flagged row and "suspicious only" shows only flagged rows');
});

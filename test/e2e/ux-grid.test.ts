// The window as a TCPView user meets it (issue 14), in Chromium at 1280×800 over the real backend,
// with sockets and processes this test starts (and only those are closed or killed): the default
// columns fit; a suspicious tint is the same on even and odd rows and differs from selection and
// hover; keys move focus and selection together and Delete, Ctrl+K and Enter act on the focused
// row; rows the filter hides leave the selection; counts carry thousands separators and never
// exceed the total; the filter's error does not move the table; the column chooser closes on
// Escape and on a click elsewhere; an empty result says why; Pause keeps its place; new rows land
// on top; hidden characters in a name are shown and marked; Preferences; the Processes view.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DARK, LIGHT } from '../../renderer/src/theme/palette';
import { defaultSettings } from '../../shared/settings';
import { openPortscopePage, type PortscopePage } from '../support/portscope-app';
import { colorDifference, parseColor } from '../support/color-difference';
import { spawnSocketChild, stopAllSocketChildren, type SocketChild } from '../support/socket-child';
import { connectionRowId, listenerRowId, setFilter, shownRows, statusText } from './grid-page';
import { box, rgbText, rowLook, seenColor, shoot } from './ux-page';

const WAIT = { timeout: 20_000, interval: 100 };
const tag = `psux${process.pid}`;

let portscope: PortscopePage;
let server: SocketChild;
let listeners: { handle: string; port: number }[];

async function sortBy(page: PortscopePage['page'], column: string, times = 1): Promise<void> {
  const label = page.locator(`.ag-header-cell[col-id="${column}"] .ag-header-cell-label`);
  for (let i = 0; i < times; i++) await label.click();
}

/** Rows drawn as selected (AG Grid updates the classes on its next frame: poll, do not read once). */
async function selectedIds(page: PortscopePage['page']): Promise<string[]> {
  return page.$$eval('.ag-row.ag-row-selected[row-id]', (rows) =>
    [...new Set(rows.map((row) => row.getAttribute('row-id') ?? ''))].sort(),
  );
}

async function focusedRowIndex(page: PortscopePage['page']): Promise<number | null> {
  const index = await page
    .locator('.ag-cell-focus')
    .first()
    .evaluate((cell) => cell.closest('.ag-row')?.getAttribute('row-index') ?? null)
    .catch(() => null);
  return index === null ? null : Number(index);
}

beforeAll(async () => {
  server = await spawnSocketChild({ title: tag });
  listeners = [];
  for (let i = 0; i < 4; i++) listeners.push(await server.listenTcp('127.0.0.1'));
  listeners.sort((a, b) => a.port - b.port);
  const rules = defaultSettings.rules;
  portscope = await openPortscopePage({
    settings: {
      poll: { intervalMs: 500, paused: false },
      // The first two listeners count as backdoor ports, for this app's settings only.
      rules: {
        ...rules,
        backdoorPorts: [...rules.backdoorPorts, listeners[0]!.port, listeners[1]!.port],
      },
    },
    viewport: { width: 1280, height: 800 },
    colorScheme: 'light',
  });
}, 180_000);

afterAll(async () => {
  await portscope?.close();
  await stopAllSocketChildren();
});

describe('the window at 1280×800', { timeout: 60_000 }, () => {
  it('shows every default column whole, Process and PID pinned first, no sideways scrolling', async () => {
    const { page } = portscope;
    const headers = await page.$$eval('.ag-header-row-column .ag-header-cell[col-id]', (cells) =>
      cells.map((cell) => {
        const rect = cell.getBoundingClientRect();
        const text = cell.querySelector('.ag-header-cell-text');
        return {
          id: cell.getAttribute('col-id'),
          right: rect.right,
          width: rect.width,
          pinned: cell.closest('.ag-grid-pinned-left-cells') !== null,
          truncated: text ? text.scrollWidth > text.clientWidth : false,
        };
      }),
    );
    expect(headers.length).toBe(12);
    expect(headers.filter((h) => h.pinned).map((h) => h.id)).toEqual(['processName', 'pid']);
    expect(headers.map((h) => h.id)).toContain('suspicion');
    const grid = await box(page, '.ag-root-wrapper');
    for (const header of headers) {
      expect(header.right, `${header.id} ends inside the grid`).toBeLessThanOrEqual(
        grid.x + grid.width,
      );
      expect(header.truncated, `${header.id} header reads in full`).toBe(false);
    }
    const scroll = await page.$eval('.ag-grid-viewport', (viewport) => ({
      scrollWidth: viewport.scrollWidth,
      clientWidth: viewport.clientWidth,
    }));
    expect(scroll.scrollWidth).toBeLessThanOrEqual(scroll.clientWidth);
  });

  it('tints suspicious rows the same on even and odd rows, apart from selection and hover', async () => {
    const { page } = portscope;
    await setFilter(page, `pid:${server.pid}`);
    await sortBy(page, 'localPort');
    const ids = listeners.map((l) => listenerRowId('tcp', '127.0.0.1', l.port));
    await expect.poll(async () => (await shownRows(page)).map((row) => row.id), WAIT).toEqual(ids);
    // Wait for the green "new" marks to fade: the lasting tint is what is compared.
    await expect
      .poll(async () => (await shownRows(page)).some((row) => row.mark !== null), WAIT)
      .toBe(false);
    await page.mouse.move(1270, 790); // not over a row
    const [even, odd, plainEven, plainOdd] = await Promise.all(ids.map((id) => rowLook(page, id)));
    expect(even!.classes).toContain('ag-row-even');
    expect(odd!.classes).toContain('ag-row-odd');
    expect(even!.classes).toContain('ps-suspicion-warning');
    // The same tint on both, and it is the palette's warning tint (odd-row shading does not win).
    expect(even!.background).toBe(odd!.background);
    expect(colorDifference(even!.background, LIGHT.severity.warning)).toBeLessThan(1);
    expect(colorDifference(even!.background, plainEven!.background)).toBeGreaterThan(10);
    // Clean rows keep the faint odd/even shading.
    expect(plainOdd!.background).not.toBe(plainEven!.background);

    // Selected: the selection colour, not a mix with the tint; the severity stripe stays.
    await page.click(`.ag-row[row-id="${ids[0]}"] .ag-cell[col-id="localPort"]`);
    await page.mouse.move(1270, 790);
    const selected = seenColor((await rowLook(page, ids[0]!))!);
    expect(colorDifference(rgbText(selected), LIGHT.selection)).toBeLessThan(1);
    expect(colorDifference(rgbText(selected), even!.background)).toBeGreaterThan(10);
    expect((await rowLook(page, ids[0]!))!.firstCellShadow).toContain(
      rgbText(parseColor(LIGHT.severityEdge.warning)),
    );

    // Hovered (not selected): a shade over the tint, unlike both the tint and the selection.
    await page.hover(`.ag-row[row-id="${ids[1]}"] .ag-cell[col-id="state"]`);
    await expect
      .poll(async () => (await rowLook(page, ids[1]!))!.classes, WAIT)
      .toContain('ag-row-hover');
    const hovered = seenColor((await rowLook(page, ids[1]!))!);
    expect(colorDifference(rgbText(hovered), odd!.background)).toBeGreaterThan(2);
    expect(colorDifference(rgbText(hovered), rgbText(selected))).toBeGreaterThan(10);
    await shoot(page, 'ux-grid-tint-selection-hover');
  });

  it('moves focus and selection together; Enter, Delete and Ctrl+K act on the focused row', async () => {
    const { page, dialogs } = portscope;
    const client = await spawnSocketChild({ title: `${tag}c` });
    const target = listeners[2]!;
    const connections = [];
    for (let i = 0; i < 3; i++) connections.push(await client.connectTcp('127.0.0.1', target.port));
    const accepted = await server.waitForAccepted(target.handle, 3);
    connections.sort((a, b) => a.localPort - b.localPort);
    const ids = connections.map((c) =>
      connectionRowId('127.0.0.1', c.localPort, '127.0.0.1', target.port),
    );
    await setFilter(page, `pid:${client.pid}`);
    await expect.poll(async () => (await shownRows(page)).length, WAIT).toBe(3);
    // Sorted by local port (whatever an earlier test left), so the order is known.
    const sortState = () => page.getAttribute('.ag-header-cell[col-id="localPort"]', 'aria-sort');
    while ((await sortState()) !== 'ascending') await sortBy(page, 'localPort');
    await expect.poll(async () => (await shownRows(page)).map((row) => row.id), WAIT).toEqual(ids);

    // Click the first row, then ArrowDown twice: the third row is focused and the only selected.
    await page.click(`.ag-row[row-id="${ids[0]}"] .ag-cell[col-id="localPort"]`);
    await expect.poll(() => focusedRowIndex(page), WAIT).toBe(0);
    await expect.poll(() => selectedIds(page), WAIT).toEqual([ids[0]]);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => selectedIds(page), WAIT).toEqual([ids[2]]);
    await expect.poll(() => focusedRowIndex(page), WAIT).toBe(2);
    await expect.poll(() => statusText(page, 'shown'), WAIT).toMatch(/· 1 selected$/);

    // Enter: Properties of the focused row.
    await page.keyboard.press('Enter');
    const panel = page.locator('[role="dialog"][aria-label="Properties"]');
    await expect
      .poll(() => panel.locator('tr', { hasText: 'Local Port' }).first().textContent(), WAIT)
      .toContain(String(connections[2]!.localPort));
    await page.keyboard.press('Escape');
    await expect.poll(() => panel.count(), WAIT).toBe(0);

    // Shift+ArrowUp extends from the focused row; Home and End go to the first and last row.
    await page.keyboard.press('Shift+ArrowUp');
    await expect.poll(() => selectedIds(page), WAIT).toEqual([ids[1], ids[2]].sort());
    await page.keyboard.press('Home');
    await expect.poll(() => selectedIds(page), WAIT).toEqual([ids[0]]);
    await page.keyboard.press('End');
    await expect.poll(() => selectedIds(page), WAIT).toEqual([ids[2]]);
    await page.keyboard.press('Control+a');
    await expect.poll(() => selectedIds(page), WAIT).toEqual([...ids].sort());
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => selectedIds(page), WAIT).toEqual([ids[1]]);

    // Delete closes the focused connection, and only it: its peer (this test's server) sees a
    // reset; the other two stay open.
    const peerOf = (localPort: number) => accepted.find((a) => a.remotePort === localPort)!;
    dialogs.answerConfirm({ confirmed: true });
    await page.keyboard.press('Delete');
    expect((await server.waitForEnd(peerOf(connections[1]!.localPort).handle)).code).toBe(
      'ECONNRESET',
    );
    expect(
      dialogs.confirmRequests.at(-1)?.detail ?? dialogs.confirmRequests.at(-1)?.message,
    ).toContain(String(connections[1]!.localPort));
    await expect
      .poll(async () => (await shownRows(page)).map((row) => row.id), WAIT)
      .toEqual([ids[0], ids[2]]);
    expect(client.alive).toBe(true);

    // Ctrl+K on the focused row ends its process (the client child, started by this test).
    await page.click(`.ag-row[row-id="${ids[2]}"] .ag-cell[col-id="localPort"]`);
    dialogs.answerConfirm({ confirmed: true });
    await page.keyboard.press('Control+k');
    expect(await client.exited).toMatchObject({ signal: 'SIGTERM' });
    expect(dialogs.confirmRequests.at(-1)?.message).toContain(`pid ${client.pid}`);
    expect(server.alive).toBe(true);
  });

  it('lets go of selected rows the filter hides', async () => {
    const { page } = portscope;
    await setFilter(page, `pid:${server.pid}`);
    const id = listenerRowId('tcp', '127.0.0.1', listeners[3]!.port);
    await page.click(`.ag-row[row-id="${id}"] .ag-cell[col-id="localPort"]`);
    await expect.poll(() => statusText(page, 'shown'), WAIT).toMatch(/1 selected$/);
    await setFilter(page, `pid:${server.pid} -lport:${listeners[3]!.port}`);
    await expect.poll(() => statusText(page, 'shown'), WAIT).toMatch(/^Showing [\d,]+ of [\d,]+$/);
    await expect.poll(() => selectedIds(page), WAIT).toEqual([]);
  });

  it('counts with thousands separators, and never shows more than the total', async () => {
    const { page } = portscope;
    const many = await spawnSocketChild({ title: `${tag}u` });
    const sockets = await Promise.all(
      Array.from({ length: 1100 }, () => many.bindUdp('127.0.0.1')),
    );
    await setFilter(page, `pid:${many.pid}`);
    await expect
      .poll(() => statusText(page, 'shown'), WAIT)
      .toMatch(/^Showing 1,100 of \d{1,3}(,\d{3})+$/);
    await expect
      .poll(() => statusText(page, 'protocols'), WAIT)
      .toMatch(/^TCP [\d,]+ · UDP \d{1,3}(,\d{3})+$/);
    await shoot(page, 'ux-grid-counts');

    // Close 150: their rows stay a moment, red, and are no longer counted as shown.
    await Promise.all(sockets.slice(0, 150).map((socket) => many.close(socket.handle)));
    await expect
      .poll(async () => (await shownRows(page)).some((row) => row.mark === 'removed'), WAIT)
      .toBe(true);
    const text = await statusText(page, 'shown');
    const [shown, total] = (/^Showing ([\d,]+) of ([\d,]+)/.exec(text) ?? [])
      .slice(1)
      .map((n) => Number(n.replace(/,/g, '')));
    expect(shown).toBe(950);
    expect(shown!).toBeLessThanOrEqual(total!);
    many.kill();
  });

  it('shows a filter error beside the box without moving the table, naming only the bad term', async () => {
    const { page } = portscope;
    await setFilter(page, `pid:${server.pid}`);
    await expect.poll(async () => (await shownRows(page)).length, WAIT).toBeGreaterThan(0);
    const before = await box(page, '.ag-root-wrapper');
    await setFilter(page, `pid:${server.pid} port:80x`);
    await expect.poll(() => page.isVisible('#filter-error'), WAIT).toBe(true);
    const after = await box(page, '.ag-root-wrapper');
    expect(after).toEqual(before);
    const message = (await page.textContent('#filter-error')) ?? '';
    expect(message).toContain('"80x" is not a port');
    expect(message).not.toContain(`pid:${server.pid}`);
    await shoot(page, 'ux-grid-filter-error');
    await setFilter(page, `pid:${server.pid} port:https`);
    await expect.poll(() => page.isVisible('#filter-error'), WAIT).toBe(false);
  });

  it('says why the table is empty and offers the way back', async () => {
    const { page } = portscope;
    await setFilter(page, `zz-no-such-thing-${tag}`);
    const empty = page.locator('.ps-empty-table');
    await expect
      .poll(() => empty.textContent().catch(() => ''), WAIT)
      .toContain(`the filter “zz-no-such-thing-${tag}”`);
    await shoot(page, 'ux-grid-empty');
    await empty.locator('button', { hasText: 'Clear filter' }).click();
    expect(await page.inputValue('input[aria-label="Filter"]')).toBe('');
    await expect.poll(() => empty.count(), WAIT).toBe(0);
  });

  it('opens the column chooser with checkboxes beside their labels; Escape or a click elsewhere closes it', async () => {
    const { page } = portscope;
    const button = page.locator('.column-chooser > button');
    const panel = page.locator('[role="dialog"][aria-label="Columns"]');
    await button.click();
    await expect.poll(() => panel.isVisible(), WAIT).toBe(true);
    const layout = await panel.locator('label[data-column="remoteHostName"]').evaluate((label) => {
      const input = label.querySelector('input')!.getBoundingClientRect();
      const text = label.querySelector('span')!.getBoundingClientRect();
      return {
        inputRight: input.right,
        textLeft: text.left,
        inputTop: input.top,
        textTop: text.top,
      };
    });
    expect(layout.inputRight).toBeLessThanOrEqual(layout.textLeft);
    expect(Math.abs(layout.inputTop - layout.textTop)).toBeLessThan(8);
    // Not clipped: the whole panel is inside the window.
    const panelBox = await box(page, '[role="dialog"][aria-label="Columns"]');
    expect(panelBox.y + panelBox.height).toBeLessThanOrEqual(800);
    await shoot(page, 'ux-grid-column-chooser');
    await page.keyboard.press('Escape');
    await expect.poll(() => panel.count(), WAIT).toBe(0);
    expect(
      await button.evaluate((element) => element === element.ownerDocument.activeElement),
    ).toBe(true);
    await button.click();
    await expect.poll(() => panel.count(), WAIT).toBe(1);
    await page.mouse.click(640, 600);
    await expect.poll(() => panel.count(), WAIT).toBe(0);
  });

  it('keeps Pause in place when it becomes Resume, and says Paused plainly', async () => {
    const { page } = portscope;
    const pause = page.locator('button[data-action="pause"]');
    const refresh = await box(page, 'button[data-action="refresh"]');
    const before = await box(page, 'button[data-action="pause"]');
    await pause.click();
    try {
      await expect.poll(() => statusText(page, 'poll'), WAIT).toMatch(/^Paused/);
      expect(await box(page, 'button[data-action="pause"]')).toEqual(before);
      expect(await box(page, 'button[data-action="refresh"]')).toEqual(refresh);
      expect(await page.getAttribute('[data-status="poll"]', 'class')).toContain('status-paused');
    } finally {
      // The tests after this one need live updates, whatever happened here.
      await pause.click();
    }
    await expect.poll(() => statusText(page, 'poll'), WAIT).toMatch(/^Last poll/);
  });

  it('puts new rows on top while the table is not sorted', async () => {
    const { page } = portscope;
    await page.click('.column-chooser > button');
    await page.click('[data-action="reset-columns"]');
    await page.keyboard.press('Escape');
    await setFilter(page, `pid:${server.pid}`);
    await expect.poll(async () => (await shownRows(page)).length, WAIT).toBeGreaterThan(3);
    const fresh = await server.listenTcp('127.0.0.1');
    const id = listenerRowId('tcp', '127.0.0.1', fresh.port);
    await expect.poll(async () => (await shownRows(page))[0]?.id, WAIT).toBe(id);
    expect((await shownRows(page))[0]!.mark).toBe('new');
    await server.close(fresh.handle);
  });

  it('shows a text-direction override in a process name, marked, in the grid and in Properties', async () => {
    const { page } = portscope;
    // U+202E makes "ps‮gnp.exe" read as "psexe.png": shown as ⟦U+202E⟧ and marked instead.
    const disguised = await spawnSocketChild({ title: 'ps\u202Egnp.exe' });
    const listener = await disguised.listenTcp('127.0.0.1');
    const comm = readFileSync(`/proc/${disguised.pid}/comm`, 'utf8').trim();
    expect(comm).toContain('\u202E');
    await setFilter(page, `pid:${disguised.pid}`);
    const id = listenerRowId('tcp', '127.0.0.1', listener.port);
    const name = page.locator(`.ag-row[row-id="${id}"] [col-id="processName"] .ps-hidden-controls`);
    await expect.poll(() => name.textContent().catch(() => null), WAIT).toBe('ps⟦U+202E⟧gnp.exe');
    expect(await name.getAttribute('title')).toMatch(/hidden control or text-direction/);
    await shoot(page, 'ux-grid-bidi');
    await page.dblclick(`.ag-row[row-id="${id}"] .ag-cell[col-id="localPort"]`);
    const panel = page.locator('[role="dialog"][aria-label="Properties"]');
    const processLine = panel.locator('tr', { hasText: /^Process/ }).first();
    await expect
      .poll(
        () =>
          processLine
            .locator('.ps-hidden-controls')
            .textContent()
            .catch(() => null),
        WAIT,
      )
      .toBe('ps⟦U+202E⟧gnp.exe');
    await page.keyboard.press('Escape');
    disguised.kill();
  });

  it('Preferences: theme, what name resolution sends where, main-owned switches through dialogs, rules for this system', async () => {
    const { page, dialogs, settings } = portscope;
    await portscope.app.command({ command: 'clickAppMenu', path: ['File', 'Preferences…'] });
    const sheet = page.locator('[role="dialog"][aria-label="Preferences"]');
    await expect.poll(() => sheet.isVisible(), WAIT).toBe(true);

    // The theme: one palette for everything, saved.
    await sheet.locator('input[name="pref-theme"][value="dark"]').check();
    expect(await page.getAttribute('body', 'data-ag-theme-mode')).toBe('dark');
    expect(
      await page.$eval('html', (html) =>
        html.ownerDocument.defaultView!.getComputedStyle(html).getPropertyValue('--ps-bg').trim(),
      ),
    ).toBe(DARK.background);
    await expect.poll(async () => (await settings.get()).ui.theme, WAIT).toBe('dark');
    await shoot(page, 'ux-preferences-dark');
    await sheet.locator('input[name="pref-theme"][value="system"]').check();
    expect(await page.getAttribute('body', 'data-ag-theme-mode')).toBe('light');

    // Name resolution says what it sends where.
    const resolve = sheet.locator('[data-setting="resolveHostNames"]');
    expect(await resolve.textContent()).toMatch(/sent to the system's DNS servers.*no DNS query/s);

    // Asking before ending processes is main's: turning it off is confirmed in main's dialog.
    // (The box shows main's answer: clicking it asks, main decides, the box follows.)
    const askKill = sheet.locator('[data-setting="askBeforeKill"] input');
    dialogs.answerConfirm({ confirmed: false });
    await askKill.click();
    await expect.poll(() => dialogs.confirmRequests.at(-1)?.title, WAIT).toBe('Stop asking');
    await expect.poll(() => askKill.isChecked(), WAIT).toBe(true);
    expect((await settings.get()).actions.askBeforeKill).toBe(true);
    dialogs.answerConfirm({ confirmed: true });
    await askKill.click();
    await expect.poll(async () => (await settings.get()).actions.askBeforeKill, WAIT).toBe(false);
    await expect.poll(() => askKill.isChecked(), WAIT).toBe(false);
    const asked = dialogs.confirmRequests.length;
    await askKill.click();
    await expect.poll(async () => (await settings.get()).actions.askBeforeKill, WAIT).toBe(true);
    expect(dialogs.confirmRequests.length).toBe(asked); // asking again needs no dialog

    // Rules: only those that apply on this system are listed.
    const info = await portscope.api.getRulesInfo();
    for (const rule of info.rules) {
      expect(await sheet.locator(`[data-rule="${rule.id}"]`).count(), rule.id).toBe(
        rule.appliesHere ? 1 : 0,
      );
    }

    // The header stays while the sections scroll.
    const header = await box(page, '.preferences-sheet > .ps-modal-header');
    await sheet.locator('.ps-pref-body').evaluate((body) => body.scrollTo(0, body.scrollHeight));
    expect(await box(page, '.preferences-sheet > .ps-modal-header')).toEqual(header);
    await shoot(page, 'ux-preferences-scrolled');
    await page.keyboard.press('Escape');
    await expect.poll(() => sheet.count(), WAIT).toBe(0);
  });

  it('Processes view: one row per process with its counts; a click shows its connections', async () => {
    const { page } = portscope;
    await setFilter(page, '');
    await page.click('button[data-view="processes"]');
    const row = page.locator('.processes-view .ag-row', { hasText: tag }).first();
    await expect.poll(() => row.count(), WAIT).toBe(1);
    const cells = async () =>
      row.evaluate((element) =>
        Object.fromEntries(
          [...element.querySelectorAll('.ag-cell[col-id]')].map((cell) => [
            cell.getAttribute('col-id'),
            (cell.textContent ?? '').trim(),
          ]),
        ),
      );
    // The server: four listeners and three accepted connections from this test's client, one of
    // them closed by Delete and the other two reset when the client was killed.
    await expect.poll(async () => (await cells()).listeners, WAIT).toBe('4');
    expect((await cells()).pid).toBe(String(server.pid));
    expect((await cells()).suspicion).toMatch(/Listens on port/);
    await shoot(page, 'ux-processes-light');
    await row.locator('.ag-cell[col-id="connections"]').click();
    await expect
      .poll(() => page.inputValue('input[aria-label="Filter"]'), WAIT)
      .toBe(`pid:${server.pid}`);
    expect(await page.getAttribute('button[data-view="connections"]', 'aria-pressed')).toBe('true');
    await expect
      .poll(
        async () => (await shownRows(page)).every((r) => r.cells.pid === String(server.pid)),
        WAIT,
      )
      .toBe(true);
    expect(portscope.pageErrors).toEqual([]);
  });
});

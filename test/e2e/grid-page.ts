// Reading and driving the grid in the page the way a person sees it: rows that are rendered, in
// display order, with their cells' text and their marks (CSS classes). Not a test file.
import type { Page } from 'playwright-core';
import { formatBytes } from '../../shared/units';

export interface ShownRow {
  id: string;
  rowIndex: number;
  mark: 'new' | 'changed' | 'removed' | null;
  cells: Record<string, string>;
}

/** The rendered rows in display order (the viewport must be tall enough for the rows asked about). */
export async function shownRows(page: Page): Promise<ShownRow[]> {
  // The test tsconfig has no DOM types: describe the little of an element this reads.
  interface PageElement {
    className: string;
    textContent: string | null;
    getAttribute(name: string): string | null;
    querySelectorAll(selector: string): ArrayLike<PageElement>;
  }
  return page.$$eval('.ag-grid-viewport .ag-row[row-id]', (found) =>
    (found as unknown as PageElement[])
      .map((element) => {
        const classes = element.className;
        const cells: Record<string, string> = {};
        for (const cell of Array.from(element.querySelectorAll('.ag-cell'))) {
          const colId = cell.getAttribute('col-id');
          if (colId) cells[colId] = (cell.textContent ?? '').trim();
        }
        const mark = classes.includes('ps-row-new')
          ? ('new' as const)
          : classes.includes('ps-row-changed')
            ? ('changed' as const)
            : classes.includes('ps-row-removed')
              ? ('removed' as const)
              : null;
        return {
          id: element.getAttribute('row-id') ?? '',
          rowIndex: Number(element.getAttribute('row-index')),
          mark,
          cells,
        };
      })
      .sort((a, b) => a.rowIndex - b.rowIndex),
  );
}

export async function shownRow(page: Page, id: string): Promise<ShownRow | undefined> {
  return (await shownRows(page)).find((row) => row.id === id);
}

export async function setFilter(page: Page, text: string): Promise<void> {
  await page.fill('input[aria-label="Filter"]', text);
}

export async function statusText(page: Page, item: string): Promise<string> {
  return (await page.textContent(`[data-status="${item}"]`)) ?? '';
}

interface PollRecorder {
  portscope: { onDelta(listener: (delta: { added: { id: string }[] }) => void): () => void };
  __polls?: number;
  __firstAdded?: Map<string, number>;
}

/**
 * Count the delta events the page receives from now on (one per poll), and remember in which of
 * them each row id was first added.
 */
export async function recordPolls(page: Page): Promise<void> {
  await page.evaluate(() => {
    const page = globalThis as unknown as PollRecorder;
    if (page.__polls !== undefined) return;
    page.__polls = 0;
    page.__firstAdded = new Map();
    page.portscope.onDelta((delta) => {
      page.__polls = (page.__polls ?? 0) + 1;
      for (const row of delta.added) {
        if (!page.__firstAdded!.has(row.id)) page.__firstAdded!.set(row.id, page.__polls);
      }
    });
  });
}

export async function pollsSeen(page: Page): Promise<number> {
  return page.evaluate(() => (globalThis as unknown as PollRecorder).__polls ?? 0);
}

/** The number of the poll (as counted by recordPolls) whose delta first added `id`; 0 if none. */
export async function pollOfFirstAdd(page: Page, id: string): Promise<number> {
  return page.evaluate(
    (rowId) => (globalThis as unknown as PollRecorder).__firstAdded?.get(rowId) ?? 0,
    id,
  );
}

/** The id Connection rows carry for a listener (see electron/core/row-identity.ts). */
export function listenerRowId(protocol: 'tcp' | 'udp', host: string, port: number): string {
  const family = host.includes(':') ? 6 : 4;
  const shown = host.includes(':') ? `[${host}]` : host;
  return `${protocol}|${family}|${shown}:${port}|*`;
}

export function connectionRowId(
  host: string,
  localPort: number,
  remoteHost: string,
  remotePort: number,
): string {
  const family = host.includes(':') ? 6 : 4;
  const wrap = (h: string) => (h.includes(':') ? `[${h}]` : h);
  return `tcp|${family}|${wrap(host)}:${localPort}|${wrap(remoteHost)}:${remotePort}`;
}

/**
 * The grid's text for a field as copied or exported: those carry traffic as exact byte counts
 * (shared/columns.ts), the grid shows them in human units.
 */
export function asShownInGrid(columnId: string, text: string): string {
  if (text === '' || (columnId !== 'bytesSent' && columnId !== 'bytesReceived')) return text;
  return formatBytes(Number(text));
}

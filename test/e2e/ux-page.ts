// Reading the window's look in the page for the UX tests: computed colours of a row as drawn
// (its background, and the grid's overlay for hover and selection), boxes of elements, and the
// screenshots the tests write for a person to look at. Not a test file.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { over, parseColor, type Rgba } from '../support/color-difference';

export const SCREENSHOT_DIR = fileURLToPath(new URL('../../.tmp/screenshots/', import.meta.url));
export const DOCS_DIR = fileURLToPath(new URL('../../docs/', import.meta.url));
/** README pictures are refreshed on request, as docs/screenshot.png is. */
export const UPDATE_DOCS = process.env.PORTSCOPE_UPDATE_SCREENSHOT === '1';

export async function shoot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  if (UPDATE_DOCS && name.startsWith('docs-')) {
    await mkdir(DOCS_DIR, { recursive: true });
    await page.screenshot({ path: path.join(DOCS_DIR, `${name.slice('docs-'.length)}.png`) });
  }
  return file;
}

export interface RowLook {
  /** The row element's own background (the tint, or the plain/odd row colour). */
  background: string;
  /** What the grid lays over the row's cells (hover, selection): colour and gradient image. */
  overlayColor: string;
  overlayImage: string;
  /** The first cell's box-shadow (the severity stripe). */
  firstCellShadow: string;
  classes: string;
}

/** How a rendered row is drawn now; null when it is not rendered. */
export async function rowLook(page: Page, id: string): Promise<RowLook | null> {
  return page.evaluate((rowId) => {
    interface El {
      className: string;
      querySelector(selector: string): El | null;
    }
    interface Doc {
      querySelector(selector: string): El | null;
    }
    interface Style {
      backgroundColor: string;
      backgroundImage: string;
      boxShadow: string;
    }
    const g = globalThis as unknown as {
      document: Doc;
      getComputedStyle(element: El, pseudo?: string): Style;
    };
    const row = g.document.querySelector(`.ag-row[row-id="${rowId}"]`);
    if (!row) return null;
    const cells = row.querySelector('.ag-grid-scrolling-cells');
    const before = cells ? g.getComputedStyle(cells, '::before') : null;
    const first = row.querySelector('.ag-cell.ag-column-first');
    return {
      background: g.getComputedStyle(row).backgroundColor,
      overlayColor: before?.backgroundColor ?? 'rgba(0, 0, 0, 0)',
      overlayImage: before?.backgroundImage ?? 'none',
      firstCellShadow: first ? g.getComputedStyle(first).boxShadow : 'none',
      classes: row.className,
    };
  }, id);
}

/** The colour a person sees in the row's cells: the background with the overlay laid on it. */
export function seenColor(look: RowLook): Rgba {
  let color = parseColor(look.background);
  const overlay = parseColor(look.overlayColor);
  if (overlay.a > 0) color = over(overlay, color);
  const gradient = /linear-gradient\((rgba?\([^)]*\))/.exec(look.overlayImage);
  if (gradient) color = over(parseColor(gradient[1]!), color);
  return color;
}

export function rgbText(color: Rgba): string {
  return `rgb(${color.r}, ${color.g}, ${color.b})`;
}

export async function box(page: Page, selector: string) {
  const found = await page.locator(selector).first().boundingBox();
  if (!found) throw new Error(`no box for ${selector}`);
  return found;
}

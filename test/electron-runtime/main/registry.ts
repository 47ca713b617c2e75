// Which stand-in object stands for which Chromium page (windows and web contents find each
// other here without importing each other's modules).
import type { Page } from 'playwright-core';
import type { BrowserWindowStandIn } from './browser-window';
import type { WebContentsStandIn } from './web-contents';

export const windows: BrowserWindowStandIn[] = [];
const contentsByPage = new WeakMap<Page, WebContentsStandIn>();

export function registerPage(page: Page, contents: WebContentsStandIn): void {
  contentsByPage.set(page, contents);
}

export function webContentsForPage(page: Page): WebContentsStandIn | undefined {
  return contentsByPage.get(page);
}

export function windowOfContents(contents: WebContentsStandIn): BrowserWindowStandIn | null {
  return windows.find((window) => window.webContents === contents) ?? null;
}

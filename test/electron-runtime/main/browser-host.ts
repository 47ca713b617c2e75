// The app's Chromium: one browser per app process, its profile in the app's sessionData folder
// (so it goes with the test's temporary folder, however the app ends), started when the app first
// waits for ready (Electron starts it unconditionally; an app that never waits, a CLI run, cannot
// tell). Every window is a page of its one browser context, whose every request goes through the
// session's route (session.ts). It also listens for DevTools on a loopback port, so the test can drive the
// same pages with its own Playwright connection (the endpoint goes to the test).
import { existsSync, rmSync } from 'node:fs';
import { mkdir, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { webContentsForPage } from './registry';
import { config, control, record } from './runtime';
import { routeRequest } from './session';

export interface BrowserHost {
  context: BrowserContext;
  wsEndpoint: string;
  version: string;
  close(): Promise<void>;
}

let starting: Promise<BrowserHost> | null = null;
let profileDir: string | null = null;
/** Where the browser keeps its profile: the app's sessionData, as Electron keeps it there. */
let profileParent = tmpdir();

/** Called by app.ts before the browser starts (sessionData may be moved until then). */
export function setProfileParent(folder: string): void {
  profileParent = folder;
}

export function browserHost(): Promise<BrowserHost> {
  starting ??= launch();
  return starting;
}

export function browserStarted(): boolean {
  return starting !== null;
}

async function devToolsEndpoint(profile: string): Promise<string> {
  const file = path.join(profile, 'DevToolsActivePort');
  for (let waited = 0; waited < 10_000; waited += 50) {
    if (existsSync(file)) {
      const [port, route] = (await readFile(file, 'utf8')).trim().split('\n');
      if (port && route) return `ws://127.0.0.1:${port}${route}`;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('Chromium did not open its DevTools port');
}

/** A page the app did not make is a popup of window.open (the handler decided in web-contents.ts). */
async function closePopup(page: Page): Promise<void> {
  if (webContentsForPage(page)) return;
  const opener = await page.opener().catch(() => null);
  if (!opener) return;
  record('popup.closed', { url: page.url() });
  await page.close().catch(() => undefined);
}

async function launch(): Promise<BrowserHost> {
  await mkdir(profileParent, { recursive: true });
  const profile = await mkdtemp(path.join(profileParent, 'StandInChromium-'));
  profileDir = profile;
  // Loaded only now: a CLI run or a second instance never needs it (and it costs a second of
  // start-up on a busy machine).
  const { chromium } = await import('playwright-core');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: config.chromium.executablePath,
    env: { ...process.env, ...config.chromium.env },
    args: [...config.chromium.args, ...config.chromiumArgs, '--remote-debugging-port=0'],
    headless: true,
    viewport: null,
  });
  const wsEndpoint = await devToolsEndpoint(profile);
  await context.route('**/*', (route) => routeRequest(route));
  context.on('page', (page) => void closePopup(page));
  // The persistent profile opens with a blank tab that is no window of the app; it is asked
  // for the browser's version first (process.versions.chrome).
  const blank = context.pages()[0] ?? (await context.newPage());
  const session = await context.newCDPSession(blank);
  const { product } = await session.send('Browser.getVersion');
  const version = /\/([\d.]+)/.exec(product)?.[1] ?? '';
  for (const page of context.pages()) await page.close();
  control.send({ type: 'browser', wsEndpoint });
  record('chromium.started', { version });
  return {
    context,
    wsEndpoint,
    version,
    async close() {
      await context.close().catch(() => undefined);
      removeProfile();
    },
  };
}

export function removeProfile(): void {
  if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  profileDir = null;
}

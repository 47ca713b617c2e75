// webContents: one real Chromium page (a Playwright page plus the stand-in's own DevTools
// session on it), with what Electron does around a page: the preload in an isolated world before
// any page script, IPC from that world to ipcMain with the real sending frame, webContents.send
// into it, the navigation events (will-frame-navigate, will-navigate, will-redirect) that can
// stop a navigation the page starts, and setWindowOpenHandler for window.open.
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import type { CDPSession, Dialog, Page, Request } from 'playwright-core';
import type { IpcMainInvokeEventSurface, WebContentsSurface } from '../surface';
import { decodeClone, encodeClone } from '../wire/clone-codec';
import {
  MAIN_BINDING,
  PAGE_DELIVER,
  PRELOAD_WORLD,
  type MainToPage,
  type PageToMain,
  type PreloadWorldConfig,
  type UnhandledKey,
} from '../wire/page-protocol';
import { browserHost } from './browser-host';
import { electronEvent } from './electron-event';
import { FrameTree, type FrameStandIn } from './frames';
import { ipcMain } from './ipc-main';
import { nativeTheme } from './native-theme';
import { mainWorldScript, preloadWorldScript } from './page-scripts';
import { registerPage } from './registry';
import { control, record } from './runtime';
import { fromPageUrl, toPageUrl } from './scheme-origin';
import { applyPermissions } from './session';

let nextWebContentsId = 1;

type WindowOpenHandler = (details: Electron.HandlerDetails) => Electron.WindowOpenHandlerResponse;

export interface WebContentsHooks {
  /** A keydown the page did not handle (the window's menu accelerators). */
  unhandledKey(key: UnhandledKey): void;
  /** The page is gone (closed from outside, or crashed). */
  pageClosed(): void;
  /** The first load finished (ready-to-show). */
  firstLoad(): void;
}

export class WebContentsStandIn extends EventEmitter implements WebContentsSurface {
  readonly id = nextWebContentsId++;
  private pageValue: Page | null = null;
  private cdpValue: CDPSession | null = null;
  private readonly frames = new FrameTree();
  private destroyed = false;
  private windowOpenHandler: WindowOpenHandler | null = null;
  /** Renderer-started navigations the app prevented, as `main|url` (main: 1 or 0). */
  private readonly prevented = new Set<string>();
  /** Resolves once the page exists and the preload and bindings are in place. */
  readonly ready: Promise<void>;
  targetId = '';

  constructor(
    readonly webPreferences: Electron.WebPreferences,
    private readonly hooks: WebContentsHooks,
    viewport: { width: number; height: number },
  ) {
    super();
    this.ready = this.setUp(viewport);
    this.ready.catch(() => undefined);
  }

  get page(): Page {
    if (!this.pageValue) throw new Error('The page is not open yet');
    return this.pageValue;
  }

  private get cdp(): CDPSession {
    if (!this.cdpValue) throw new Error('The page is not open yet');
    return this.cdpValue;
  }

  get mainFrame(): FrameStandIn | null {
    return this.frames.mainFrame;
  }

  private async setUp(viewport: { width: number; height: number }): Promise<void> {
    const host = await browserHost();
    const page = await host.context.newPage();
    this.pageValue = page;
    registerPage(page, this);
    page.on('close', () => this.onPageClosed());
    // For the test's eyes only (Electron's main process does not see the page's console).
    page.on('console', (message) => {
      if (message.type() === 'error') this.reportPageError(message.text());
    });
    page.on('pageerror', (error) => this.reportPageError(error.message));
    page.once('load', () => this.hooks.firstLoad());
    await page.setViewportSize(viewport);
    await page.emulateMedia({ colorScheme: nativeTheme.shouldUseDarkColors ? 'dark' : 'light' });

    const cdp = await host.context.newCDPSession(page);
    this.cdpValue = cdp;
    await cdp.send('Page.enable');
    await cdp.send('Runtime.enable');
    await this.frames.attach(cdp);
    const { targetInfo } = await cdp.send('Target.getTargetInfo');
    this.targetId = targetInfo.targetId;
    cdp.on('Page.frameRequestedNavigation', (event) => this.onRendererNavigation(event));
    cdp.on('Page.windowOpen', (event) => this.onWindowOpen(event));
    cdp.on('Runtime.bindingCalled', (event) => this.onBinding(event));

    const preloadPath = this.webPreferences.preload;
    if (preloadPath) {
      const token = randomBytes(16).toString('hex');
      const config: PreloadWorldConfig = {
        token,
        preloadPath,
        platform: process.platform,
        versions: { ...process.versions } as Record<string, string>,
      };
      await cdp.send('Runtime.addBinding', {
        name: MAIN_BINDING,
        executionContextName: PRELOAD_WORLD,
      });
      await cdp.send('Page.addScriptToEvaluateOnNewDocument', {
        source: mainWorldScript(token),
      });
      await cdp.send('Page.addScriptToEvaluateOnNewDocument', {
        source: preloadWorldScript(config, readFileSync(preloadPath, 'utf8')),
        worldName: PRELOAD_WORLD,
      });
    }
  }

  // ── Electron's API ──────────────────────────────────────────────────────────────────────────

  getURL(): string {
    return this.frames.mainFrame?.url ?? '';
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
    record('webContents.setWindowOpenHandler', { id: this.id });
  }

  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    // Structured clone now: a function among the arguments throws here, as in Electron.
    const wire = encodeClone(args);
    const frameId = this.frames.mainFrameId;
    const context = frameId && this.frames.worldContext(frameId, PRELOAD_WORLD);
    // No preload world (not loaded yet, or between documents): the message is lost, as
    // Electron's is when no listener exists yet.
    if (!context) return;
    this.deliver(context, { op: 'message', channel: String(channel), args: wire });
  }

  async loadURL(url: string): Promise<void> {
    await this.ready;
    if (this.destroyed) throw new Error('Object has been destroyed');
    record('webContents.loadURL', { id: this.id, url });
    await applyPermissions(this, url, async (permission, setting, origin) => {
      await this.cdp.send('Browser.setPermission', { permission, setting, origin });
    });
    await this.page.goto(toPageUrl(url), { waitUntil: 'load' });
  }

  /** Destroys the page at once (BrowserWindow.destroy): no beforeunload. */
  close(): void {
    if (this.destroyed) return;
    void this.pageValue?.close().catch(() => undefined);
    this.onPageClosed();
  }

  /**
   * Closes the page as a window's close button does: the page's beforeunload handlers run first
   * (a page that returns a value keeps itself open unless 'will-prevent-unload' is prevented,
   * as in Electron). Resolves true once the page is gone, false when it stayed.
   */
  closeAsPerson(): Promise<boolean> {
    if (this.destroyed) return Promise.resolve(true);
    const page = this.pageValue;
    if (!page) {
      this.close();
      return Promise.resolve(true);
    }
    return new Promise((resolve) => {
      const onDialog = (dialog: Dialog) => {
        if (dialog.type() !== 'beforeunload') return;
        const event = electronEvent();
        this.emit('will-prevent-unload', event);
        record('webContents.will-prevent-unload', { prevented: event.defaultPrevented });
        if (event.defaultPrevented) {
          void dialog.accept().catch(() => undefined);
        } else {
          page.off('dialog', onDialog);
          void dialog.dismiss().catch(() => undefined);
          resolve(false);
        }
      };
      page.on('dialog', onDialog);
      page.once('close', () => resolve(true));
      page.close({ runBeforeUnload: true }).catch(() => {
        this.close();
        resolve(true);
      });
    });
  }

  // ── Navigation ──────────────────────────────────────────────────────────────────────────────

  private onRendererNavigation(event: {
    frameId: string;
    reason: string;
    url: string;
    disposition: string;
  }): void {
    // New windows go through setWindowOpenHandler (onWindowOpen); a reload is not a navigation
    // to somewhere new; same-document navigations never ask (Electron: did-navigate-in-page).
    if (event.disposition !== 'currentTab' || event.reason === 'reload') return;
    const frame = this.frames.get(event.frameId) ?? null;
    const isMainFrame = event.frameId === this.frames.mainFrameId;
    const current = frame?.pageUrl ?? '';
    if (current && current.split('#')[0] === event.url.split('#')[0] && event.url.includes('#')) {
      return;
    }
    const url = fromPageUrl(event.url);
    const params = { url, isSameDocument: false, isMainFrame, frame, initiator: frame };
    const frameEvent = electronEvent(params);
    this.emit('will-frame-navigate', frameEvent);
    let prevented = frameEvent.defaultPrevented;
    if (isMainFrame && !prevented) {
      const navigateEvent = electronEvent(params);
      this.emit('will-navigate', navigateEvent, url, false, isMainFrame, 0, 0);
      prevented = navigateEvent.defaultPrevented;
    }
    record('webContents.will-navigate', { url, isMainFrame, prevented });
    if (prevented) this.prevented.add(`${isMainFrame ? 1 : 0}|${event.url}`);
  }

  /** Asked by the session's route for every navigation request of this page. */
  mayNavigate(pageUrl: string, isMainFrame: boolean, redirectedFrom: Request | null): boolean {
    const key = `${isMainFrame ? 1 : 0}|${pageUrl}`;
    if (this.prevented.delete(key)) return false;
    if (redirectedFrom) {
      const url = fromPageUrl(pageUrl);
      const frame = isMainFrame ? this.frames.mainFrame : null;
      const event = electronEvent({ url, isSameDocument: false, isMainFrame, frame });
      this.emit('will-redirect', event, url, false, isMainFrame, 0, 0);
      record('webContents.will-redirect', { url, prevented: event.defaultPrevented });
      if (event.defaultPrevented) return false;
    }
    return true;
  }

  private onWindowOpen(event: { url: string; windowName: string; windowFeatures: string[] }): void {
    const details: Electron.HandlerDetails = {
      url: fromPageUrl(event.url),
      frameName: event.windowName,
      features: event.windowFeatures.join(','),
      disposition: event.windowFeatures.length > 0 ? 'new-window' : 'foreground-tab',
      referrer: { url: this.getURL(), policy: 'strict-origin-when-cross-origin' },
    };
    // Without a handler Electron opens the window; the stand-in has no second window to give it,
    // so it records that and closes the popup (browser-host.ts) like a denied one.
    const response = this.windowOpenHandler?.(details) ?? { action: 'allow' as const };
    record('webContents.window-open', { url: details.url, action: response.action });
    if (response.action === 'allow') {
      console.error(`Electron stand-in: window.open(${details.url}) was allowed; not supported`);
    }
  }

  // ── IPC ─────────────────────────────────────────────────────────────────────────────────────

  private onBinding(event: { name: string; payload: string; executionContextId: number }): void {
    if (event.name !== MAIN_BINDING) return;
    const context = this.frames.context(event.executionContextId);
    // Only the preload's world has the binding; anything else calling it is not ours.
    if (!context || context.name !== PRELOAD_WORLD) return;
    const message = JSON.parse(event.payload) as PageToMain;
    const frame = this.frames.get(context.frameId) ?? null;
    if (message.op === 'key') {
      if (frame && frame.parentId === null) this.hooks.unhandledKey(message.key);
      return;
    }
    void this.onInvoke(message, event.executionContextId, frame);
  }

  private async onInvoke(
    message: Extract<PageToMain, { op: 'invoke' }>,
    contextId: number,
    frame: FrameStandIn | null,
  ): Promise<void> {
    const frames = this.frames;
    let prevented = false;
    const event: IpcMainInvokeEventSurface = {
      type: 'frame',
      sender: this,
      frameId: frame?.frameTreeNodeId ?? 0,
      processId: this.id,
      // Electron looks the frame up when asked: gone (null) once it navigated or was removed.
      get senderFrame() {
        return frame && !frame.isDestroyed() && frames.context(contextId) ? frame : null;
      },
      preventDefault: () => {
        prevented = true;
      },
      get defaultPrevented() {
        return prevented;
      },
    };
    let reply: MainToPage;
    try {
      const args = decodeClone(message.args) as unknown[];
      const outcome = await ipcMain.invoke(event, message.channel, args);
      reply = outcome.ok
        ? { op: 'invoke-result', id: message.id, ok: true, value: encodeClone(outcome.value) }
        : { op: 'invoke-result', id: message.id, ok: false, error: outcome.error };
    } catch (error) {
      reply = { op: 'invoke-result', id: message.id, ok: false, error: String(error) };
    }
    this.deliver(contextId, reply);
  }

  private deliver(contextId: number, message: MainToPage): void {
    const expression = `globalThis.${PAGE_DELIVER}(${JSON.stringify(JSON.stringify(message))})`;
    void this.cdpValue?.send('Runtime.evaluate', { expression, contextId }).catch(() => undefined); // the context is gone: the page navigated or closed
  }

  private reportPageError(text: string): void {
    control.send({ type: 'pageError', webContentsId: this.id, text });
  }

  // ── Lifetime ────────────────────────────────────────────────────────────────────────────────

  private onPageClosed(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.frames.destroyAll();
    this.emit('destroyed');
    this.hooks.pageClosed();
  }
}

// BrowserWindow: a window frame around one web contents. Chromium draws only the page, so the
// frame's state (shown, focused, minimized, maximized, bounds) is kept here, as a window manager
// would keep it, and the page's viewport follows the window's size (the stand-in's windows have no
// decorations: content size = window size). The test can act as the window manager (minimize,
// resize, close) through the control channel.
//
// Only the secure configuration runs: a window asking for Node in the page, no context
// isolation, no sandbox, webSecurity off or <webview> is refused, because the stand-in cannot
// give a page those (and Portscope must never ask for them).
import { EventEmitter } from 'node:events';
import type {
  BrowserWindowConstructorSurface,
  BrowserWindowSurface,
  WebContentsSurface,
} from '../surface';
import type { WindowSnapshot } from '../wire/control-protocol';
import { app } from './app';
import { electronEvent } from './electron-event';
import { fireAccelerator } from './menu';
import { windows } from './registry';
import { control, lifecycle, plain, record } from './runtime';
import { screen } from './screen';
import { WebContentsStandIn } from './web-contents';

let nextWindowId = 1;

type Rect = Electron.Rectangle;

function effectivePreferences(
  preferences: Electron.WebPreferences,
): Electron.WebPreferences & { sandbox: boolean } {
  const sandbox =
    app.sandboxEnabled || (preferences.sandbox ?? preferences.nodeIntegration !== true);
  const effective = {
    ...preferences,
    contextIsolation: preferences.contextIsolation ?? true,
    nodeIntegration: preferences.nodeIntegration ?? false,
    nodeIntegrationInWorker: preferences.nodeIntegrationInWorker ?? false,
    nodeIntegrationInSubFrames: preferences.nodeIntegrationInSubFrames ?? false,
    webSecurity: preferences.webSecurity ?? true,
    webviewTag: preferences.webviewTag ?? false,
    sandbox,
  };
  const refuse = (what: string) => {
    throw new Error(`The Electron stand-in runs only isolated, sandboxed pages: ${what}`);
  };
  if (!effective.contextIsolation) refuse('contextIsolation is off');
  if (effective.nodeIntegration) refuse('nodeIntegration is on');
  if (effective.nodeIntegrationInWorker) refuse('nodeIntegrationInWorker is on');
  if (effective.nodeIntegrationInSubFrames) refuse('nodeIntegrationInSubFrames is on');
  if (!effective.sandbox) refuse('the sandbox is off');
  if (!effective.webSecurity) refuse('webSecurity is off');
  if (effective.webviewTag) refuse('the <webview> tag is on');
  return effective;
}

export class BrowserWindowStandIn extends EventEmitter implements BrowserWindowSurface {
  static getAllWindows(): BrowserWindowStandIn[] {
    return windows.filter((window) => !window.isDestroyed());
  }

  static getFocusedWindow(): BrowserWindowStandIn | null {
    return windows.find((window) => window.isFocused()) ?? null;
  }

  readonly id = nextWindowId++;
  readonly webContents: WebContentsStandIn;
  private readonly title: string;
  private readonly preferences: Electron.WebPreferences & { sandbox: boolean };
  private bounds: Rect;
  private normalBounds: Rect;
  private visible: boolean;
  private focused = false;
  private minimized = false;
  private maximized = false;
  private fullScreen = false;
  private destroyed = false;

  constructor(options: Electron.BrowserWindowConstructorOptions = {}) {
    super();
    if (!lifecycle.ready) throw new Error('Cannot create BrowserWindow before app is ready');
    this.preferences = effectivePreferences(options.webPreferences ?? {});
    const area = screen.getPrimaryDisplay().workArea;
    const width = Math.max(options.width ?? 800, options.minWidth ?? 0);
    const height = Math.max(options.height ?? 600, options.minHeight ?? 0);
    this.bounds = {
      x: options.x ?? area.x + Math.round((area.width - width) / 2),
      y: options.y ?? area.y + Math.round((area.height - height) / 2),
      width,
      height,
    };
    this.normalBounds = { ...this.bounds };
    this.title = options.title ?? app.getName();
    this.visible = options.show !== false;
    this.webContents = new WebContentsStandIn(
      this.preferences,
      {
        // Keys reach only the window the person types in: its accelerators answer.
        unhandledKey: (key) => void fireAccelerator(key, this),
        pageClosed: () => this.closed(),
        firstLoad: () => {
          this.emit('ready-to-show');
          this.report();
        },
      },
      { width, height },
    );
    windows.push(this);
    record('BrowserWindow.new', plain({ ...options, webPreferences: this.preferences }));
    app.emit('web-contents-created', electronEvent(), this.webContents as WebContentsSurface);
    // Electron's BrowserWindow announces itself once it is set up, before the constructor returns.
    app.emit('browser-window-created', electronEvent(), this);
    if (this.visible) this.focusThis();
    this.webContents.ready.then(
      () => this.report(),
      (error: unknown) => console.error('Electron stand-in: the window could not open:', error),
    );
  }

  // ── The frame's state ───────────────────────────────────────────────────────────────────────

  private report(): void {
    control.send({ type: 'window', window: this.snapshot() });
  }

  private focusThis(): void {
    for (const other of windows) {
      if (other !== this && other.focused) {
        other.focused = false;
        other.emit('blur');
      }
    }
    if (!this.focused) {
      this.focused = true;
      this.emit('focus');
    }
    void this.webContents.ready.then(() => this.webContents.page.bringToFront()).catch(() => {});
  }

  private resized(previous: Rect): void {
    const sized = previous.width !== this.bounds.width || previous.height !== this.bounds.height;
    const moved = previous.x !== this.bounds.x || previous.y !== this.bounds.y;
    if (sized) {
      const { width, height } = this.bounds;
      void this.webContents.ready
        .then(() => this.webContents.page.setViewportSize({ width, height }))
        .catch(() => undefined);
    }
    // A window manager reports the change a moment later, never inside the call.
    setImmediate(() => {
      if (sized) this.emit('resize');
      if (moved) this.emit('move');
      this.report();
    });
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  isVisible(): boolean {
    return this.visible && !this.minimized;
  }

  isFocused(): boolean {
    return this.focused;
  }

  isMinimized(): boolean {
    return this.minimized;
  }

  isMaximized(): boolean {
    return this.maximized;
  }

  isFullScreen(): boolean {
    return this.fullScreen;
  }

  getBounds(): Rect {
    return { ...this.bounds };
  }

  getNormalBounds(): Rect {
    return { ...(this.maximized || this.fullScreen ? this.normalBounds : this.bounds) };
  }

  getTitle(): string {
    return this.title;
  }

  setBounds(bounds: Partial<Rect>): void {
    const previous = { ...this.bounds };
    this.bounds = { ...this.bounds, ...bounds };
    if (!this.maximized && !this.fullScreen) this.normalBounds = { ...this.bounds };
    this.resized(previous);
  }

  show(): void {
    const wasVisible = this.visible;
    this.visible = true;
    if (!wasVisible) this.emit('show');
    this.focusThis();
    this.report();
  }

  hide(): void {
    if (!this.visible) return;
    this.visible = false;
    this.emit('hide');
    if (this.focused) {
      this.focused = false;
      this.emit('blur');
    }
    this.report();
  }

  focus(): void {
    if (!this.visible || this.minimized) return;
    this.focusThis();
    this.report();
  }

  blur(): void {
    if (!this.focused) return;
    this.focused = false;
    this.emit('blur');
    this.report();
  }

  minimize(): void {
    if (this.minimized) return;
    this.minimized = true;
    this.emit('minimize');
    if (this.focused) {
      this.focused = false;
      this.emit('blur');
    }
    this.report();
  }

  restore(): void {
    if (!this.minimized) return;
    this.minimized = false;
    this.emit('restore');
    this.report();
  }

  maximize(): void {
    if (this.maximized) return;
    const previous = { ...this.bounds };
    this.normalBounds = { ...this.bounds };
    this.maximized = true;
    this.bounds = { ...screen.getPrimaryDisplay().workArea };
    this.emit('maximize');
    this.resized(previous);
  }

  unmaximize(): void {
    if (!this.maximized) return;
    const previous = { ...this.bounds };
    this.maximized = false;
    this.bounds = { ...this.normalBounds };
    this.emit('unmaximize');
    this.resized(previous);
  }

  setFullScreen(flag: boolean): void {
    if (flag === this.fullScreen) return;
    const previous = { ...this.bounds };
    if (flag) {
      if (!this.maximized) this.normalBounds = { ...this.bounds };
      this.bounds = { ...screen.getPrimaryDisplay().bounds };
    } else {
      this.bounds = this.maximized
        ? { ...screen.getPrimaryDisplay().workArea }
        : { ...this.normalBounds };
    }
    this.fullScreen = flag;
    this.emit(flag ? 'enter-full-screen' : 'leave-full-screen');
    this.resized(previous);
  }

  loadURL(url: string): Promise<void> {
    return this.webContents.loadURL(url);
  }

  // ── Closing ─────────────────────────────────────────────────────────────────────────────────

  /** As the close button: 'close' may be prevented, then the page's beforeunload may keep it. */
  close(): void {
    void this.closeAndWait();
  }

  /** close(), resolving true once the window is gone and false when it stayed open. */
  async closeAndWait(): Promise<boolean> {
    if (this.destroyed) return true;
    const event = electronEvent();
    this.emit('close', event);
    record('BrowserWindow.close', { id: this.id, prevented: event.defaultPrevented });
    if (event.defaultPrevented) return false;
    const gone = await this.webContents.closeAsPerson();
    if (gone) this.closed();
    return gone;
  }

  destroy(): void {
    if (this.destroyed) return;
    this.webContents.close();
    this.closed();
  }

  private closed(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.focused = false;
    const at = windows.indexOf(this);
    if (at >= 0) windows.splice(at, 1);
    this.emit('closed');
    this.report();
    app.windowClosed();
  }

  snapshot(): WindowSnapshot {
    return {
      id: this.id,
      webContentsId: this.webContents.id,
      targetId: this.webContents.targetId,
      url: this.webContents.isDestroyed() ? '' : this.webContents.getURL(),
      title: this.title,
      visible: this.isVisible(),
      focused: this.focused,
      minimized: this.minimized,
      maximized: this.maximized,
      fullScreen: this.fullScreen,
      destroyed: this.destroyed,
      bounds: this.getBounds(),
      webPreferences: plain(this.preferences) as Record<string, unknown>,
    };
  }
}

export const BrowserWindow: BrowserWindowConstructorSurface = BrowserWindowStandIn;

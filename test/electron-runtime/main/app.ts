// app: the lifecycle (ready, quit, exit), the single-instance lock, the app's paths and identity,
// and the desktop's file icons (getFileIcon, main/file-icons.ts).
//
// Ready: the app becomes ready once its Chromium runs; it starts when the app first waits for
// ready (whenReady() or a 'ready' listener), never inside the main script's first run, as in
// Electron. Quit follows Electron's documented order: before-quit (preventable), every window
// asked to close (a prevented close cancels the quit), will-quit (preventable; the app may quit
// again later), quit, then the process ends whatever timers are left, as Electron's does.
// 'window-all-closed' comes only when windows close on their own, never during a quit.
//
// Electron's "can only be called before ready" notes are errors here, so an app that breaks
// them fails its tests.
import { EventEmitter } from 'node:events';
import { readFileSync, statSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import type { AppSurface, NativeImageSurface } from '../surface';
import { browserHost, browserStarted, removeProfile, setProfileParent } from './browser-host';
import { electronEvent } from './electron-event';
import { getFileIcon } from './file-icons';
import { windows } from './registry';
import { config, lifecycle, plain, record } from './runtime';
import { requestLock } from './single-instance';

type PathName = Parameters<Electron.App['getPath']>[0];

function isFile(file: string): boolean {
  return statSync(file, { throwIfNoEntry: false })?.isFile() ?? false;
}

function exists(file: string): boolean {
  return statSync(file, { throwIfNoEntry: false }) !== undefined;
}

/** The folder with the app's package.json: `electron .` runs the app in it. */
function findAppPath(): string {
  let dir = path.dirname(path.resolve(process.argv[1] ?? '.'));
  // stat, not access(2) (existsSync): access checks with the real uid and drops capabilities, and
  // the app may run as nobody with CAP_DAC_READ_SEARCH in a checkout only root may enter.
  while (!isFile(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('The Electron stand-in found no package.json for the app');
    dir = parent;
  }
  return dir;
}

class AppStandIn extends EventEmitter implements AppSurface {
  readonly isPackaged = config.packaged;
  /** macOS only; undefined on Linux, as in Electron. */
  readonly dock = undefined;
  sandboxEnabled = false;
  aboutPanelOptions: Record<string, unknown> | null = null;
  private readonly appPath = findAppPath();
  private readonly packageJson = JSON.parse(
    readFileSync(path.join(this.appPath, 'package.json'), 'utf8'),
  ) as { name?: string; productName?: string; version?: string };
  private readonly paths = new Map<string, string>();
  /** Names the app set itself (setPath): a userData override no longer moves sessionData. */
  private readonly setPathsOverridden = new Set<string>();
  private ready: Promise<void> | null = null;
  private quitRunning = false;
  private exiting = false;
  private pendingNotify: Promise<void> | null = null;
  private releaseLock: (() => void) | null = null;

  constructor() {
    super();
    const home = homedir();
    // Like Chromium (and the XDG spec), a relative XDG_CONFIG_HOME is ignored.
    const xdg = process.env.XDG_CONFIG_HOME;
    const appData = xdg?.startsWith('/') ? xdg : path.join(home, '.config');
    const userData = path.join(appData, this.getName());
    const entries: [string, string][] = [
      ['home', home],
      ['appData', appData],
      ['userData', userData],
      ['sessionData', userData],
      ['temp', tmpdir()],
      ['exe', process.execPath],
      ['module', process.execPath],
      ['desktop', path.join(home, 'Desktop')],
      ['documents', path.join(home, 'Documents')],
      ['downloads', path.join(home, 'Downloads')],
      ['music', path.join(home, 'Music')],
      ['pictures', path.join(home, 'Pictures')],
      ['videos', path.join(home, 'Videos')],
      ['logs', path.join(userData, 'logs')],
      ['crashDumps', path.join(userData, 'Crashpad')],
    ];
    for (const [name, value] of entries) this.paths.set(name, value);
    // A 'ready' listener also starts the app, as whenReady() does.
    this.on('newListener', (event: string) => {
      if (event === 'ready') void this.whenReady().catch(() => undefined);
    });
  }

  // ── Identity and paths ──────────────────────────────────────────────────────────────────────

  getName(): string {
    return this.packageJson.productName ?? this.packageJson.name ?? 'Electron';
  }

  getVersion(): string {
    return this.packageJson.version ?? '0.0.0';
  }

  getAppPath(): string {
    return this.appPath;
  }

  getPath(name: PathName): string {
    const value = this.paths.get(name);
    if (value === undefined) throw new Error(`Failed to get '${name}' path`);
    return value;
  }

  setPath(name: string, value: string): void {
    if (!this.paths.has(name)) throw new Error(`Failed to set path: unknown name '${name}'`);
    if (!path.isAbsolute(value)) throw new Error(`Path must be absolute: ${value}`);
    // Electron: "If the path specifies a directory that does not exist, an Error is thrown."
    if (!exists(value)) throw new Error(`Failed to set path: ${value} does not exist`);
    this.paths.set(name, value);
    if (name === 'userData' && !this.setPathsOverridden.has('sessionData')) {
      this.paths.set('sessionData', value);
    }
    this.setPathsOverridden.add(name);
    record('app.setPath', { name, path: value });
  }

  setAppUserModelId(_id: string): void {
    // @platform win32: on Linux Electron has no such method.
    throw new TypeError('app.setAppUserModelId is not a function (Windows only)');
  }

  setAboutPanelOptions(options: Electron.AboutPanelOptionsOptions): void {
    this.aboutPanelOptions = plain(options) as Record<string, unknown>;
    record('app.setAboutPanelOptions', this.aboutPanelOptions);
  }

  showAboutPanel(): void {
    record('app.showAboutPanel', this.aboutPanelOptions);
  }

  getFileIcon(file: string, options?: Electron.FileIconOptions): Promise<NativeImageSurface> {
    return getFileIcon(file, options);
  }

  // ── Ready ───────────────────────────────────────────────────────────────────────────────────

  whenReady(): Promise<void> {
    this.ready ??= (async () => {
      // The main script finishes its first run before the app is ready.
      await new Promise((resolve) => setImmediate(resolve));
      setProfileParent(this.getPath('sessionData'));
      const host = await browserHost();
      Object.defineProperty(process.versions, 'chrome', {
        value: host.version,
        enumerable: true,
        configurable: true,
      });
      lifecycle.ready = true;
      record('app.ready');
      this.emit('ready', electronEvent(), {});
    })();
    return this.ready;
  }

  isReady(): boolean {
    return lifecycle.ready;
  }

  enableSandbox(): void {
    if (lifecycle.ready)
      throw new Error('app.enableSandbox() can only be called before app is ready');
    this.sandboxEnabled = true;
    record('app.enableSandbox');
  }

  /**
   * "Releases all locks that were created by requestSingleInstanceLock. This will allow multiple
   * instances of the application to once again run side by side." (Electron's app docs)
   */
  releaseSingleInstanceLock(): void {
    record('app.releaseSingleInstanceLock');
    this.releaseLock?.();
    this.releaseLock = null;
  }

  requestSingleInstanceLock(additionalData?: Record<string, unknown>): boolean {
    const userData = this.getPath('userData');
    const result = requestLock(
      userData,
      (second) => {
        // "This event is guaranteed to be emitted after the ready event of app gets emitted."
        void this.whenReady().then(() => {
          record('app.second-instance', plain(second));
          this.emit(
            'second-instance',
            electronEvent(),
            second.argv,
            second.workingDirectory,
            second.additionalData,
          );
        });
      },
      additionalData,
    );
    record('app.requestSingleInstanceLock', { userData, acquired: result.acquired });
    if (result.acquired) {
      this.releaseLock = result.release;
    } else {
      this.pendingNotify = result.notified.catch((error: unknown) => {
        console.error('Electron stand-in: could not reach the first instance:', error);
      });
    }
    return result.acquired;
  }

  // ── Quitting ────────────────────────────────────────────────────────────────────────────────

  quit(): void {
    if (this.exiting) return;
    record('app.quit');
    void this.runQuit();
  }

  private async runQuit(): Promise<void> {
    if (this.quitRunning) return;
    this.quitRunning = true;
    try {
      await this.pendingNotify;
      const beforeQuit = electronEvent();
      this.emit('before-quit', beforeQuit);
      if (beforeQuit.defaultPrevented) return;
      lifecycle.quitting = true;
      // Every window is asked to close, as its close button would; one that stays cancels.
      for (const window of [...windows]) {
        if (!(await window.closeAndWait())) {
          lifecycle.quitting = false;
          record('app.quit-cancelled');
          return;
        }
      }
      const willQuit = electronEvent();
      this.emit('will-quit', willQuit);
      record('app.will-quit', { prevented: willQuit.defaultPrevented });
      if (willQuit.defaultPrevented) return;
      this.emit('quit', electronEvent(), 0);
      await this.shutDown(0);
    } finally {
      this.quitRunning = false;
    }
  }

  exit(exitCode = 0): void {
    if (this.exiting) return;
    record('app.exit', { exitCode });
    void this.shutDown(exitCode);
  }

  private async shutDown(exitCode: number): Promise<void> {
    this.exiting = true;
    lifecycle.quitting = true;
    record('app.process-exit', { exitCode });
    if (browserStarted()) {
      const closed = browserHost().then((host) => host.close());
      await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 5000))]).catch(
        () => undefined,
      );
    }
    removeProfile();
    process.exit(exitCode);
  }

  /** A window closed (browser-window.ts). */
  windowClosed(): void {
    if (lifecycle.quitting || windows.length > 0) return;
    if (this.listenerCount('window-all-closed') > 0) this.emit('window-all-closed');
    else this.quit();
  }
}

export const app = new AppStandIn();

// Electron's app lives until it quits or exits, whatever its event loop holds (or not).
const keepAlive = setInterval(() => undefined, 1 << 30);
process.on('exit', () => clearInterval(keepAlive));

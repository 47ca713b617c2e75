// The e2e harness: the whole app as a person runs it. openPortscopePage() starts Portscope's
// real main process (out/main/index.js) under the Electron stand-in (test/electron-runtime/),
// which opens its window as a real Chromium page with the real preload, and hands the test a
// Playwright Page on that window plus the parts of the desktop Chromium does not draw:
//
//   const portscope = await openPortscopePage({ settings: { poll: { intervalMs: 500 } } });
//   portscope.page                 the window's page (Playwright), live rows from the worker poll
//   portscope.dialogs              native dialogs, answered as a person would:
//       .answerConfirm({ confirmed: true })   the next confirmation (kill, close …)
//       .answerSaveFile(path | null)          the next save dialog
//       .answerOpenFile(path | null)          the next open-file dialog (the blocklist …)
//       .confirmRequests, .saveRequests, .messageBoxes, .unexpected
//   portscope.menus                the native right-click menu:
//       .answerRowMenu('Kill Process')        the next popup: click this item (a label path)
//       .popups                               every popup's items, as shown
//   portscope.tray                 the app's tray icon in the desktop's status area:
//       .state()                              its image, tooltip and menu as shown
//       .clickMenu('Pause Updates')           click an item of its menu (a label path)
//       .click()                              click (activate) the icon
//   portscope.settings.get()       the settings as main holds them (async: through the page's
//                                  window.portscope, i.e. real IPC); .update(patch); .saved()
//                                  reads settings.json as written on disk
//   portscope.api.<channel>(…)     any window.portscope invoke, called in the page (real IPC)
//   portscope.app                  the app process: .log (every Electron call, in order),
//                                  .notifications, .errorBoxes, .command(…), .state(), .quit()
//   portscope.pageErrors           console errors and uncaught errors of the page
//   portscope.setDesktopTheme(t)   the desktop turns light or dark (nativeTheme; the page follows)
//   portscope.resizeWindow(w, h)   the person resizes the window (the app sees it and saves it)
//   portscope.screenshot(name)     .tmp/screenshots/<name>.png
//   portscope.close()              quits the app (File → Quit) and cleans up
//
// Porting a test written for the old test/support/bridge.ts: import openPortscopePage from here;
// `settings.get()` now returns a promise; `backend.handlers.x(…)` becomes `api.x(…)`;
// `backend.table` becomes `(await api.getSnapshot()).rows`; attachActionsNative's popupRowMenu
// becomes `menus.answerRowMenu(label)`, its writeClipboard becomes `clipboard()`; the `platform`
// option becomes `env: { PORTSCOPE_BACKEND: 'lsof' }` (the app picks its backend by name);
// `page.setViewportSize` becomes `resizeWindow` (the window, not only the page, changes size).
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { ConfirmRequest, OpenFileRequest, SaveFileRequest } from '../../electron/core/context';
import { createSettingsStore } from '../../electron/core/settings-store';
import { developmentUserDataPath } from '../../electron/user-data';
import type { InvokeArgs, InvokeName, InvokeResult, PortscopeApi } from '../../shared/contract';
import {
  defaultSettings,
  settingsFromUnknown,
  toRendererPatch,
  type Settings,
  type SettingsPatch,
} from '../../shared/settings';
import { launchApp, type AppProcess, type LaunchOptions } from '../electron-runtime/launch';
import { ScriptedDialogs as ScriptedCoreDialogs } from './scripted-dialogs';
import type {
  AppRequest,
  MenuItemSnapshot,
  TraySnapshot,
  WindowSnapshot,
} from '../electron-runtime/wire/control-protocol';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const SCREENSHOT_DIR = path.join(repoRoot, '.tmp', 'screenshots');

// ── A person at the native dialogs and menus ────────────────────────────────────────────────────

/**
 * The shared queues (scripted-dialogs.ts), answering Electron's dialogs as the app calls them: a
 * message box with a confirm and a cancel button is a confirmation, as core/dialogs asks it.
 */
export class ScriptedDialogs extends ScriptedCoreDialogs {
  /** Every message box, its options as Electron got them. */
  readonly messageBoxes: Record<string, unknown>[] = [];
  /** Dialogs that came with no answer queued (each also failed in the app). */
  readonly unexpected: string[] = [];

  private async expected<T>(what: string, answer: () => Promise<T>): Promise<T> {
    try {
      return await answer();
    } catch (error) {
      this.unexpected.push(what);
      throw error;
    }
  }

  /** The person's answer to the app's message box (what Electron's showMessageBox resolves). */
  async messageBox(options: Record<string, unknown>): Promise<Electron.MessageBoxReturnValue> {
    this.messageBoxes.push(options);
    const buttons = (options.buttons as string[] | undefined) ?? [];
    if (buttons.length < 2) return { response: 0, checkboxChecked: false }; // "OK" of a notice
    const cancelId = typeof options.cancelId === 'number' ? options.cancelId : buttons.length - 1;
    const confirmIndex = buttons.findIndex((_label, index) => index !== cancelId);
    const request: ConfirmRequest = {
      title: String(options.title ?? ''),
      message: String(options.message ?? ''),
      detail: options.detail === undefined ? undefined : String(options.detail),
      confirmLabel: buttons[confirmIndex]!,
      cancelLabel: buttons[cancelId],
      checkboxLabel:
        options.checkboxLabel === undefined ? undefined : String(options.checkboxLabel),
    };
    const what = `confirmation "${String(options.title ?? options.message)}"`;
    const answer = await this.expected(what, () => this.confirm(request));
    return {
      response: answer.confirmed ? confirmIndex : cancelId,
      checkboxChecked: answer.checkboxChecked,
    };
  }

  saveDialog(options: Record<string, unknown>): Promise<string | null> {
    const request: SaveFileRequest = {
      title: String(options.title ?? ''),
      defaultPath: String(options.defaultPath ?? ''),
      filters: (options.filters as SaveFileRequest['filters'] | undefined) ?? [],
    };
    return this.expected(`save dialog "${request.title}"`, () => this.saveFile(request));
  }

  openDialog(options: Record<string, unknown>): Promise<string | null> {
    const request: OpenFileRequest = {
      title: String(options.title ?? ''),
      defaultPath: options.defaultPath === undefined ? undefined : String(options.defaultPath),
      filters: (options.filters as OpenFileRequest['filters'] | undefined) ?? [],
    };
    return this.expected(`open dialog "${request.title}"`, () => this.openFile(request));
  }
}

type MenuChoice = string | string[] | ((items: MenuItemSnapshot[]) => string[] | null) | null;

export class ScriptedMenus {
  /** Every popup menu the app showed, its items as shown. */
  readonly popups: MenuItemSnapshot[][] = [];
  private readonly choices: MenuChoice[] = [];

  /** The next popup: click the item with this label (or label path), or dismiss it (null). */
  answerRowMenu(choice: MenuChoice): void {
    this.choices.push(choice);
  }

  popup(items: MenuItemSnapshot[]): string[] | null {
    this.popups.push(items);
    const choice = this.choices.shift() ?? null;
    if (choice === null) return null;
    const path =
      typeof choice === 'function' ? choice(items) : Array.isArray(choice) ? choice : [choice];
    if (path === null) return null;
    const item = items.find((candidate) => candidate.label === path[0]);
    if (!item) {
      throw new Error(
        `The menu has no "${path[0]}"; it shows: ${items.map((i) => i.label).join(' | ')}`,
      );
    }
    if (!item.enabled) throw new Error(`"${item.label}" is disabled in the menu`);
    return path;
  }
}

// ── Opening the app ─────────────────────────────────────────────────────────────────────────────

export interface OpenPortscopeOptions {
  /** Settings saved before the app starts (its settings.json). */
  settings?: SettingsPatch;
  /** The window's size (saved as its bounds; the screen is made large enough). */
  viewport?: { width: number; height: number };
  /** The desktop's colour scheme (nativeTheme, prefers-color-scheme). */
  colorScheme?: 'light' | 'dark';
  /**
   * Reverse-DNS the remote addresses, as the app does by default. Off unless asked: tests must not
   * depend on (or send traffic to) a name server.
   */
  resolveNames?: boolean;
  /** Extra command-line arguments for the app. */
  args?: string[];
  env?: Record<string, string>;
  packaged?: boolean;
  notificationsSupported?: boolean;
  /** Extra Chromium switches. */
  chromiumArgs?: string[];
  /** Wait for the grid and the first poll (default); false returns as soon as the page exists. */
  waitForTable?: boolean;
}

type InvokeApi = { [K in InvokeName]: (...args: InvokeArgs<K>) => Promise<InvokeResult<K>> };

export interface PortscopePage {
  page: Page;
  dialogs: ScriptedDialogs;
  menus: ScriptedMenus;
  /** The app's tray icon, as a person sees and clicks it. */
  tray: {
    /** The app's one live tray icon as the desktop shows it (fails unless there is one). */
    state(): Promise<TraySnapshot>;
    /** Click the item at this label (or label path) of the tray icon's menu, as shown. */
    clickMenu(path: string | string[]): Promise<void>;
    /** Click (activate) the tray icon. */
    click(): Promise<void>;
  };
  settings: {
    /** As main holds them (window.portscope.getSettings in the page). */
    get(): Promise<Settings>;
    /** As the page would: the sections without main's own fields. */
    update(patch: SettingsPatch): Promise<Settings>;
    /** settings.json as on disk now (null before the first write). */
    saved(): Settings | null;
  };
  /** window.portscope's invoke channels, called in the page. */
  api: InvokeApi;
  pageErrors: string[];
  app: AppProcess;
  /** The app's XDG_CONFIG_HOME and its userData folder. */
  configHome: string;
  userData: string;
  /** The main window as the stand-in's window manager has it. */
  window(): Promise<WindowSnapshot>;
  /** The desktop clipboard's text. */
  clipboard(): Promise<string>;
  /** The desktop switches its colour scheme (nativeTheme; the page follows). */
  setDesktopTheme(theme: 'light' | 'dark'): Promise<void>;
  /** The person resizes the main window (its page follows; the app saves the size). */
  resizeWindow(width: number, height: number): Promise<void>;
  /** Starts the app again with the same user data (a second instance); it is not waited for. */
  launchAgain(options?: { args?: string[]; packaged?: boolean }): Promise<AppProcess>;
  /** Saves the window's page to .tmp/screenshots/<name>.png; returns the path. */
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

/** The userData folder of an unpackaged Portscope under XDG_CONFIG_HOME=`configHome`. */
export function userDataOf(configHome: string, packaged = false): string {
  return packaged
    ? path.join(configHome, 'Portscope')
    : developmentUserDataPath(configHome, 'Portscope');
}

async function writeSettings(userData: string, patch: SettingsPatch): Promise<void> {
  mkdirSync(userData, { recursive: true });
  const store = await createSettingsStore(path.join(userData, 'settings.json'));
  await store.update(patch);
  await store.flush();
}

async function findPage(browser: Browser, targetId: string): Promise<Page> {
  const context = browser.contexts()[0];
  if (!context) throw new Error('The app’s Chromium has no browser context');
  for (let waited = 0; waited < 30_000; waited += 100) {
    for (const page of context.pages()) {
      const session = await context.newCDPSession(page);
      const { targetInfo } = await session.send('Target.getTargetInfo');
      await session.detach();
      if (targetInfo.targetId === targetId) return page;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`The window's page (${targetId}) did not appear`);
}

export async function openPortscopePage(
  options: OpenPortscopeOptions = {},
): Promise<PortscopePage> {
  const cleanups: (() => Promise<unknown> | void)[] = [];
  const close = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  };
  try {
    const configHome = await mkdtemp(path.join(tmpdir(), 'portscope-app-'));
    cleanups.push(() => rm(configHome, { recursive: true, force: true }));
    const packaged = options.packaged ?? false;
    const userData = userDataOf(configHome, packaged);
    const viewport = options.viewport ?? { width: 1400, height: 800 };
    // The first-run notice about host names (renderer/src/features/first-run) counts as answered
    // unless a test brings its own `lookup` section: it would push every test's table down.
    const lookup = options.settings?.lookup ?? {
      ...defaultSettings.lookup,
      hostNamesNoticeShown: true,
    };
    const settingsPatch: SettingsPatch = {
      ...options.settings,
      lookup: options.resolveNames ? lookup : { ...lookup, resolveHostNames: false },
      window: { x: 0, y: 0, width: viewport.width, height: viewport.height, maximized: false },
    };
    await writeSettings(userData, settingsPatch);

    const launchOptions: LaunchOptions = {
      configHome,
      args: options.args,
      env: options.env,
      packaged,
      theme: options.colorScheme ?? 'light',
      notificationsSupported: options.notificationsSupported,
      chromiumArgs: options.chromiumArgs,
      displays: [
        { width: Math.max(1920, viewport.width), height: Math.max(1080, viewport.height) },
      ],
    };
    const dialogs = new ScriptedDialogs();
    const menus = new ScriptedMenus();
    const answer = (request: AppRequest) => {
      switch (request.kind) {
        case 'messageBox':
          return dialogs.messageBox(request.options);
        case 'saveDialog':
          return dialogs.saveDialog(request.options);
        case 'openDialog':
          return dialogs.openDialog(request.options);
        case 'menuPopup':
          return menus.popup(request.items);
      }
    };
    const app = await launchApp(launchOptions);
    app.answerRequests(answer);
    cleanups.push(async () => {
      await app.quit().catch(() => app.kill());
    });

    const wsEndpoint = await app.waitFor(() => app.wsEndpoint, 'the app’s Chromium');
    const browser = await chromium.connectOverCDP(wsEndpoint);
    cleanups.push(() => browser.close().catch(() => undefined));
    const firstWindow = await app.waitFor(
      () => [...app.windows.values()].find((window) => window.targetId !== ''),
      'the main window',
    );
    const page = await findPage(browser, firstWindow.targetId);
    // The test's own Playwright emulates a colour scheme on the page it attaches to (light unless
    // told), and DevTools sessions share one emulation: it is told the desktop's, so the two agree.
    const setDesktopTheme = async (theme: 'light' | 'dark') => {
      await app.command({ command: 'setTheme', theme });
      await page.emulateMedia({ colorScheme: theme });
    };
    await setDesktopTheme(launchOptions.theme ?? 'light');
    // From the page's first line (the stand-in watches it from the start).
    const pageErrors: string[] = [...app.pageErrors];
    app.onPageError((text) => pageErrors.push(text));

    if (options.waitForTable !== false) {
      try {
        await page.waitForSelector('.ag-root-wrapper', { timeout: 60_000 });
        // The first poll is in (the window may open before the worker's first poll lands).
        await page.waitForFunction(
          () => {
            const status = (
              globalThis as unknown as {
                document: { querySelector(s: string): { textContent: string | null } | null };
              }
            ).document.querySelector('[data-status="poll"]');
            return status !== null && !(status.textContent ?? '').startsWith('Waiting');
          },
          undefined,
          { timeout: 60_000 },
        );
      } catch (error) {
        const seen = pageErrors.length > 0 ? ` Page errors: ${pageErrors.join(' | ')}` : '';
        throw new Error(
          `The window did not come up: ${(error as Error).message}${seen}\n${app.stderr.slice(-3000)}`,
        );
      }
    }

    const call = <K extends InvokeName>(name: K, args: unknown[]) =>
      page.evaluate(
        ([channel, values]) =>
          (globalThis as unknown as { portscope: Record<string, (...a: unknown[]) => unknown> })
            .portscope[channel]!(...values),
        [name, args] as const,
      ) as Promise<InvokeResult<K>>;
    const api = new Proxy({} as InvokeApi, {
      get:
        (_target, name) =>
        (...args: unknown[]) =>
          call(name as InvokeName, args),
    });
    const settingsFile = path.join(userData, 'settings.json');
    const liveTray = async () => {
      const live = (await app.state()).trays.filter((tray) => !tray.destroyed);
      if (live.length !== 1) throw new Error(`The app shows ${live.length} tray icons, not one`);
      return live[0]!;
    };

    return {
      page,
      dialogs,
      menus,
      tray: {
        state: liveTray,
        clickMenu: async (labels) => {
          const { id } = await liveTray();
          await app.command({
            command: 'clickTrayMenu',
            trayId: id,
            path: Array.isArray(labels) ? labels : [labels],
          });
        },
        click: async () => {
          const { id } = await liveTray();
          await app.command({ command: 'clickTray', trayId: id });
        },
      },
      settings: {
        get: () => api.getSettings(),
        // As the page sends it: without main's fields (the blocklist path, servers …).
        update: (patch) => api.updateSettings(toRendererPatch(patch)),
        saved: () => {
          if (!existsSync(settingsFile)) return null;
          return settingsFromUnknown(JSON.parse(readFileSync(settingsFile, 'utf8'))).settings;
        },
      },
      api,
      pageErrors,
      app,
      configHome,
      userData,
      window: async () => {
        const state = await app.state();
        const window = state.windows.find((candidate) => candidate.id === firstWindow.id);
        if (!window) throw new Error('The main window is gone');
        return window;
      },
      clipboard: async () => (await app.state()).clipboard,
      setDesktopTheme,
      resizeWindow: async (width, height) => {
        await app.command({
          command: 'window',
          windowId: firstWindow.id,
          op: 'setBounds',
          bounds: { width, height },
        });
        await page.waitForFunction(
          ([w, h]) => {
            const view = globalThis as unknown as { innerWidth: number; innerHeight: number };
            return view.innerWidth === w && view.innerHeight === h;
          },
          [width, height] as const,
        );
      },
      launchAgain: (again = {}) =>
        launchApp({ ...launchOptions, args: again.args, packaged: again.packaged ?? packaged }),
      screenshot: async (name) => {
        mkdirSync(SCREENSHOT_DIR, { recursive: true });
        const file = path.join(SCREENSHOT_DIR, `${name}.png`);
        await page.screenshot({ path: file });
        return file;
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

export type { PortscopeApi };

/// <reference types="electron-vite/node" />
// The Electron main process: app lifecycle, the one window, the menu, and the wiring between the
// backend (electron/core/backend.ts, plain Node) and the page. Thin on purpose: every decision
// that can be made without Electron lives in a plain, unit-tested module next to this one
// (launch-args, renderer-location, content-security-policy, window-state, app-menu,
// ipc-dispatch).
//
// Security (https://www.electronjs.org/docs/latest/tutorial/security): the page runs sandboxed
// with context isolation and no Node; it may load only our own files; navigation, new windows,
// <webview> and permission requests are refused; every IPC message is checked for its sender and
// validated against the contract (electron/ipc.ts).
import { app, BrowserWindow, dialog, Menu, nativeTheme, screen, session } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconPath from '../resources/icon.png?asset';
import type { EmitEvent } from '../shared/contract';
import { appMenuTemplate } from './app-menu';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { contentSecurityPolicy } from './content-security-policy';
import { attachActionsNative } from './core/actions/handlers';
import { createBackend, type Backend } from './core/backend';
import { createSettingsStore, type FileSettingsStore } from './core/settings-store';
import { createElectronDialogs } from './dialogs';
import { createWindowEmitter, registerIpcHandlers } from './ipc';
import { installSuspicionNotifications } from './notify';
import { cliArgsFromLaunch, userArgs } from './launch-args';
import { createPlatformBackend } from './platform';
import {
  isAllowedRequestUrl,
  needsCspHeader,
  rendererLocation,
  type RendererLocation,
} from './renderer-location';
import { createElectronActionsNative } from './row-menu';
import { platformBackendOrReason } from './unsupported-platform';
import { boundsToSave, restoreWindowBounds } from './window-state';
import ipDatabaseLicences from '../resources/licenses/ip-databases.txt?raw';

const here = dirname(fileURLToPath(import.meta.url));
// Packaged, the icon is unpacked next to app.asar (electron-builder.yml asarUnpack): native code
// such as the GTK About dialog cannot read inside the archive.
const iconFile = iconPath.replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
const location = rendererLocation({
  devServerUrl: process.env.ELECTRON_RENDERER_URL,
  isPackaged: app.isPackaged,
  rendererDir: join(here, '../renderer'),
});

// A write to a closed stdout or stderr (the terminal that started us is gone, or `portscope list
// | head` stopped reading) fails with EPIPE as an 'error' event; with no listener that is an
// uncaught exception, which Electron shows as a "A JavaScript error occurred in the main process"
// dialog, one per console line. Other stream errors are still thrown.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
}

const cliArgs = cliArgsFromLaunch(userArgs(process.argv, process.defaultApp === true));
if (cliArgs) {
  void runCommandLine(cliArgs);
} else if (!app.requestSingleInstanceLock()) {
  // Another Portscope has the window; it is told (second-instance) and comes to the front.
  app.quit();
} else {
  startWindowedApp();
}

/** `portscope list --format json`: the CLI inside the app, no window (CurrPorts' /scomma). */
async function runCommandLine(argv: string[]): Promise<void> {
  app.dock?.hide();
  // `portscope list | head` closes the pipe early: the reader's choice, not an error, and
  // nothing more needs writing (electron/cli.ts does the same for plain Node).
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') app.exit(0);
  });
  let code = 1;
  try {
    const { runCli } = await import('./cli/run');
    code = await runCli(argv, {
      stdout: process.stdout,
      stderr: process.stderr,
      stdin: process.stdin,
      isTTY: process.stdout.isTTY === true,
    });
  } catch (error) {
    process.stderr.write(`portscope: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  // app.exit() does not wait for output still queued for a pipe.
  await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
  app.exit(code);
}

function startWindowedApp(): void {
  let mainWindow: BrowserWindow | null = null;
  let backend: Backend | null = null;
  let settings: FileSettingsStore | null = null;
  const getWindow = () => mainWindow;
  const emitToPage = createWindowEmitter(getWindow, location);
  const emit: EmitEvent = (name, payload) => emitToPage(name, payload);

  // Windows shows a desktop notification (and groups the taskbar button) only when the process's
  // AppUserModelID matches the one on the Start menu shortcut, which the NSIS installer sets to
  // electron-builder.yml's appId. Electron's default ID matches nothing the installer made.
  if (process.platform === 'win32') app.setAppUserModelId('dev.portscope.app');
  // Every renderer, whatever creates it, is sandboxed.
  app.enableSandbox();
  registerAppScheme();
  app.setAboutPanelOptions({
    applicationName: 'Portscope',
    applicationVersion: app.getVersion(),
    version: `Electron ${process.versions.electron}, Chromium ${process.versions.chrome}, Node ${process.versions.node}`,
    // The IP databases' CC BY 4.0 attribution must be shown to people (issue 4): Linux shows
    // `copyright`, macOS and Windows show `credits` (the full text).
    copyright:
      'MIT licence. IP data: ip-location-db — NRO, RouteViews and "IP Geolocation by DB-IP" ' +
      '(CC BY 4.0). Third-party licences: LICENSES.chromium.html in the install folder.',
    credits: ipDatabaseLicences,
    website: 'https://portscope.invalid',
    iconPath: iconFile,
  });

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  });

  app.on('web-contents-created', (_event, contents) => {
    // The page is a single document: it never navigates, opens windows or embeds pages.
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-frame-navigate', (event) => {
      if (!event.isMainFrame) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  const openWindow = (store: FileSettingsStore): BrowserWindow => {
    const window = createMainWindow(store);
    mainWindow = window;
    window.on('closed', () => {
      if (mainWindow === window) mainWindow = null;
    });
    return window;
  };

  // macOS: clicking the dock icon with no window open brings one back.
  app.on('activate', () => {
    if (!mainWindow && settings) openWindow(settings);
  });

  /** Brings the window to the front (a notification was clicked), reopening it if closed. */
  const showWindow = () => {
    const window = mainWindow ?? (settings ? openWindow(settings) : null);
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  };
  let uninstallNotifications: (() => void) | null = null;

  let cleanedUp = false;
  app.on('will-quit', (event) => {
    if (cleanedUp) return;
    // Stop the poll worker, write the change log's last lines, save the whois cache (all in
    // backend.stop()) and let the last settings write land before the process goes.
    event.preventDefault();
    cleanedUp = true;
    uninstallNotifications?.();
    uninstallNotifications = null;
    const done = Promise.allSettled([backend?.stop(), settings?.flush()]);
    const timeout = new Promise((resolve) => setTimeout(resolve, 3000));
    void Promise.race([done, timeout]).then(() => app.quit());
  });

  app
    .whenReady()
    .then(startWhenReady)
    .catch((error: unknown) => {
      // Without this a failure here leaves a process with no window that never quits.
      logError(error);
      dialog.showErrorBox(
        'Portscope could not start',
        error instanceof Error ? error.message : String(error),
      );
      app.exit(1);
    });

  async function startWhenReady(): Promise<void> {
    hardenSession(location);
    if (location.kind === 'app-protocol') {
      serveRenderer(location, contentSecurityPolicy(location));
    }
    settings = await createSettingsStore(join(app.getPath('userData'), 'settings.json'));
    const store = settings;

    const dialogs = createElectronDialogs(getWindow);
    // On an OS without a platform backend (Windows, macOS so far) createPlatformBackend() throws;
    // the window still opens and every poll fails with the reason, shown in the status bar.
    const platform = platformBackendOrReason(createPlatformBackend, process.platform);
    backend = createBackend({
      platform: platform.backend,
      settings: store,
      dialogs,
      emit,
      dataDir: app.getPath('userData'),
      // The worker builds its own platform backend; where there is none it would only fail.
      pollSource: platform.supported ? 'worker' : 'in-process',
    });
    const { handlers } = backend;
    // Right-click menu and clipboard for the row actions (electron/row-menu.ts).
    attachActionsNative(
      backend.context,
      createElectronActionsNative(getWindow, {
        markKnown: async (request) => handlers.markKnown(request),
      }),
    );
    registerIpcHandlers(handlers, location);

    const setMenu = () => {
      const { intervalMs, paused } = store.get().poll;
      const template = appMenuTemplate({
        platform: process.platform,
        appName: app.getName(),
        developer: !app.isPackaged,
        intervalMs,
        paused,
        sendCommand: (command) => emit('menuCommand', { command }),
        refreshNow: () => void Promise.resolve(handlers.refreshNow()).catch(logError),
        setIntervalMs: (ms) => void Promise.resolve(handlers.setPollInterval(ms)).catch(logError),
        setPaused: (value) => void Promise.resolve(handlers.setPaused(value)).catch(logError),
      });
      Menu.setApplicationMenu(Menu.buildFromTemplate(template));
    };
    setMenu();
    // Keep the radio items and the Pause check in step when the page changes them.
    let lastPoll = store.get().poll;
    store.onChange((next) => {
      if (next.poll !== lastPoll) {
        lastPoll = next.poll;
        setMenu();
      }
    });

    const window = openWindow(store);

    if (store.loadProblems.length > 0) {
      void dialog.showMessageBox(window, {
        type: 'warning',
        title: 'Settings reset',
        message: 'Some settings could not be read and were reset to their defaults.',
        detail: store.loadProblems.join('\n\n'),
      });
    }

    try {
      await backend.start();
    } catch (error) {
      logError(error);
      dialog.showErrorBox(
        'Portscope cannot read connections',
        error instanceof Error ? error.message : String(error),
      );
    }
    // New suspicious rows as desktop notifications (the rules decide which and how often; the
    // first poll is the baseline, so nothing is announced for connections open at start).
    if (!cleanedUp) uninstallNotifications = installSuspicionNotifications(showWindow);
  }
}

function createMainWindow(settings: FileSettingsStore): BrowserWindow {
  const restored = restoreWindowBounds(
    settings.get().window,
    [screen.getPrimaryDisplay(), ...screen.getAllDisplays()].map((display) => display.workArea),
  );
  const window = new BrowserWindow({
    ...restored.bounds,
    minWidth: 400,
    minHeight: 300,
    show: false,
    title: 'Portscope',
    icon: iconFile,
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#1e1e1e' : '#ffffff',
    webPreferences: {
      preload: join(here, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: !app.isPackaged,
    },
  });

  window.once('ready-to-show', () => {
    if (restored.maximized) window.maximize();
    window.show();
  });

  // Size and position are saved when they settle, and once more on close.
  let saveTimer: NodeJS.Timeout | undefined;
  const saveBounds = () => {
    clearTimeout(saveTimer);
    if (window.isDestroyed() || window.isMinimized() || window.isFullScreen()) return;
    const next = boundsToSave(window.getNormalBounds(), window.isMaximized());
    const previous = settings.get().window;
    if (JSON.stringify(next) === JSON.stringify(previous)) return;
    settings.update({ window: next }).catch(logError);
  };
  const saveSoon = () => {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(saveBounds, 500);
  };
  window.on('resize', saveSoon);
  window.on('move', saveSoon);
  window.on('maximize', saveSoon);
  window.on('unmaximize', saveSoon);
  window.on('close', saveBounds);

  void window.loadURL(location.url);
  return window;
}

function hardenSession(where: RendererLocation): void {
  const ses = session.defaultSession;
  // Portscope needs no camera, notifications, clipboard-read, geolocation …: refuse them all.
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRequestUrl(details.url, where);
    if (!allowed) console.warn(`Portscope: blocked a request to ${details.url}`);
    callback({ cancel: !allowed });
  });
  // The dev server's responses get the CSP here; portscope://app sets it itself (app-protocol.ts).
  const policy = contentSecurityPolicy(where);
  ses.webRequest.onHeadersReceived((details, callback) => {
    if (!needsCspHeader(details.url, where)) {
      callback({});
      return;
    }
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy] },
    });
  });
}

function logError(error: unknown): void {
  console.error('Portscope:', error);
}

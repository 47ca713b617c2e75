// The Electron main process, as the app's life story: decide between the CLI and the window,
// start the backend, open the window, stop cleanly on quit. Each concern's Electron wiring is a
// small module beside this one (main-window, session-hardening, application-menu, about-panel,
// cli-mode, notify, row-menu, ipc, agent-elevation), and every decision that can be made without
// Electron lives in a plain, unit-tested module (launch-args, renderer-location,
// content-security-policy, window-state, window-as-root, app-menu, ipc-dispatch, core/*).
import { app, dialog, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import type { EmitEvent } from '../shared/contract';
import { setAboutPanel } from './about-panel';
import { appElevation, refuseWindowAsRoot } from './agent-elevation';
import { rendererDir } from './app-files';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { installApplicationMenu } from './application-menu';
import { runCommandLine } from './cli-mode';
import { contentSecurityPolicy } from './content-security-policy';
import { separateDevelopmentUserData } from './dev-user-data';
import { attachActionsNative } from './core/actions/handlers';
import { createBackend, type Backend } from './core/backend';
import { createSettingsStore, type FileSettingsStore } from './core/settings-store';
import { createElectronDialogs } from './dialogs';
import { createWindowEmitter, registerIpcHandlers } from './ipc';
import { cliArgsFromLaunch, userArgs } from './launch-args';
import { createMainWindow } from './main-window';
import { installSuspicionNotifications } from './notify';
import { attachProcessIcons } from './process-icons';
import { createPlatformBackend, resolveBackendName } from './platform';
import { rendererLocation } from './renderer-location';
import { createElectronActionsNative } from './row-menu';
import { guardWebContents, hardenSession } from './session-hardening';
import { installTray } from './tray';
import { platformBackendOrReason } from './unsupported-platform';

const location = rendererLocation({
  devServerUrl: process.env.ELECTRON_RENDERER_URL,
  isPackaged: app.isPackaged,
  rendererDir,
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
  // The CLI (and the elevated agent, `portscope agent`) may run as root; the window may not.
  void runCommandLine(cliArgs);
} else if (refuseWindowAsRoot()) {
  // Said how to see every process without it (the agent), and exits.
} else {
  // `npm start` keeps its own settings and lock, apart from an installed Portscope.
  separateDevelopmentUserData();
  if (!app.requestSingleInstanceLock()) {
    // Another Portscope has the window; it is told (second-instance) and comes to the front.
    app.quit();
  } else {
    startWindowedApp();
  }
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
  // Before ready: Electron takes privileged schemes only then.
  registerAppScheme();
  setAboutPanel();
  guardWebContents();

  const openWindow = (store: FileSettingsStore): BrowserWindow => {
    const window = createMainWindow(store, location, logError);
    mainWindow = window;
    window.on('closed', () => {
      if (mainWindow === window) mainWindow = null;
    });
    return window;
  };

  /** Brings the window to the front (second instance, a notification clicked), reopening it. */
  const showWindow = () => {
    const window = mainWindow ?? (settings ? openWindow(settings) : null);
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  };

  app.on('second-instance', () => {
    if (mainWindow) showWindow();
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // macOS: clicking the dock icon brings the window back (closed, or hidden in the menu bar).
  app.on('activate', () => {
    if (settings) showWindow();
  });

  let uninstallNotifications: (() => void) | null = null;
  let uninstallTray: (() => void) | null = null;
  let cleanedUp = false;
  app.on('will-quit', (event) => {
    if (cleanedUp) return;
    // Stop the poll worker, write the change log's last lines, save the whois cache (all in
    // backend.stop()) and let the last settings write land before the process goes.
    event.preventDefault();
    cleanedUp = true;
    uninstallNotifications?.();
    uninstallNotifications = null;
    // The tray goes first: its refresh timer would otherwise redraw it while the backend stops.
    uninstallTray?.();
    uninstallTray = null;
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
    // Where Portscope cannot read connections (an OS without a backend, an unknown
    // PORTSCOPE_BACKEND) the window still opens and every poll fails with the reason, shown in
    // the status bar.
    const platform = platformBackendOrReason(
      () => createPlatformBackend(resolveBackendName(process.platform)),
      process.platform,
    );
    backend = createBackend({
      platform: platform.backend,
      settings: store,
      dialogs,
      emit,
      dataDir: app.getPath('userData'),
      // The worker builds its own platform backend; where there is none it would only fail.
      pollSource: platform.supported ? 'worker' : 'in-process',
      backendName: platform.supported ? resolveBackendName(process.platform) : undefined,
      // "Show all processes…": one administrator prompt starts the agent for the session.
      elevation: platform.supported ? appElevation() : undefined,
    });
    const { handlers } = backend;
    // Right-click menu and clipboard for the row actions (electron/row-menu.ts).
    attachActionsNative(
      backend.context,
      createElectronActionsNative(getWindow, {
        markKnown: async (request) => handlers.markKnown(request),
      }),
    );
    // The Process column's icons (app.getFileIcon on the executable main finds for a pid).
    attachProcessIcons(backend.context);
    registerIpcHandlers(handlers, location);
    installApplicationMenu(store, handlers, emit, logError);
    // The suspicious count in the tray; Show/Hide, Pause, Quit; "close to tray" when chosen.
    uninstallTray = installTray({
      settings: store,
      handlers,
      table: backend.table,
      getWindow,
      showWindow,
      logError,
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

function logError(error: unknown): void {
  console.error('Portscope:', error);
}

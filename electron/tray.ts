// The tray icon (Linux, Windows; the menu bar on macOS): the suspicious count in its tooltip and
// title, an alert badge while a warning or danger is open, and a menu to show or hide the window,
// pause updates and quit. With "close to tray" on (Preferences, off by default), closing the
// window hides it here instead of quitting. What it shows is decided in tray-model.ts (unit-
// tested); this file only hands that to Electron. electron/main.ts installs it once.
import {
  app,
  BrowserWindow,
  Menu,
  nativeImage,
  Tray,
  type MenuItemConstructorOptions,
} from 'electron';
import type { InvokeHandlers } from '../shared/contract';
import { trayIconFiles } from './app-files';
import type { ConnectionTableView, SettingsStore } from './core/context';
import {
  countSuspicious,
  hideOnClose,
  trayModel,
  type TrayCommand,
  type TrayModel,
} from './tray-model';

export interface TrayOptions {
  settings: SettingsStore;
  handlers: Pick<InvokeHandlers, 'setPaused'>;
  table: ConnectionTableView;
  getWindow(): BrowserWindow | null;
  /** Show and focus the window, opening it again if it was closed. */
  showWindow(): void;
  logError(error: unknown): void;
}

/** The table is counted this often: cheap (one pass over the rows) and soon enough for a glance. */
const REFRESH_MS = 2000;

export function installTray(options: TrayOptions): () => void {
  const { settings } = options;
  let tray: Tray | null = null;
  try {
    const icon = nativeImage.createFromPath(
      process.platform === 'darwin' ? trayIconFiles.template : trayIconFiles.normal,
    );
    tray = new Tray(icon);
  } catch (error) {
    // No status area on this desktop: the window works as before, and never hides to a tray.
    options.logError(error);
  }
  let quitting = false;
  let shown: TrayModel | null = null;
  const images = {
    normal: nativeImage.createFromPath(trayIconFiles.normal),
    alert: nativeImage.createFromPath(trayIconFiles.alert),
  };

  const windowVisible = () => {
    const window = options.getWindow();
    return window !== null && !window.isDestroyed() && window.isVisible();
  };

  const run = (command: TrayCommand) => {
    if (command === 'quit') {
      app.quit();
    } else if (command === 'pause') {
      const paused = !settings.get().poll.paused;
      void Promise.resolve(options.handlers.setPaused(paused)).catch(options.logError);
    } else if (windowVisible()) {
      options.getWindow()?.hide();
    } else {
      options.showWindow();
    }
    refresh();
  };

  const menuOf = (model: TrayModel): MenuItemConstructorOptions[] =>
    model.menu.map((entry): MenuItemConstructorOptions => {
      if (entry.kind === 'separator') return { type: 'separator' };
      if (entry.kind === 'info') return { label: entry.label, enabled: false };
      return {
        label: entry.label,
        ...(entry.checked !== undefined ? { type: 'checkbox', checked: entry.checked } : {}),
        click: () => run(entry.command),
      };
    });

  function refresh(): void {
    if (!tray || tray.isDestroyed()) return;
    const model = trayModel({
      suspicious: countSuspicious(options.table.rows()),
      paused: settings.get().poll.paused,
      windowVisible: windowVisible(),
      platform: process.platform,
    });
    const previous = shown;
    shown = model;
    if (previous?.tooltip !== model.tooltip) tray.setToolTip(model.tooltip);
    if (process.platform === 'darwin') {
      if (previous?.title !== model.title) tray.setTitle(model.title);
    } else if (previous?.icon !== model.icon) {
      tray.setImage(images[model.icon]);
    }
    // Rebuilt only when it changed: Linux status notifiers re-send the whole menu each time.
    if (JSON.stringify(previous?.menu) !== JSON.stringify(model.menu)) {
      tray.setContextMenu(Menu.buildFromTemplate(menuOf(model)));
    }
  }

  // Activating the icon shows or hides the window: a left click on Windows, and on Linux whatever
  // the desktop calls activation (Electron emits 'click' for it; KDE and AppIndicator hosts differ).
  // On macOS a click opens the menu, as menu-bar items do.
  if (tray && process.platform !== 'darwin') tray.on('click', () => run('toggleWindow'));

  const watchWindow = (window: BrowserWindow) => {
    window.on('show', refresh);
    window.on('hide', refresh);
    window.on('close', (event) => {
      const trayShown = tray !== null && !tray.isDestroyed();
      if (!hideOnClose({ closeToTray: settings.get().ui.closeToTray, trayShown, quitting })) return;
      event.preventDefault();
      window.hide();
    });
  };
  const onWindowCreated = (_event: unknown, window: BrowserWindow) => watchWindow(window);
  const onBeforeQuit = () => {
    quitting = true;
  };
  for (const window of BrowserWindow.getAllWindows()) watchWindow(window);
  app.on('browser-window-created', onWindowCreated);
  app.on('before-quit', onBeforeQuit);
  const offSettings = settings.onChange(refresh);
  const timer = setInterval(refresh, REFRESH_MS);
  timer.unref();
  refresh();

  return () => {
    clearInterval(timer);
    offSettings();
    app.off('browser-window-created', onWindowCreated);
    app.off('before-quit', onBeforeQuit);
    tray?.destroy();
    tray = null;
  };
}

// The one window: sandboxed, isolated, no Node; its size and position restored and saved.
import { app, BrowserWindow, nativeTheme, screen } from 'electron';
import type { FileSettingsStore } from './core/settings-store';
import { iconFile, preloadFile } from './app-files';
import type { RendererLocation } from './renderer-location';
import { boundsToSave, restoreWindowBounds } from './window-state';
import { WINDOW_BACKGROUND } from '../shared/window-background';

export function createMainWindow(
  settings: FileSettingsStore,
  location: RendererLocation,
  logError: (error: unknown) => void,
): BrowserWindow {
  const restored = restoreWindowBounds(
    settings.get().window,
    [screen.getPrimaryDisplay(), ...screen.getAllDisplays()].map((display) => display.workArea),
  );
  // The theme chosen in Preferences (system, light, dark) also colours the native menus and
  // dialogs, and what the page sees as prefers-color-scheme.
  const followTheme = () => {
    nativeTheme.themeSource = settings.get().ui.theme;
  };
  followTheme();
  const window = new BrowserWindow({
    ...restored.bounds,
    minWidth: 400,
    minHeight: 300,
    show: false,
    title: 'Portscope',
    icon: iconFile,
    backgroundColor: WINDOW_BACKGROUND[nativeTheme.shouldUseDarkColors ? 'dark' : 'light'],
    webPreferences: {
      preload: preloadFile,
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
  const offTheme = settings.onChange(followTheme);
  window.on('closed', offTheme);

  void window.loadURL(location.url);
  return window;
}

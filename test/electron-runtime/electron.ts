// A stand-in for the `electron` module, for running Portscope's real main process (the built
// out/main/index.js) and its real preload (out/preload/index.cjs) where the Electron binary
// cannot run. It implements exactly the part of Electron's API the app uses, typed as Electron
// types it (surface.ts; the app's glue is also type-checked against it), and behaves as
// Electron documents:
//
//   app            lifecycle (ready, quit order, exit), single-instance lock scoped to userData
//                  (main/single-instance.ts), paths, about panel, sandbox switch
//   BrowserWindow  a real Chromium page per window (playwright-core), with the frame's state
//                  kept as a window manager would (main/browser-window.ts)
//   webContents    preload in an isolated world before any page script, IPC with the real
//                  sending frame, send(), navigation events that can stop a navigation,
//                  setWindowOpenHandler (main/web-contents.ts)
//   protocol       privileged schemes before ready; protocol.handle answers the page's requests
//                  with real Request/Response objects (main/protocol.ts). Chromium under the
//                  DevTools protocol cannot load a custom scheme, so a standard+secure scheme is
//                  served to it as one https origin; main/scheme-origin.ts is the only place
//                  that maps it, and everything the app sees is mapped back.
//   session        permission handlers (asked per origin before a page loads), webRequest
//                  onBeforeRequest/onHeadersReceived on every request (main/session.ts)
//   ipcMain        invoke handlers, Electron's errors and "No handler registered"
//   Menu           templates validated, roles, accelerators fired by keys the page did not
//                  handle, popup() answered by the test
//   dialog, Notification, Tray, clipboard, nativeTheme, screen, app.getFileIcon
//                  the desktop around the app, played by the test over the control channel
//                  (main/tray.ts: the status-area icon, its menu clicked by the test;
//                  main/file-icons.ts: the icon theme)
//   nativeImage    PNG files, with their @2x variants (main/native-image.ts)
//   contextBridge, ipcRenderer
//                  in the preload's world only (page/isolated-world.ts, page/world-link.ts)
//
// How it is run: test/electron-runtime/launch.ts starts `node` with a module hook that resolves
// 'electron' to the bundle of this file, in a child process of its own, as Electron runs main in
// a process of its own; the test talks to it over Node's IPC channel
// (wire/control-protocol.ts) and drives the same Chromium pages over its own DevTools connection.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ElectronSurface } from './surface';
import { app } from './main/app';
import { BrowserWindow, BrowserWindowStandIn } from './main/browser-window';
import { clipboard, clipboardText } from './main/clipboard';
import { dialog } from './main/dialog';
import { electronEvent } from './main/electron-event';
import { ipcMain } from './main/ipc-main';
import { applicationMenuStandIn, Menu, roleActions } from './main/menu';
import { nativeImage } from './main/native-image';
import { nativeTheme } from './main/native-theme';
import { clickNotification, closeNotification, Notification } from './main/notification';
import { protocol } from './main/protocol';
import { windows } from './main/registry';
import { callLog, config, control, lifecycle, plain, record } from './main/runtime';
import { screen } from './main/screen';
import { session } from './main/session';
import { clickTray, clickTrayMenu, Tray, traySnapshots } from './main/tray';

// ── The process as Electron sets it up ──────────────────────────────────────────────────────────

const electronPackage = JSON.parse(
  readFileSync(createRequire(import.meta.url).resolve('electron/package.json'), 'utf8'),
) as { version: string };

Object.defineProperty(process.versions, 'electron', {
  value: electronPackage.version,
  enumerable: true,
  configurable: true,
});
Object.defineProperty(process, 'type', { value: 'browser', configurable: true });
if (config.packaged) {
  // A packaged app's argv has no app path after the executable.
  process.argv.splice(1, 1);
} else {
  // `electron .`: the app path follows the executable, and defaultApp says so.
  Object.defineProperty(process, 'defaultApp', { value: true, configurable: true });
}

roleActions.run = (role, window) => {
  const target =
    (window as BrowserWindowStandIn | undefined) ?? BrowserWindowStandIn.getFocusedWindow();
  switch (role) {
    case 'quit':
      app.quit();
      break;
    case 'close':
      target?.close();
      break;
    case 'minimize':
      target?.minimize();
      break;
    case 'togglefullscreen':
      target?.setFullScreen(!target.isFullScreen());
      break;
    case 'about':
      app.showAboutPanel();
      break;
    case 'reload':
    case 'forceReload':
      void target?.webContents.page.reload().catch(() => undefined);
      break;
    default:
      // Editing, zoom and developer-tools roles act inside Chromium's own UI, which a headless
      // page does not have; the choice is recorded (menu.choose) and nothing else happens.
      break;
  }
};

// Electron shows an uncaught exception of the main process in an error box and carries on.
process.on('uncaughtException', (error: unknown) => {
  const content = `Uncaught Exception:\n${error instanceof Error ? error.stack : String(error)}`;
  record('main.uncaughtException', { message: String(error) });
  control.send({
    type: 'errorBox',
    title: 'A JavaScript error occurred in the main process',
    content,
  });
  console.error(content);
});

// The test that started the app went away: end as a quit would, then for certain.
process.on('disconnect', () => {
  app.quit();
  setTimeout(() => app.exit(1), 5000).unref();
});

control.onCommand(async (command) => {
  switch (command.command) {
    case 'state': {
      const menu = applicationMenuStandIn();
      return {
        ready: lifecycle.ready,
        windows: windows.map((window) => window.snapshot()),
        applicationMenu: menu ? menu.items.map((item) => item.snapshot()) : null,
        clipboard: clipboardText(),
        userData: app.getPath('userData'),
        sandboxEnabled: app.sandboxEnabled,
        privilegedSchemes: plain(protocol.privileged),
        handledSchemes: protocol.handledSchemes(),
        aboutPanel: app.aboutPanelOptions,
        trays: traySnapshots(),
      };
    }
    case 'clickAppMenu': {
      const item = applicationMenuStandIn()?.find(command.path);
      if (!item) throw new Error(`No application menu item ${command.path.join(' > ')}`);
      item.choose(BrowserWindowStandIn.getFocusedWindow() ?? undefined);
      return null;
    }
    case 'clickTray':
      clickTray(command.trayId);
      return null;
    case 'clickTrayMenu':
      clickTrayMenu(command.trayId, command.path);
      return null;
    case 'clickNotification':
      clickNotification(command.notificationId);
      return null;
    case 'closeNotification':
      closeNotification(command.notificationId);
      return null;
    case 'window': {
      const window = windows.find((candidate) => candidate.id === command.windowId);
      if (!window) throw new Error(`No window ${command.windowId}`);
      if (command.op === 'setBounds') window.setBounds(command.bounds ?? {});
      else window[command.op]();
      return window.snapshot();
    }
    case 'setTheme': {
      config.theme = command.theme;
      const colorScheme = nativeTheme.shouldUseDarkColors ? 'dark' : 'light';
      await Promise.all(
        windows.map((window) =>
          window.webContents.ready.then(() =>
            window.webContents.page.emulateMedia({ colorScheme }),
          ),
        ),
      );
      nativeTheme.emit('updated');
      return null;
    }
    case 'quit':
      app.quit();
      return null;
    case 'activate':
      app.emit('activate', electronEvent(), windows.length > 0);
      return null;
  }
});

record('electron.loaded', { packaged: config.packaged, calls: callLog.length });

// ── The module ──────────────────────────────────────────────────────────────────────────────────

export {
  app,
  BrowserWindow,
  protocol,
  session,
  ipcMain,
  Menu,
  dialog,
  Notification,
  nativeTheme,
  nativeImage,
  Tray,
  screen,
  clipboard,
};

// Every main-process name of the surface is exported, with the surface's type.
export const mainProcessModule: Omit<ElectronSurface, 'contextBridge' | 'ipcRenderer'> = {
  app,
  BrowserWindow,
  protocol,
  session,
  ipcMain,
  Menu,
  dialog,
  Notification,
  nativeTheme,
  nativeImage,
  Tray,
  screen,
  clipboard,
};

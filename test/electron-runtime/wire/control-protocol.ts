// The channel between a test and the app process it runs under the stand-in (Node's IPC channel
// of the child process, `process.send`): the test scripts what a person would do at the native
// parts Chromium does not draw (dialogs, menus, notifications, tray icons, the window frame), and
// reads what the app did with them. Types only, shared by both ends.

/** How the test configures the stand-in (JSON in the ELECTRON_STANDIN environment variable). */
export interface StandInConfig {
  /** The Chromium the windows run in (test/support/chromium.ts resolves it). */
  chromium: { executablePath: string; env: Record<string, string>; args: string[] };
  /** Emulate a packaged app: app.isPackaged true, no app path in process.argv. */
  packaged: boolean;
  /** The screens, primary first (work area = bounds; no panels). */
  displays: { width: number; height: number }[];
  /** The desktop's colour scheme, as nativeTheme and prefers-color-scheme report it. */
  theme: 'light' | 'dark';
  /** Whether the desktop has a notification server (Notification.isSupported()). */
  notificationsSupported: boolean;
  /** Extra Chromium switches for this app's browser (the benchmark's). */
  chromiumArgs: string[];
}

/** One thing the app did through the stand-in's API, in order (the start-up order tests). */
export interface CallRecord {
  /** e.g. 'protocol.registerSchemesAsPrivileged', 'app.ready', 'BrowserWindow.new'. */
  call: string;
  /** What the test may check: plain data only. */
  detail?: unknown;
  /** Whether the app was ready at the time. */
  ready: boolean;
  /** Milliseconds since the app process started. */
  at: number;
}

export interface MenuItemSnapshot {
  label: string;
  type: string;
  role: string | null;
  enabled: boolean;
  visible: boolean;
  checked: boolean;
  accelerator: string | null;
  registerAccelerator: boolean;
  submenu: MenuItemSnapshot[] | null;
}

export interface WindowSnapshot {
  id: number;
  webContentsId: number;
  /** The page's Chromium target, to find it from the test's own CDP connection. */
  targetId: string;
  url: string;
  title: string;
  visible: boolean;
  focused: boolean;
  minimized: boolean;
  maximized: boolean;
  fullScreen: boolean;
  destroyed: boolean;
  bounds: { x: number; y: number; width: number; height: number };
  webPreferences: Record<string, unknown>;
}

export interface NotificationRecord {
  id: number;
  title: string;
  body: string;
  urgency: string | null;
  silent: boolean;
  shown: boolean;
}

/** A NativeImage as the test sees it: which file it came from and its size in DIPs. */
export interface NativeImageSnapshot {
  /** The path it was created from (resolved), or null (made from data, or empty). */
  path: string | null;
  empty: boolean;
  width: number;
  height: number;
  /** Its representations (1 = the file itself; 2 = its @2x file beside it …). */
  scaleFactors: number[];
}

/** A tray icon as the desktop shows it. */
export interface TraySnapshot {
  id: number;
  image: NativeImageSnapshot;
  toolTip: string;
  /** The title beside the icon: '' on Linux, where setTitle shows nothing (macOS only). */
  title: string;
  /** The context menu as shown: as it was at the last setContextMenu (null: none). */
  contextMenu: MenuItemSnapshot[] | null;
  destroyed: boolean;
}

export type AppRequest =
  | { kind: 'messageBox'; window: number | null; options: Record<string, unknown> }
  | { kind: 'saveDialog'; window: number | null; options: Record<string, unknown> }
  | { kind: 'openDialog'; window: number | null; options: Record<string, unknown> }
  | { kind: 'menuPopup'; window: number | null; items: MenuItemSnapshot[] };

/** App → test. */
export type AppMessage =
  | { type: 'log'; record: CallRecord }
  | { type: 'browser'; wsEndpoint: string }
  | { type: 'window'; window: WindowSnapshot }
  | { type: 'errorBox'; title: string; content: string }
  /** A console error or uncaught error in a window's page (the test's pageErrors). */
  | { type: 'pageError'; webContentsId: number; text: string }
  | { type: 'notification'; notification: NotificationRecord }
  /** A tray icon was made or changed (image, tooltip, menu, destroyed). */
  | { type: 'tray'; tray: TraySnapshot }
  | { type: 'request'; id: number; request: AppRequest }
  | { type: 'reply'; id: number; ok: true; value: unknown }
  | { type: 'reply'; id: number; ok: false; error: string };

export type AppCommand =
  | { command: 'state' }
  | { command: 'clickAppMenu'; path: string[] }
  /** The person clicks (activates) a tray icon. */
  | { command: 'clickTray'; trayId: number }
  /** The person clicks an item of a tray icon's menu, by its labels as shown. */
  | { command: 'clickTrayMenu'; trayId: number; path: string[] }
  | { command: 'clickNotification'; notificationId: number }
  | { command: 'closeNotification'; notificationId: number }
  | {
      command: 'window';
      windowId: number;
      op: 'minimize' | 'restore' | 'maximize' | 'close' | 'focus' | 'blur' | 'setBounds';
      bounds?: { x?: number; y?: number; width?: number; height?: number };
    }
  /** The desktop's colour scheme changes (pages follow, as Electron's follow the OS). */
  | { command: 'setTheme'; theme: 'light' | 'dark' }
  | { command: 'quit' }
  | { command: 'activate' };

/** Test → app (a command's fields never include `id`: that is the message's). */
export type TestMessage =
  | { type: 'answer'; id: number; ok: true; value: unknown }
  | { type: 'answer'; id: number; ok: false; error: string }
  | ({ type: 'command'; id: number } & AppCommand);

export interface AppState {
  ready: boolean;
  windows: WindowSnapshot[];
  applicationMenu: MenuItemSnapshot[] | null;
  clipboard: string;
  userData: string;
  sandboxEnabled: boolean;
  privilegedSchemes: unknown[];
  handledSchemes: string[];
  aboutPanel: Record<string, unknown> | null;
  /** Every tray icon the app made, in order (destroyed ones too). */
  trays: TraySnapshot[];
}

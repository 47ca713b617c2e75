// The part of Electron's API that Portscope uses, written as Electron's own types (node_modules/
// electron/electron.d.ts): Picks of Electron's interfaces, and, where an Electron signature hands
// the app another Electron object (a WebContents, a frame, a window), the same signature with the
// stand-in's narrower object. Three checks keep it honest:
//   - `Electron.X extends XSurface` (the assertions at the end): every member and overload here
//     is one Electron has, with a signature Electron's satisfies;
//   - the stand-in's classes `implements` these surfaces (main/*.ts, page/*.ts);
//   - the app's Electron glue compiles against this file in place of 'electron'
//     (typecheck-app.mjs, part of `npm run typecheck`), so the app cannot use a
//     member the stand-in does not have, or use one with a signature Electron does not have.
// Adding a use of Electron to the app therefore means adding it here and to the stand-in.

type ElectronEvent<Params extends object = object> = Electron.Event<Params>;

// ── Frames and web contents ─────────────────────────────────────────────────────────────────────

/** A frame of a page (Electron's WebFrameMain): what a sender check reads. */
export interface FrameSurface extends Pick<
  Electron.WebFrameMain,
  'url' | 'origin' | 'name' | 'frameTreeNodeId' | 'isDestroyed'
> {
  readonly parent: FrameSurface | null;
  readonly top: FrameSurface | null;
}

interface NavigationParamsSurface {
  url: string;
  isSameDocument: boolean;
  isMainFrame: boolean;
  frame: FrameSurface | null;
  initiator?: FrameSurface | null;
}

export interface WebContentsSurface extends Pick<
  Electron.WebContents,
  'id' | 'getURL' | 'isDestroyed' | 'send' | 'setWindowOpenHandler'
> {
  on(
    event: 'will-navigate',
    listener: (
      details: ElectronEvent<NavigationParamsSurface>,
      url: string,
      isInPlace: boolean,
      isMainFrame: boolean,
      frameProcessId: number,
      frameRoutingId: number,
    ) => void,
  ): this;
  on(
    event: 'will-redirect',
    listener: (
      details: ElectronEvent<NavigationParamsSurface>,
      url: string,
      isInPlace: boolean,
      isMainFrame: boolean,
      frameProcessId: number,
      frameRoutingId: number,
    ) => void,
  ): this;
  on(
    event: 'will-frame-navigate',
    listener: (details: ElectronEvent<NavigationParamsSurface>) => void,
  ): this;
  on(
    event: 'will-attach-webview',
    listener: (
      event: ElectronEvent,
      webPreferences: Electron.WebPreferences,
      params: Record<string, string>,
    ) => void,
  ): this;
}

// ── Windows ─────────────────────────────────────────────────────────────────────────────────────

/** A window's events without arguments that the app listens for. */
type WindowEvent = 'closed' | 'resize' | 'move' | 'maximize' | 'unmaximize' | 'show' | 'hide';

export interface BaseWindowSurface extends Pick<
  Electron.BaseWindow,
  | 'id'
  | 'close'
  | 'destroy'
  | 'focus'
  | 'show'
  | 'hide'
  | 'restore'
  | 'minimize'
  | 'maximize'
  | 'unmaximize'
  | 'isDestroyed'
  | 'isVisible'
  | 'isFocused'
  | 'isMinimized'
  | 'isMaximized'
  | 'isFullScreen'
  | 'setFullScreen'
  | 'getBounds'
  | 'getNormalBounds'
  | 'getTitle'
> {
  on(event: 'close', listener: (event: ElectronEvent) => void): this;
  on(event: WindowEvent, listener: () => void): this;
  once(event: 'close', listener: (event: ElectronEvent) => void): this;
  once(event: WindowEvent, listener: () => void): this;
  setBounds(bounds: Partial<Electron.Rectangle>): void;
}

export interface BrowserWindowSurface
  extends BaseWindowSurface, Pick<Electron.BrowserWindow, 'loadURL'> {
  readonly webContents: WebContentsSurface;
  on(event: 'close', listener: (event: ElectronEvent) => void): this;
  on(event: WindowEvent | 'ready-to-show', listener: () => void): this;
  once(event: 'close', listener: (event: ElectronEvent) => void): this;
  once(event: WindowEvent | 'ready-to-show', listener: () => void): this;
}

export interface BrowserWindowConstructorSurface {
  new (options?: Electron.BrowserWindowConstructorOptions): BrowserWindowSurface;
  getAllWindows(): BrowserWindowSurface[];
  getFocusedWindow(): BrowserWindowSurface | null;
}

// ── app ─────────────────────────────────────────────────────────────────────────────────────────

export interface AppSurface extends Pick<
  Electron.App,
  | 'whenReady'
  | 'isReady'
  | 'quit'
  | 'exit'
  | 'requestSingleInstanceLock'
  | 'releaseSingleInstanceLock'
  | 'enableSandbox'
  | 'setAppUserModelId'
  | 'setAboutPanelOptions'
  | 'showAboutPanel'
  | 'getPath'
  | 'setPath'
  | 'getAppPath'
  | 'getName'
  | 'getVersion'
  | 'isPackaged'
  | 'dock'
> {
  /** Resolves with the desktop's icon for the file's type (main/file-icons.ts). */
  getFileIcon(path: string, options?: Electron.FileIconOptions): Promise<NativeImageSurface>;
  on(event: 'ready' | 'window-all-closed', listener: () => void): this;
  on(event: 'before-quit' | 'will-quit', listener: (event: ElectronEvent) => void): this;
  on(event: 'activate', listener: (event: ElectronEvent, hasVisibleWindows: boolean) => void): this;
  on(
    event: 'second-instance',
    listener: (
      event: ElectronEvent,
      argv: string[],
      workingDirectory: string,
      additionalData: unknown,
    ) => void,
  ): this;
  on(
    event: 'web-contents-created',
    listener: (event: ElectronEvent, webContents: WebContentsSurface) => void,
  ): this;
  on(
    event: 'browser-window-created',
    listener: (event: ElectronEvent, window: BrowserWindowSurface) => void,
  ): this;
  once(event: 'ready' | 'window-all-closed', listener: () => void): this;
  once(event: 'before-quit' | 'will-quit', listener: (event: ElectronEvent) => void): this;
  off(event: 'ready' | 'window-all-closed', listener: () => void): this;
  off(event: 'before-quit' | 'will-quit', listener: (event: ElectronEvent) => void): this;
  off(
    event: 'browser-window-created',
    listener: (event: ElectronEvent, window: BrowserWindowSurface) => void,
  ): this;
  removeListener(event: 'ready' | 'window-all-closed', listener: () => void): this;
  removeListener(
    event: 'before-quit' | 'will-quit',
    listener: (event: ElectronEvent) => void,
  ): this;
  removeListener(
    event: 'browser-window-created',
    listener: (event: ElectronEvent, window: BrowserWindowSurface) => void,
  ): this;
}

// ── protocol, session ───────────────────────────────────────────────────────────────────────────

export type ProtocolSurface = Pick<
  Electron.Protocol,
  'registerSchemesAsPrivileged' | 'handle' | 'unhandle' | 'isProtocolHandled'
>;

export type PermissionName = Parameters<
  NonNullable<Parameters<Electron.Session['setPermissionRequestHandler']>[0]>
>[1];

type RequestDetailsSurface<Details> = Omit<Details, 'webContents' | 'frame'> & {
  webContents?: WebContentsSurface;
  frame?: FrameSurface | null;
};
export type BeforeRequestDetails = RequestDetailsSurface<Electron.OnBeforeRequestListenerDetails>;
export type HeadersReceivedDetails =
  RequestDetailsSurface<Electron.OnHeadersReceivedListenerDetails>;

export interface WebRequestSurface {
  onBeforeRequest(
    listener:
      | ((
          details: BeforeRequestDetails,
          callback: (response: Electron.CallbackResponse) => void,
        ) => void)
      | null,
  ): void;
  onHeadersReceived(
    listener:
      | ((
          details: HeadersReceivedDetails,
          callback: (response: Electron.HeadersReceivedResponse) => void,
        ) => void)
      | null,
  ): void;
}

export interface SessionSurface extends Pick<Electron.Session, 'setDevicePermissionHandler'> {
  readonly webRequest: WebRequestSurface;
  setPermissionRequestHandler(
    handler:
      | ((
          webContents: WebContentsSurface,
          permission: PermissionName,
          callback: (permissionGranted: boolean) => void,
          details: Electron.PermissionRequest,
        ) => void)
      | null,
  ): void;
  setPermissionCheckHandler(
    handler:
      | ((
          webContents: WebContentsSurface | null,
          permission: PermissionName,
          requestingOrigin: string,
          details: Electron.PermissionCheckHandlerHandlerDetails,
        ) => boolean)
      | null,
  ): void;
}

export interface SessionModuleSurface {
  readonly defaultSession: SessionSurface;
}

// ── IPC ─────────────────────────────────────────────────────────────────────────────────────────

export interface IpcMainInvokeEventSurface extends Pick<
  Electron.IpcMainInvokeEvent,
  'frameId' | 'processId' | 'type' | 'preventDefault' | 'defaultPrevented'
> {
  sender: WebContentsSurface;
  readonly senderFrame: FrameSurface | null;
}

export interface IpcMainSurface {
  handle(
    channel: string,
    listener: (event: IpcMainInvokeEventSurface, ...args: unknown[]) => unknown,
  ): void;
  removeHandler(channel: string): void;
}

export interface IpcRendererSurface {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: IpcRendererEventSurface, ...args: unknown[]) => void): this;
  removeListener(
    channel: string,
    listener: (event: IpcRendererEventSurface, ...args: unknown[]) => void,
  ): this;
}

export interface IpcRendererEventSurface extends Pick<
  Electron.IpcRendererEvent,
  'ports' | 'preventDefault' | 'defaultPrevented'
> {
  sender: IpcRendererSurface;
}

export type ContextBridgeSurface = Pick<Electron.ContextBridge, 'exposeInMainWorld'>;

// ── Menus, dialogs, notifications, the rest ─────────────────────────────────────────────────────

export interface MenuItemOptionsSurface extends Omit<
  Electron.MenuItemConstructorOptions,
  'click' | 'submenu' | 'icon' | 'sharingItem'
> {
  click?: (
    menuItem: MenuItemSurface,
    window: BaseWindowSurface | undefined,
    event: Electron.KeyboardEvent,
  ) => void;
  submenu?: MenuItemOptionsSurface[];
}

export interface MenuItemSurface extends Pick<
  Electron.MenuItem,
  | 'label'
  | 'type'
  | 'role'
  | 'accelerator'
  | 'registerAccelerator'
  | 'enabled'
  | 'visible'
  | 'checked'
  | 'id'
  | 'toolTip'
  | 'sublabel'
> {
  submenu?: MenuSurface;
}

export interface PopupOptionsSurface extends Omit<Electron.PopupOptions, 'window' | 'frame'> {
  window?: BaseWindowSurface;
}

export interface MenuSurface {
  readonly items: MenuItemSurface[];
  popup(options?: PopupOptionsSurface): void;
}

export interface MenuStaticSurface {
  buildFromTemplate(template: MenuItemOptionsSurface[]): MenuSurface;
  setApplicationMenu(menu: MenuSurface | null): void;
  getApplicationMenu(): MenuSurface | null;
}

export interface DialogSurface extends Pick<Electron.Dialog, 'showErrorBox'> {
  showMessageBox(
    window: BaseWindowSurface,
    options: Electron.MessageBoxOptions,
  ): Promise<Electron.MessageBoxReturnValue>;
  showMessageBox(options: Electron.MessageBoxOptions): Promise<Electron.MessageBoxReturnValue>;
  showSaveDialog(
    window: BaseWindowSurface,
    options: Electron.SaveDialogOptions,
  ): Promise<Electron.SaveDialogReturnValue>;
  showSaveDialog(options: Electron.SaveDialogOptions): Promise<Electron.SaveDialogReturnValue>;
  showOpenDialog(
    window: BaseWindowSurface,
    options: Electron.OpenDialogOptions,
  ): Promise<Electron.OpenDialogReturnValue>;
  showOpenDialog(options: Electron.OpenDialogOptions): Promise<Electron.OpenDialogReturnValue>;
}

export interface NotificationSurface extends Pick<
  Electron.Notification,
  'show' | 'close' | 'title' | 'body' | 'urgency' | 'silent'
> {
  on(event: 'click' | 'show', listener: (event: ElectronEvent) => void): this;
}

export interface NotificationConstructorSurface {
  new (options?: Electron.NotificationConstructorOptions): NotificationSurface;
  isSupported(): boolean;
}

// ── Images and the tray ─────────────────────────────────────────────────────────────────────────

export type NativeImageSurface = Pick<
  Electron.NativeImage,
  'isEmpty' | 'getSize' | 'toPNG' | 'toDataURL'
>;

/** The `nativeImage` module (Electron's NativeImage class's static side). */
export interface NativeImageModuleSurface {
  createFromPath(path: string): NativeImageSurface;
  createEmpty(): NativeImageSurface;
}

export interface TraySurface extends Pick<
  Electron.Tray,
  'destroy' | 'isDestroyed' | 'setToolTip' | 'setTitle'
> {
  setImage(image: NativeImageSurface | string): void;
  setContextMenu(menu: MenuSurface | null): void;
  on(
    event: 'click',
    listener: (
      event: Electron.KeyboardEvent,
      bounds: Electron.Rectangle,
      position: Electron.Point,
    ) => void,
  ): this;
}

export interface TrayConstructorSurface {
  new (image: NativeImageSurface | string, guid?: string): TraySurface;
}

export type NativeThemeSurface = Pick<Electron.NativeTheme, 'shouldUseDarkColors' | 'themeSource'>;
export type ScreenSurface = Pick<Electron.Screen, 'getPrimaryDisplay' | 'getAllDisplays'>;
export type ClipboardSurface = Pick<Electron.Clipboard, 'writeText' | 'readText'>;

/** What `import … from 'electron'` gives the app's main process and its preload. */
export interface ElectronSurface {
  app: AppSurface;
  BrowserWindow: BrowserWindowConstructorSurface;
  protocol: ProtocolSurface;
  session: SessionModuleSurface;
  ipcMain: IpcMainSurface;
  Menu: MenuStaticSurface;
  dialog: DialogSurface;
  Notification: NotificationConstructorSurface;
  nativeTheme: NativeThemeSurface;
  nativeImage: NativeImageModuleSurface;
  Tray: TrayConstructorSurface;
  screen: ScreenSurface;
  clipboard: ClipboardSurface;
  contextBridge: ContextBridgeSurface;
  ipcRenderer: IpcRendererSurface;
}

// ── Every surface is a part of Electron's own API ───────────────────────────────────────────────
// A compile error here means a surface above says something Electron's .d.ts does not.

type Holds<T extends true> = T;
/**
 * A constructor as a method. TypeScript compares a `new` signature's parameters one way only but a
 * method's both ways, and the surfaces narrow parameters to stand-in types (NativeImageSurface for
 * NativeImage) the way they do for methods: compared as methods, a constructor surface is checked
 * as the method surfaces are.
 */
type AsFactory<C extends abstract new (...args: never) => unknown> = {
  create(...args: ConstructorParameters<C>): InstanceType<C>;
};
export type SurfaceChecks = [
  Holds<Electron.WebFrameMain extends FrameSurface ? true : false>,
  Holds<Electron.WebContents extends WebContentsSurface ? true : false>,
  Holds<Electron.BaseWindow extends BaseWindowSurface ? true : false>,
  Holds<Electron.BrowserWindow extends BrowserWindowSurface ? true : false>,
  Holds<typeof Electron.BrowserWindow extends BrowserWindowConstructorSurface ? true : false>,
  Holds<Electron.App extends AppSurface ? true : false>,
  Holds<Electron.Session extends SessionSurface ? true : false>,
  Holds<Electron.WebRequest extends WebRequestSurface ? true : false>,
  Holds<Electron.IpcMainInvokeEvent extends IpcMainInvokeEventSurface ? true : false>,
  Holds<Electron.IpcMain extends IpcMainSurface ? true : false>,
  Holds<Electron.IpcRenderer extends IpcRendererSurface ? true : false>,
  Holds<Electron.IpcRendererEvent extends IpcRendererEventSurface ? true : false>,
  Holds<Electron.MenuItem extends MenuItemSurface ? true : false>,
  Holds<Electron.Menu extends MenuSurface ? true : false>,
  Holds<typeof Electron.Menu extends MenuStaticSurface ? true : false>,
  Holds<Electron.Dialog extends DialogSurface ? true : false>,
  Holds<Electron.Notification extends NotificationSurface ? true : false>,
  Holds<typeof Electron.Notification extends NotificationConstructorSurface ? true : false>,
  Holds<Electron.NativeImage extends NativeImageSurface ? true : false>,
  Holds<typeof Electron.nativeImage extends NativeImageModuleSurface ? true : false>,
  Holds<Electron.Tray extends TraySurface ? true : false>,
  Holds<AsFactory<typeof Electron.Tray> extends AsFactory<TrayConstructorSurface> ? true : false>,
];

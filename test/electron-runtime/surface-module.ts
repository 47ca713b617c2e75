// The 'electron' module as the app's glue sees it when type-checked against the stand-in
// (typecheck-app.mjs maps 'electron' here): the values of surface.ts and the type
// names the app imports. Types only; the running stand-in is electron.ts (main process) and
// page/isolated-world.ts (preload).
import type * as Surface from './surface';

export declare const app: Surface.AppSurface;
export declare const BrowserWindow: Surface.BrowserWindowConstructorSurface;
export type BrowserWindow = Surface.BrowserWindowSurface;
export type BaseWindow = Surface.BaseWindowSurface;
export type WebContents = Surface.WebContentsSurface;
export declare const protocol: Surface.ProtocolSurface;
export declare const session: Surface.SessionModuleSurface;
export declare const ipcMain: Surface.IpcMainSurface;
export type IpcMainInvokeEvent = Surface.IpcMainInvokeEventSurface;
export declare const Menu: Surface.MenuStaticSurface;
export type MenuItemConstructorOptions = Surface.MenuItemOptionsSurface;
export declare const dialog: Surface.DialogSurface;
export declare const Notification: Surface.NotificationConstructorSurface;
export declare const nativeTheme: Surface.NativeThemeSurface;
export declare const nativeImage: Surface.NativeImageModuleSurface;
export type NativeImage = Surface.NativeImageSurface;
export declare const Tray: Surface.TrayConstructorSurface;
export type Tray = Surface.TraySurface;
export declare const screen: Surface.ScreenSurface;
export declare const clipboard: Surface.ClipboardSurface;
export declare const contextBridge: Surface.ContextBridgeSurface;
export declare const ipcRenderer: Surface.IpcRendererSurface;
export type IpcRendererEvent = Surface.IpcRendererEventSurface;

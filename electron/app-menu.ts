// The application menu as a template (main passes it to Menu.buildFromTemplate). Only types come
// from 'electron' here, so the template is unit-tested without the Electron binary.
//
// Ctrl/Cmd+S (export), F5 (refresh), Ctrl/Cmd+P (pause) and the Connection menu's keys (Delete,
// Ctrl+K, Enter, Ctrl+C, Ctrl+A, Ctrl+F) are shown as accelerators but not registered
// (registerAccelerator: false): the page handles those keys itself, on the focused row, so a key
// press never triggers the action twice, and Ctrl/Cmd+P, Delete or Ctrl+C typed in the filter box
// stay text editing (Electron gives every key the page leaves unhandled to the menu's registered
// accelerators).
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../shared/contract/app';
import { POLL_INTERVALS_MS, type PollIntervalMs } from '../shared/model';

export interface AppMenuOptions {
  platform: NodeJS.Platform;
  appName: string;
  /** Adds reload and developer tools (unpackaged runs only). */
  developer: boolean;
  intervalMs: PollIntervalMs;
  paused: boolean;
  /** Commands the page carries out (shared/contract/app.ts). */
  sendCommand(command: MenuCommand): void;
  refreshNow(): void;
  setIntervalMs(intervalMs: PollIntervalMs): void;
  setPaused(paused: boolean): void;
}

/** 500 → "0.5 seconds", 1000 → "1 second". */
export function intervalLabel(intervalMs: number): string {
  const seconds = intervalMs / 1000;
  return `${seconds} second${seconds === 1 ? '' : 's'}`;
}

export function appMenuTemplate(options: AppMenuOptions): MenuItemConstructorOptions[] {
  const isMac = options.platform === 'darwin';

  const preferences: MenuItemConstructorOptions = {
    label: isMac ? 'Settings…' : 'Preferences…',
    accelerator: 'CmdOrCtrl+,',
    click: () => options.sendCommand('preferences'),
  };

  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      {
        label: 'Export…',
        accelerator: 'CmdOrCtrl+S',
        registerAccelerator: false,
        click: () => options.sendCommand('export'),
      },
      ...(isMac ? [] : [{ type: 'separator' } as const, preferences]),
      { type: 'separator' },
      isMac ? { role: 'close' } : { role: 'quit', label: 'Quit', accelerator: 'Ctrl+Q' },
    ],
  };

  /** A command the page carries out, with the key it handles itself shown beside it. */
  const pageCommand = (
    label: string,
    command: MenuCommand,
    accelerator?: string,
  ): MenuItemConstructorOptions => ({
    label,
    ...(accelerator ? { accelerator, registerAccelerator: false } : {}),
    click: () => options.sendCommand(command),
  });

  // TCPView's and CurrPorts' actions on the selected connection, not only in the right-click
  // menu: the page acts on its focused row (and the selection that row is part of).
  const connection: MenuItemConstructorOptions = {
    label: '&Connection',
    submenu: [
      pageCommand('Close Connection', 'closeConnection', 'Delete'),
      pageCommand('Kill Process', 'killProcess', 'CmdOrCtrl+K'),
      { type: 'separator' },
      pageCommand('Whois…', 'whois'),
      pageCommand('Properties', 'properties', 'Enter'),
      pageCommand('Copy Rows', 'copy', 'CmdOrCtrl+C'),
      { type: 'separator' },
      pageCommand('Select All Rows', 'selectAll', 'CmdOrCtrl+A'),
      pageCommand('Filter…', 'find', 'CmdOrCtrl+F'),
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      pageCommand('Connections', 'showConnections', 'CmdOrCtrl+1'),
      pageCommand('Processes', 'showProcesses', 'CmdOrCtrl+2'),
      { type: 'separator' },
      {
        label: 'Refresh Now',
        accelerator: 'F5',
        registerAccelerator: false,
        click: () => options.refreshNow(),
      },
      {
        label: 'Pause',
        type: 'checkbox',
        checked: options.paused,
        accelerator: 'CmdOrCtrl+P',
        registerAccelerator: false,
        click: (item) => options.setPaused(item.checked),
      },
      { type: 'separator' },
      {
        label: 'Refresh Interval',
        submenu: POLL_INTERVALS_MS.map((intervalMs): MenuItemConstructorOptions => ({
          label: intervalLabel(intervalMs),
          type: 'radio',
          checked: intervalMs === options.intervalMs,
          click: () => options.setIntervalMs(intervalMs),
        })),
      },
      { type: 'separator' },
      pageCommand('Fit Columns to Content', 'fitColumns'),
      pageCommand('Reset Columns', 'resetColumns'),
      pageCommand('Colour Legend', 'legend'),
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      ...(options.developer
        ? [
            { type: 'separator' } as const,
            { role: 'reload' } as const,
            { role: 'toggleDevTools' } as const,
          ]
        : []),
    ],
  };

  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [{ role: 'about', label: `About ${options.appName}` }],
  };

  return [
    ...(isMac
      ? [
          {
            label: options.appName,
            submenu: [
              { role: 'about' },
              { type: 'separator' },
              preferences,
              { type: 'separator' },
              { role: 'hide' },
              { role: 'hideOthers' },
              { role: 'unhide' },
              { type: 'separator' },
              { role: 'quit' },
            ],
          } satisfies MenuItemConstructorOptions,
        ]
      : []),
    file,
    // Cut/copy/paste/select-all in the filter box (on macOS they only work through this menu).
    { role: 'editMenu' },
    view,
    connection,
    ...(isMac ? [{ role: 'windowMenu' } satisfies MenuItemConstructorOptions] : []),
    help,
  ];
}

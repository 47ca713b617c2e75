// Channels of the application shell: commands chosen in the native menu (File, View, Help) that
// the renderer carries out, because the state they act on (selection, filter, grid) lives there.
import { event } from './define';

export const MENU_COMMANDS = [
  'export',
  'refresh',
  'about',
  'preferences',
  // The Connection menu: act on the focused row (and the selection it is part of).
  'closeConnection',
  'killProcess',
  'whois',
  'properties',
  'copy',
  'selectAll',
  'find',
  // The View menu.
  'showConnections',
  'showProcesses',
  'legend',
  'fitColumns',
  'resetColumns',
] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export const appEvents = {
  /** A menu item or accelerator (Ctrl/Cmd+S, F5 …) that the renderer handles. */
  menuCommand: event<{ command: MenuCommand }>(),
};

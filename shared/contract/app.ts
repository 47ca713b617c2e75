// Channels of the application shell: commands chosen in the native menu (File, View, Help) that
// the renderer carries out, because the state they act on (selection, filter, grid) lives there.
import { event } from './define';

export const MENU_COMMANDS = ['export', 'refresh', 'about', 'preferences'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export const appEvents = {
  /** A menu item or accelerator (Ctrl/Cmd+S, F5 …) that the renderer handles. */
  menuCommand: event<{ command: MenuCommand }>(),
};

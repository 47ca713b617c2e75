// Commands from the native menu (File > Export, View > Refresh …) arrive as one event; each
// feature registers what it does for its command. Refresh is the table's own.
import type { MenuCommand } from '../../shared/contract/app';

type MenuCommandHandler = () => void;

const handlers = new Map<MenuCommand, MenuCommandHandler>();

export function registerMenuCommand(command: MenuCommand, handler: MenuCommandHandler): () => void {
  handlers.set(command, handler);
  return () => {
    if (handlers.get(command) === handler) handlers.delete(command);
  };
}

/** Subscribe to main's menuCommand event once, for the life of the page. */
export function listenForMenuCommands(): () => void {
  return window.portscope.onMenuCommand(({ command }) => handlers.get(command)?.());
}

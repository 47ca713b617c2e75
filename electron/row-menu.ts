// The native right-click menu of the table and the clipboard: thin glue over Electron. Which items
// apply, and why not, comes from electron/core/actions/row-menu-model.ts; running the choice is in
// electron/core/actions/handlers.ts. electron/main.ts wires it once:
//   attachActionsNative(backend.context, createElectronActionsNative(() => mainWindow));
import { Menu, clipboard, type BaseWindow, type MenuItemConstructorOptions } from 'electron';
import type { RowMenuCommand, RowMenuItem } from '../shared/contract/actions';
import type { ActionsNative } from './core/actions/handlers';

export function createElectronActionsNative(getWindow: () => BaseWindow | null): ActionsNative {
  return {
    popupRowMenu(items: RowMenuItem[]): Promise<RowMenuCommand | null> {
      return new Promise((resolve) => {
        let settled = false;
        const settle = (command: RowMenuCommand | null) => {
          if (settled) return;
          settled = true;
          resolve(command);
        };
        const template: MenuItemConstructorOptions[] = [];
        for (const item of items) {
          if (item.separatorBefore) template.push({ type: 'separator' });
          template.push({
            label: item.label,
            enabled: item.enabled,
            // Shown only: the renderer handles these keys itself (row-actions.ts).
            accelerator: item.accelerator,
            registerAccelerator: false,
            click: () => settle(item.command),
          });
        }
        const window = getWindow();
        Menu.buildFromTemplate(template).popup({
          window: window && !window.isDestroyed() ? window : undefined,
          // On some platforms the menu reports "closed" before the click: wait a tick for it.
          callback: () => setTimeout(() => settle(null), 50),
        });
      });
    },
    writeClipboard(text: string): void {
      clipboard.writeText(text);
    },
  };
}

// The native right-click menu of the table and the clipboard: thin glue over Electron. Which items
// apply, and why not, comes from electron/core/actions/row-menu-model.ts; running the choice is in
// electron/core/actions/handlers.ts. electron/main.ts wires it once:
//   attachActionsNative(
//     backend.context,
//     createElectronActionsNative(() => mainWindow, { markKnown: backend.handlers.markKnown }),
//   );
import {
  Menu,
  clipboard,
  dialog,
  type BaseWindow,
  type MenuItemConstructorOptions,
} from 'electron';
import type { RowMenuCommand } from '../shared/contract/actions';
import type { MarkKnownRequest } from '../shared/contract/rules';
import type { ActionsNative } from './core/actions/handlers';
import type { MarkKnownMenuChoice, RowMenuEntry } from './core/actions/row-menu-model';

export interface RowMenuOptions {
  /**
   * The rules handler markKnown of this backend (backend.handlers.markKnown). It saves the item
   * and re-judges every row, so the row loses its tint at once. Without it the "Mark as Known"
   * submenu is shown disabled.
   */
  markKnown?(request: MarkKnownRequest): Promise<unknown>;
}

/** Electron reads "&" in a label as a mnemonic marker; process names may contain one. */
function menuLabel(text: string): string {
  return text.replace(/&/g, '&&');
}

export function createElectronActionsNative(
  getWindow: () => BaseWindow | null,
  options: RowMenuOptions = {},
): ActionsNative {
  const shownWindow = () => {
    const window = getWindow();
    return window && !window.isDestroyed() ? window : undefined;
  };

  async function markKnown(choice: MarkKnownMenuChoice): Promise<void> {
    try {
      await options.markKnown?.(choice.request);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      const window = shownWindow();
      const box = { type: 'error' as const, message: 'Could not mark as known', detail };
      await (window ? dialog.showMessageBox(window, box) : dialog.showMessageBox(box));
    }
  }

  return {
    popupRowMenu(items: RowMenuEntry[]): Promise<RowMenuCommand | null> {
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
          if (item.submenu) {
            template.push({
              label: menuLabel(item.label),
              enabled: item.enabled && options.markKnown !== undefined,
              submenu: item.submenu.map((choice) => ({
                label: menuLabel(choice.label),
                click: () => {
                  settle(item.command);
                  void markKnown(choice);
                },
              })),
            });
            continue;
          }
          template.push({
            label: menuLabel(item.label),
            enabled: item.enabled,
            // Shown only: the renderer handles these keys itself (row-actions.ts).
            accelerator: item.accelerator,
            registerAccelerator: false,
            click: () => settle(item.command),
          });
        }
        Menu.buildFromTemplate(template).popup({
          window: shownWindow(),
          // On some platforms the menu reports "closed" before the click: wait a tick for it.
          callback: () => setTimeout(() => settle(null), 50),
        });
      });
    },
    writeClipboard(text: string): void {
      // Electron 45's clipboard is asynchronous, like navigator.clipboard (electron.d.ts):
      // a failure is a rejected promise, which must not go unhandled.
      void clipboard.writeText(text).catch((error: unknown) => {
        console.error('Portscope: could not write the clipboard:', error);
      });
    },
  };
}

// Dialogs (electron/core/context.ts) over Electron's native dialog module, attached to the main
// window when there is one so they are modal to it.
import { dialog, type BaseWindow } from 'electron';
import type {
  ConfirmAnswer,
  ConfirmRequest,
  Dialogs,
  OpenFileRequest,
  SaveFileRequest,
} from './core/context';

export function createElectronDialogs(getWindow: () => BaseWindow | null): Dialogs {
  const parent = () => {
    const window = getWindow();
    return window && !window.isDestroyed() ? window : null;
  };
  return {
    async confirm(request: ConfirmRequest): Promise<ConfirmAnswer> {
      const options: Electron.MessageBoxOptions = {
        type: 'warning',
        title: request.title,
        message: request.message,
        detail: request.detail,
        buttons: [request.confirmLabel, request.cancelLabel ?? 'Cancel'],
        // Enter and Escape both cancel: a destructive action needs a deliberate click.
        defaultId: 1,
        cancelId: 1,
        noLink: true,
        checkboxLabel: request.checkboxLabel,
        checkboxChecked: false,
      };
      const window = parent();
      const answer = window
        ? await dialog.showMessageBox(window, options)
        : await dialog.showMessageBox(options);
      return { confirmed: answer.response === 0, checkboxChecked: answer.checkboxChecked };
    },
    async saveFile(request: SaveFileRequest): Promise<string | null> {
      const options: Electron.SaveDialogOptions = {
        title: request.title,
        defaultPath: request.defaultPath,
        filters: request.filters,
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      };
      const window = parent();
      const answer = window
        ? await dialog.showSaveDialog(window, options)
        : await dialog.showSaveDialog(options);
      return answer.canceled || !answer.filePath ? null : answer.filePath;
    },
    async openFile(request: OpenFileRequest): Promise<string | null> {
      const options: Electron.OpenDialogOptions = {
        title: request.title,
        defaultPath: request.defaultPath,
        filters: request.filters,
        properties: ['openFile', 'dontAddToRecent'],
      };
      const window = parent();
      const answer = window
        ? await dialog.showOpenDialog(window, options)
        : await dialog.showOpenDialog(options);
      return answer.canceled ? null : (answer.filePaths[0] ?? null);
    },
  };
}

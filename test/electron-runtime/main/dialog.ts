// dialog: native message boxes, save and open dialogs are answered by the test (a person clicking
// a button or choosing a file), error boxes are recorded. Options are checked as Electron checks
// them, and an answer the dialog could not give (a button it does not have) is refused.
import type { BaseWindowSurface, DialogSurface } from '../surface';
import { control, plain, record } from './runtime';

function split<Options>(
  windowOrOptions: BaseWindowSurface | Options,
  maybeOptions: Options | undefined,
): { window: BaseWindowSurface | null; options: Options } {
  if (maybeOptions !== undefined) {
    return { window: windowOrOptions as BaseWindowSurface, options: maybeOptions };
  }
  return { window: null, options: windowOrOptions as Options };
}

async function showMessageBox(
  windowOrOptions: BaseWindowSurface | Electron.MessageBoxOptions,
  maybeOptions?: Electron.MessageBoxOptions,
): Promise<Electron.MessageBoxReturnValue> {
  const { window, options } = split(windowOrOptions, maybeOptions);
  if (typeof options?.message !== 'string') throw new TypeError('Message must be a string');
  const buttons = options.buttons ?? [];
  if (!Array.isArray(buttons) || buttons.some((label) => typeof label !== 'string')) {
    throw new TypeError('Buttons must be an array of strings');
  }
  if (window?.isDestroyed()) throw new Error('Object has been destroyed');
  const shown = plain({ ...options, signal: undefined, icon: undefined }) as Record<
    string,
    unknown
  >;
  record('dialog.showMessageBox', { window: window?.id ?? null, title: options.title ?? '' });
  const answer = (await control.request({
    kind: 'messageBox',
    window: window?.id ?? null,
    options: shown,
  })) as Partial<Electron.MessageBoxReturnValue> | null;
  // No test listening: the person closes the box (Escape), which picks the cancel button.
  const fallback = options.cancelId ?? (buttons.length > 1 ? buttons.length - 1 : 0);
  const response = answer?.response ?? fallback;
  const count = Math.max(buttons.length, 1);
  if (!Number.isInteger(response) || response < 0 || response >= count) {
    throw new Error(`The message box has no button ${response}`);
  }
  return { response, checkboxChecked: answer?.checkboxChecked === true };
}

async function showSaveDialog(
  windowOrOptions: BaseWindowSurface | Electron.SaveDialogOptions,
  maybeOptions?: Electron.SaveDialogOptions,
): Promise<Electron.SaveDialogReturnValue> {
  const { window, options } = split(windowOrOptions, maybeOptions);
  if (window?.isDestroyed()) throw new Error('Object has been destroyed');
  record('dialog.showSaveDialog', { window: window?.id ?? null, title: options.title ?? '' });
  const answer = (await control.request({
    kind: 'saveDialog',
    window: window?.id ?? null,
    options: plain(options) as Record<string, unknown>,
  })) as string | null;
  if (typeof answer === 'string' && answer !== '') return { canceled: false, filePath: answer };
  return { canceled: true, filePath: '' };
}

async function showOpenDialog(
  windowOrOptions: BaseWindowSurface | Electron.OpenDialogOptions,
  maybeOptions?: Electron.OpenDialogOptions,
): Promise<Electron.OpenDialogReturnValue> {
  const { window, options } = split(windowOrOptions, maybeOptions);
  if (window?.isDestroyed()) throw new Error('Object has been destroyed');
  record('dialog.showOpenDialog', { window: window?.id ?? null, title: options.title ?? '' });
  const answer = (await control.request({
    kind: 'openDialog',
    window: window?.id ?? null,
    options: plain(options) as Record<string, unknown>,
  })) as string | null;
  // One file at most: the app asks with 'openFile' and without 'multiSelections'.
  if (typeof answer === 'string' && answer !== '') return { canceled: false, filePaths: [answer] };
  return { canceled: true, filePaths: [] };
}

export const dialog: DialogSurface = {
  showMessageBox: showMessageBox as DialogSurface['showMessageBox'],
  showSaveDialog: showSaveDialog as DialogSurface['showSaveDialog'],
  showOpenDialog: showOpenDialog as DialogSurface['showOpenDialog'],
  showErrorBox(title: string, content: string) {
    record('dialog.showErrorBox', { title, content });
    control.send({ type: 'errorBox', title: String(title), content: String(content) });
    // Electron's error box also goes to stderr when there is no display to show it on.
    console.error(`${title}\n${content}`);
  },
};

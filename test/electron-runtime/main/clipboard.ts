// clipboard: the desktop's clipboard, one text the test can read (AppState.clipboard). Electron 45's
// clipboard is asynchronous, modelled on navigator.clipboard (electron.d.ts, Clipboard).
import type { ClipboardSurface } from '../surface';
import { record } from './runtime';

let text = '';

export function clipboardText(): string {
  return text;
}

export const clipboard: ClipboardSurface = {
  async writeText(value: string) {
    text = String(value);
    record('clipboard.writeText', { length: text.length });
  },
  readText: async () => text,
};

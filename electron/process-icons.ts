// The Process column's icons from the desktop: Electron's app.getFileIcon on the executable main
// found for a pid (electron/core/process-icons.ts decides which file; the page never names one).
// Windows gives the program's own icon; Linux and macOS give the icon of the file's type from the
// desktop theme, which for most programs is the generic executable icon.
import { app } from 'electron';
import type { BackendContext } from './core/context';
import { attachFileIconSource } from './core/process-icons';

export function attachProcessIcons(context: BackendContext): void {
  attachFileIconSource(context, {
    async iconForFile(path) {
      const image = await app.getFileIcon(path, { size: 'small' });
      return image.isEmpty() ? null : image.toDataURL();
    },
  });
}

// Process icons for the Process column (TCPView shows each program's icon; the eye looks for it
// first). The page asks by pid only: main looks the executable up in its own table and asks the
// OS for that file's icon (Electron's app.getFileIcon), so a page can never name a file to open.
import { z } from 'zod';
import { pidSchema } from './actions';
import { invoke } from './define';

/** One request names at most this many processes (the rows on screen, with room). */
export const MAX_ICON_PIDS = 200;

export interface ProcessIcon {
  pid: number;
  /**
   * A small PNG as a data: URL (the page's CSP allows data: images), or null when there is
   * none: no such process in the table, no readable executable, or no icon from the OS. The page
   * then shows its generic program icon.
   */
  icon: string | null;
}

export const processIconInvokes = {
  getProcessIcons: invoke<ProcessIcon[]>()(z.tuple([z.array(pidSchema).min(1).max(MAX_ICON_PIDS)])),
};

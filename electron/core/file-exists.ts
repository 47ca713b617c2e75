// Whether a file is there, by stat(2). Not existsSync: that is access(2), which checks with the
// process's real uid and without its capabilities, so a Portscope given CAP_DAC_READ_SEARCH (or
// started by a setuid wrapper) would not find its own worker and data files in a folder only
// their owner may enter, though it can read them.
import { statSync } from 'node:fs';

export function fileExists(file: string): boolean {
  try {
    return statSync(file, { throwIfNoEntry: false }) !== undefined;
  } catch {
    return false;
  }
}

// Which Linux packages `npm run dist` makes (dist.mjs): AppImage and deb always, the rpm only
// where rpmbuild exists (electron-builder's rpm target runs it).
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

export function linuxTargets(hasRpmbuild) {
  return hasRpmbuild ? ['AppImage', 'deb', 'rpm'] : ['AppImage', 'deb'];
}

/** Whether `name` is an executable on `searchPath` (PATH by default). */
export function hasCommand(name, searchPath = process.env.PATH ?? '') {
  for (const dir of searchPath.split(path.delimiter)) {
    if (!dir) continue;
    try {
      accessSync(path.join(dir, name), constants.X_OK);
      return true;
    } catch {
      // not here
    }
  }
  return false;
}

// Where an unpackaged run keeps its user data. Electron keeps settings, caches and the
// single-instance lock in app.getPath('userData') (appData + the product name), so without this a
// development run (`npm start`, `npm run dev`) would share them with an installed Portscope: it
// would quit at once in favour of the installed one when that is open, and read and rewrite its
// settings. Plain module (no 'electron' import) so the path is unit-tested; main applies it
// (dev-user-data.ts) before asking for the lock.
import path from 'node:path';

export const DEVELOPMENT_SUFFIX = '-dev';

/** userData of a development run: next to the installed app's, "<name>-dev". */
export function developmentUserDataPath(appData: string, productName: string): string {
  return path.join(appData, `${productName}${DEVELOPMENT_SUFFIX}`);
}

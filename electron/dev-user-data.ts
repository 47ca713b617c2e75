// Unpackaged runs use their own userData folder (why: user-data.ts). Electron's
// app.setPath('userData') takes only a folder that exists, and must come before
// app.requestSingleInstanceLock(), whose lock lives in that folder.
import { app } from 'electron';
import { mkdirSync } from 'node:fs';
import { developmentUserDataPath } from './user-data';

export function separateDevelopmentUserData(): void {
  if (app.isPackaged) return;
  const folder = developmentUserDataPath(app.getPath('appData'), app.getName());
  mkdirSync(folder, { recursive: true });
  app.setPath('userData', folder);
}

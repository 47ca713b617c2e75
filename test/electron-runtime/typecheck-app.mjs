// Type-checks the app's Electron glue (electron/**/*.ts) against the stand-in's surface
// (test/electron-runtime/surface.ts) instead of Electron's own module: the app may use only what
// the stand-in implements, with Electron's signatures. Part of `npm run typecheck`.
//
// Electron's electron.d.ts declares `module 'electron'` ambiently, and TypeScript prefers an
// ambient module to a `paths` mapping, so the check reads a copy of electron.d.ts without those
// module declarations (the Electron namespace the surface is written in stays).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const source = readFileSync(path.join(root, 'node_modules/electron/electron.d.ts'), 'utf8');
const namespaceOnly = source.replace(/^declare module 'electron(\/\w+)?' \{[^}]*\}\n/gm, '');
if (namespaceOnly === source)
  throw new Error('electron.d.ts changed shape: no module declarations found');
// The glue: every file under electron/ that imports 'electron' (what they import is checked with
// them); the rest of the app never touches Electron.
const glue = readdirSync(path.join(root, 'electron'), { recursive: true })
  .filter((file) => String(file).endsWith('.ts'))
  .map((file) => path.join('electron', String(file)))
  .filter((file) => /from 'electron'/.test(readFileSync(path.join(root, file), 'utf8')));
if (glue.length === 0) throw new Error('found no file under electron/ that imports electron');
const dir = path.join(root, '.tmp', 'electron-surface');
mkdirSync(dir, { recursive: true });
writeFileSync(path.join(dir, 'electron-namespace.d.ts'), namespaceOnly);
writeFileSync(
  path.join(dir, 'tsconfig.json'),
  JSON.stringify({
    extends: '../../tsconfig.node.json',
    compilerOptions: {
      paths: { electron: ['../../test/electron-runtime/surface-module.ts'] },
    },
    files: [
      'electron-namespace.d.ts',
      '../../electron/raw-imports.d.ts',
      ...glue.map((file) => `../../${file}`),
    ],
    include: [],
  }),
);
const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
const result = spawnSync(process.execPath, [tsc, '-p', dir], { stdio: 'inherit' });
if (result.status !== 0) {
  console.error('The app uses Electron beyond the stand-in (test/electron-runtime/surface.ts).');
  process.exit(result.status ?? 1);
}

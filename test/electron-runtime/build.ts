// Bundles the stand-in for the app process (electron.ts → .tmp/electron-runtime/electron.mjs) and
// its two page scripts (page/*.ts → .tmp/electron-runtime/page/*.js), with Vite's build API, when
// they are missing or older than their sources. Test files run in parallel processes: one
// builds, the others wait for it (mkdir is atomic).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const sourceDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(sourceDir, '../..');
export const standInOutDir = path.join(repoRoot, '.tmp', 'electron-runtime');
const marker = path.join(standInOutDir, 'built');

/** file: URL of the bundle that `import 'electron'` resolves to in the app process. */
export const standInModuleUrl = pathToFileURL(path.join(standInOutDir, 'electron.mjs')).href;
/** The `--import` module that installs the resolution hook. */
export const standInRegisterUrl = pathToFileURL(path.join(sourceDir, 'hooks', 'register.mjs')).href;

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

function isFresh(): boolean {
  return existsSync(marker) && statSync(marker).mtimeMs >= newestSource(sourceDir);
}

async function bundle(): Promise<void> {
  const { build } = await import('vite');
  const common = { configFile: false as const, logLevel: 'warn' as const, root: sourceDir };
  await build({
    ...common,
    build: {
      ssr: path.join(sourceDir, 'electron.ts'),
      outDir: standInOutDir,
      emptyOutDir: false,
      minify: false,
      target: 'node20',
      rollupOptions: { output: { format: 'esm', entryFileNames: 'electron.mjs' } },
    },
  });
  for (const [entry, name] of [
    ['main-world', 'standInMainWorld'],
    ['isolated-world', 'standInPreloadWorld'],
  ] as const) {
    await build({
      ...common,
      build: {
        outDir: path.join(standInOutDir, 'page'),
        emptyOutDir: false,
        minify: false,
        target: 'es2022',
        lib: {
          entry: path.join(sourceDir, 'page', `${entry}.ts`),
          formats: ['iife'],
          name,
          fileName: () => `${entry}.js`,
        },
      },
    });
  }
}

export async function ensureStandInBuilt(): Promise<void> {
  if (isFresh()) return;
  await mkdir(standInOutDir, { recursive: true });
  const lock = path.join(standInOutDir, '.build.lock');
  for (let waited = 0; ; waited += 200) {
    try {
      await mkdir(lock);
      break;
    } catch {
      if (waited > 120_000) throw new Error(`stand-in build lock ${lock} is stuck; remove it`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    if (isFresh()) return;
    await bundle();
    await writeFile(marker, new Date().toISOString());
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

// Runs TypeScript from this repository as another user (nobody, through setpriv): the source is
// bundled into one plain .mjs file first (vite build API), because nobody cannot run TypeScript
// and may not read the worktree's node_modules. For tests of what an unprivileged Portscope sees.
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'vite';

const require = createRequire(import.meta.url);

/** The installed package's folder (koffi does not export its package.json), or null. */
function packageFolder(name: string): string | null {
  let entry: string;
  try {
    entry = require.resolve(name);
  } catch {
    return null;
  }
  const suffix = `${path.sep}node_modules${path.sep}${name.split('/').join(path.sep)}`;
  const at = entry.lastIndexOf(`${suffix}${path.sep}`);
  return at < 0 ? null : entry.slice(0, at + suffix.length);
}

/**
 * A fresh folder in the system's temporary directory that nobody may enter (0755), with koffi in
 * its node_modules: a bundle placed in it loads koffi's native binary as the app does (koffi
 * cannot be bundled), so the backend run as nobody reads through sock_diag, not the /proc/net
 * fallback. The checkout itself may sit in a folder only root can enter, so nothing there is
 * reachable for nobody.
 */
export function nobodyWorkDir(prefix: string): string {
  const workDir = mkdtempSync(path.join(tmpdir(), prefix));
  chmodSync(workDir, 0o755);
  const packages = ['koffi', `@koromix/koffi-${process.platform}-${process.arch}`];
  for (const name of packages) {
    const from = packageFolder(name);
    // No prebuilt binary for this OS: the backend falls back, as the app would.
    if (from !== null) cpSync(from, path.join(workDir, 'node_modules', name), { recursive: true });
  }
  return workDir;
}

export const AS_NOBODY = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'];

export interface UserScript {
  /** Run the bundle as nobody; resolves to what it printed on stdout. */
  runAsNobody(): string;
  remove(): void;
}

/** Bundle `source` (a module body; import paths absolute) into a file nobody may run. */
export async function bundleUserScript(name: string, source: string): Promise<UserScript> {
  const workDir = nobodyWorkDir(`portscope-${name}-`);
  const entry = path.join(workDir, `${name}.ts`);
  writeFileSync(entry, source);
  await build({
    configFile: false,
    logLevel: 'silent',
    root: workDir,
    ssr: { noExternal: true },
    build: {
      ssr: entry,
      outDir: path.join(workDir, 'out'),
      minify: false,
      rollupOptions: { output: { format: 'esm', entryFileNames: `${name}.mjs` } },
    },
  });
  const script = path.join(workDir, 'out', `${name}.mjs`);
  chmodSync(path.join(workDir, 'out'), 0o755);
  chmodSync(script, 0o644);
  return {
    runAsNobody: () =>
      execFileSync(AS_NOBODY[0]!, [...AS_NOBODY.slice(1), process.execPath, script], {
        encoding: 'utf8',
        // Other tests may hold thousands of sockets on the machine; the JSON grows with them.
        maxBuffer: 512 * 1024 * 1024,
      }),
    remove: () => rmSync(workDir, { recursive: true, force: true }),
  };
}

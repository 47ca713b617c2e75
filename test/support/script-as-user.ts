// Runs TypeScript from this repository as another user (nobody, through setpriv): the source is
// bundled into one plain .mjs file first (vite build API), because nobody cannot run TypeScript
// and may not read the worktree's node_modules. For tests of what an unprivileged Portscope sees.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'vite';

export const AS_NOBODY = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'];

export interface UserScript {
  /** Run the bundle as nobody; resolves to what it printed on stdout. */
  runAsNobody(): string;
  remove(): void;
}

/** Bundle `source` (a module body; import paths absolute) into a file nobody may run. */
export async function bundleUserScript(name: string, source: string): Promise<UserScript> {
  const workDir = mkdtempSync(path.join(tmpdir(), `portscope-${name}-`));
  chmodSync(workDir, 0o755);
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
        maxBuffer: 256 * 1024 * 1024,
      }),
    remove: () => rmSync(workDir, { recursive: true, force: true }),
  };
}

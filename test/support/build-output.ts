// Tests of built code (the CLI, the poll worker, the preload bundle) need out/. `npm test` builds
// before running them; a test file run on its own builds once when the file is missing.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Absolute path of `relative` under the repository (e.g. 'out/main/cli.js'), built if missing. */
export function builtFile(relative: string): string {
  const file = fileURLToPath(new URL(`../../${relative}`, import.meta.url));
  if (!existsSync(file)) execFileSync('npx', ['electron-vite', 'build'], { cwd: repoRoot });
  return file;
}

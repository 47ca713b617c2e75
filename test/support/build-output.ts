// Tests of built code (the CLI, the poll worker, the preload, the whole app) need out/. `npm test`
// builds before running them; a test file run on its own builds when out/ is missing or older
// than the sources (scripts/ensure-built.mjs, the same check `npm run cli` makes).
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from '../../scripts/ensure-built.mjs';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Absolute path of `relative` under the repository (e.g. 'out/main/cli.js'), built if stale. */
export function builtFile(relative: string): string {
  ensureBuilt();
  return fileURLToPath(new URL(`../../${relative}`, import.meta.url));
}

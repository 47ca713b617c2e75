// Builds out/ when it is missing or older than the sources (`npm run build`: electron-vite, then
// the IP index), so that `npm run cli -- …` and the `portscope` command from `npm link` work right
// after `npm install`, and stay current while someone edits the sources. Checking costs a walk
// of the source folders' modification times, a few milliseconds.
//
// Plain JavaScript on purpose: it runs under bare Node before anything is compiled.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** What electron-vite makes; all of it must be newer than every source. */
const OUTPUTS = [
  'out/main/index.js',
  'out/main/cli.js',
  'out/main/poll-worker.js',
  'out/preload/index.cjs',
  'out/renderer/index.html',
];
const SOURCE_DIRS = ['electron', 'shared', 'renderer', 'resources'];
const SOURCE_FILES = ['package.json', 'package-lock.json', 'electron.vite.config.ts'];
/**
 * The IP index: build-ip-index.mjs leaves it alone while its data is unchanged, so it only has to
 * exist and be newer than the script that writes it.
 */
const IP_INDEX = 'out/geo/asn.bin';
const IP_INDEX_SCRIPT = 'scripts/build-ip-index.mjs';

function newestIn(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestIn(full));
    else newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

/** Why out/ must be built, or null when it is current. */
export function staleReason(base = root) {
  let oldestOutput = Infinity;
  for (const output of OUTPUTS) {
    const file = path.join(base, output);
    if (!existsSync(file)) return `${output} is missing`;
    oldestOutput = Math.min(oldestOutput, statSync(file).mtimeMs);
  }
  let newestSource = 0;
  for (const dir of SOURCE_DIRS) {
    const full = path.join(base, dir);
    if (existsSync(full)) newestSource = Math.max(newestSource, newestIn(full));
  }
  for (const file of SOURCE_FILES) {
    const full = path.join(base, file);
    if (existsSync(full)) newestSource = Math.max(newestSource, statSync(full).mtimeMs);
  }
  if (newestSource > oldestOutput) return 'the sources changed since the last build';
  const index = path.join(base, IP_INDEX);
  if (!existsSync(index)) return `${IP_INDEX} is missing`;
  if (statSync(path.join(base, IP_INDEX_SCRIPT)).mtimeMs > statSync(index).mtimeMs) {
    return `${IP_INDEX_SCRIPT} changed since the last build`;
  }
  return null;
}

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Builds when stale. Parallel callers (test files, two terminals) wait for one build: the lock is
 * a folder (mkdir is atomic). `log` says what happens (the CLI writes it to stderr).
 */
export function ensureBuilt({ base = root, log = () => {} } = {}) {
  if (staleReason(base) === null) return false;
  const electronVite = path.join(base, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  if (!existsSync(electronVite)) {
    throw new Error(
      `Portscope is not built and cannot be: ${electronVite} is missing. Run npm install (with ` +
        'the dev dependencies) in the checkout first.',
    );
  }
  mkdirSync(path.join(base, 'out'), { recursive: true });
  const lock = path.join(base, 'out', '.build.lock');
  for (let waited = 0; ; waited += 200) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (waited > 300_000) throw new Error(`The build lock ${lock} is stuck; remove it.`);
      sleep(200);
    }
  }
  try {
    const reason = staleReason(base);
    if (reason === null) return false;
    log(`Building Portscope (${reason}); this takes a minute once…`);
    const options = { cwd: base, stdio: ['ignore', 'ignore', 'inherit'] };
    execFileSync(process.execPath, [electronVite, 'build'], options);
    execFileSync(process.execPath, [path.join(base, 'scripts', 'build-ip-index.mjs')], options);
    return true;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

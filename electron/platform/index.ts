// Picks the backend, once: one folder per way of reading the OS, all behind PlatformBackend.
//   linux    /proc/PID for processes; the socket table from sock_diag, /proc/net as the fallback
//   windows  the IP Helper API through koffi
//   darwin   lsof for sockets, ps for processes, BSD netstat for the whole table (macOS)
//   lsof     lsof and ps (and net-tools netstat on Linux): any Unix with lsof; selectable on
//            Linux so it is tested here for real
// The default follows the OS; `--backend NAME` (CLI) or PORTSCOPE_BACKEND=NAME (app) picks
// another where it can run.
import { createDarwinBackend } from './darwin';
import { NotSupported } from './errors';
import { createLinuxBackend, type LinuxBackend, type LinuxBackendOptions } from './linux';
import { createLsofBackend } from './lsof';
import type { PlatformBackend } from './types';
import { createWindowsBackend } from './windows';

export const BACKEND_NAMES = ['linux', 'windows', 'darwin', 'lsof'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];

export function isBackendName(value: string): value is BackendName {
  return (BACKEND_NAMES as readonly string[]).includes(value);
}

/** The backend an OS uses when none is asked for. */
export function defaultBackendName(platform: NodeJS.Platform): BackendName {
  switch (platform) {
    case 'linux':
      return 'linux';
    case 'win32':
      return 'windows';
    case 'darwin':
      return 'darwin';
    default:
      return 'lsof';
  }
}

/** The OSes each backend can run on. */
const RUNS_ON: Record<BackendName, readonly NodeJS.Platform[]> = {
  linux: ['linux'],
  windows: ['win32'],
  darwin: ['darwin'],
  lsof: ['linux', 'darwin', 'freebsd', 'openbsd', 'netbsd', 'sunos', 'aix'],
};

/**
 * The backend to use: `requested` (a --backend value or PORTSCOPE_BACKEND; empty means none) when
 * it names one that runs on this OS, else the OS's default. Throws NotSupported with a message a
 * person can act on when the name is unknown or the backend cannot run here.
 */
export function resolveBackendName(
  platform: NodeJS.Platform,
  requested: string | undefined = process.env.PORTSCOPE_BACKEND,
): BackendName {
  if (requested === undefined || requested === '') return defaultBackendName(platform);
  if (!isBackendName(requested)) {
    throw new NotSupported(
      `Unknown backend "${requested}": use one of ${BACKEND_NAMES.join(', ')}.`,
    );
  }
  if (!RUNS_ON[requested].includes(platform)) {
    throw new NotSupported(
      `The ${requested} backend cannot run on ${platform}; here use ${defaultBackendName(platform)}.`,
    );
  }
  return requested;
}

const backends = new Map<BackendName, PlatformBackend>();

/**
 * The backend for this process (PORTSCOPE_BACKEND or the OS default unless `name` is given),
 * created on first call, then the same object.
 */
export function createPlatformBackend(name?: BackendName): PlatformBackend {
  const chosen = name ?? resolveBackendName(process.platform);
  let backend = backends.get(chosen);
  if (!backend) {
    backend = createBackendNamed(chosen);
    backends.set(chosen, backend);
  }
  return backend;
}

/** A new backend of this name, for the OS it runs on. */
export function createBackendNamed(
  name: BackendName,
  linuxOptions?: LinuxBackendOptions,
): PlatformBackend {
  switch (name) {
    case 'linux':
      return createLinuxBackend(linuxOptions);
    case 'windows':
      return createWindowsBackend();
    case 'darwin':
      return createDarwinBackend();
    case 'lsof':
      return createLsofBackend();
  }
}

/** The default backend of `platform` (kept for callers that name an OS rather than a backend). */
export function createBackendFor(
  platform: NodeJS.Platform,
  linuxOptions?: LinuxBackendOptions,
): PlatformBackend {
  if (!['linux', 'win32', 'darwin'].includes(platform)) {
    throw new NotSupported(`Portscope does not support the "${platform}" platform.`);
  }
  return createBackendNamed(defaultBackendName(platform), linuxOptions);
}

export type { LinuxBackend, LinuxBackendOptions };

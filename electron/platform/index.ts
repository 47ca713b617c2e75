// Picks the backend for this OS, once. Only Linux exists so far; the others say so plainly.
import { NotSupported } from './errors';
import { createLinuxBackend, type LinuxBackend, type LinuxBackendOptions } from './linux';
import type { PlatformBackend } from './types';

let backend: PlatformBackend | null = null;

/** The backend for process.platform (created on first call, then the same object). */
export function createPlatformBackend(): PlatformBackend {
  backend ??= createBackendFor(process.platform);
  return backend;
}

export function createBackendFor(
  platform: NodeJS.Platform,
  linuxOptions?: LinuxBackendOptions,
): PlatformBackend {
  switch (platform) {
    case 'linux':
      return createLinuxBackend(linuxOptions);
    case 'win32':
      throw new NotSupported(
        'Portscope cannot read connections on Windows yet (only Linux is supported so far).',
      );
    case 'darwin':
      throw new NotSupported(
        'Portscope cannot read connections on macOS yet (only Linux is supported so far).',
      );
    default:
      throw new NotSupported(`Portscope does not support the "${platform}" platform.`);
  }
}

export type { LinuxBackend, LinuxBackendOptions };

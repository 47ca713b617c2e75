// The window must open on every OS, even where Portscope cannot read connections yet: there
// createPlatformBackend() throws (electron/platform/index.ts), and main used to let that throw
// escape its app.whenReady() callback, leaving a process with no window that never quits.
// Plain module (no 'electron' import) so it is unit-tested.
import type { PlatformBackend } from './platform/types';

/**
 * The backend for this OS when there is one; otherwise a stand-in whose every call fails with
 * the reason, so the first poll fails with it and main shows it to the person.
 */
export function platformBackendOrReason(
  create: () => PlatformBackend,
  os: NodeJS.Platform,
): { backend: PlatformBackend; supported: boolean } {
  try {
    return { backend: create(), supported: true };
  } catch (error) {
    const reason = error instanceof Error ? error : new Error(String(error));
    const fail = () => Promise.reject(reason);
    return {
      backend: {
        os: os === 'win32' || os === 'darwin' ? os : 'linux',
        readSockets: fail,
        readProcessIdentity: fail,
        killProcess: fail,
        closeTcp: fail,
      },
      supported: false,
    };
  }
}

// The one interface every OS backend implements (electron/platform/<os>/index.ts). The backend is
// chosen once at start-up (electron/platform/index.ts); nothing outside electron/platform touches
// the OS. Errors leave a backend as PlatformError subclasses with a message a person can act on.
import type { ProcessInfo, RawSocket } from '../../shared/model';

export interface PlatformRead {
  sockets: RawSocket[];
  /** Details of every pid that owns at least one socket in `sockets`. */
  processes: Map<number, ProcessInfo>;
  /** OS table lines that could not be parsed and were skipped. */
  malformedLines: number;
  /** True when every process's sockets can be attributed (root on Linux). */
  privileged: boolean;
  /** Problems a person can act on ("run as root to see other users' processes"). */
  warnings: string[];
}

export interface PlatformBackend {
  readonly os: 'linux' | 'win32' | 'darwin';
  /** Read every TCP and UDP socket (v4 and v6) with owning pid and process details. */
  readSockets(): Promise<PlatformRead>;
}

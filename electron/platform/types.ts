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
  /** Problems a person can act on ("other users' sockets show as owner unknown: …"). */
  warnings: string[];
}

export interface PlatformBackend {
  readonly os: 'linux' | 'win32' | 'darwin';
  /** Read every TCP and UDP socket (v4 and v6) with owning pid and process details. */
  readSockets(): Promise<PlatformRead>;
  /** uid -> user name, for sockets whose owning process cannot be seen (null: unknown uid). */
  userName?(uid: number): string | null;
  /** Actions: who a pid is now (null: no such process), to refuse a kill after pid reuse. */
  readProcessIdentity(pid: number): Promise<ProcessIdentity | null>;
  /**
   * Actions: send a signal (TerminateProcess on Windows); elevate = one action as admin.
   * startTime (the row's processStartTime): where the OS allows, checked on the very process
   * signalled, so a reused pid is never hit (Windows); Linux checks it just before, in core.
   */
  killProcess(
    pid: number,
    signal: KillSignal,
    options?: { elevate?: boolean; startTime?: number | null },
  ): Promise<void>;
  /** Actions: destroy one TCP connection by its exact 4-tuple (throws NotSupported where none). */
  closeTcp(target: CloseTcpTarget, options?: { elevate?: boolean }): Promise<CloseTcpResult>;
}

// Types of the actions (kill, close): electron/platform/<os>/kill-process.ts, close-socket.ts.
export type KillSignal = 'SIGTERM' | 'SIGKILL';

export interface ProcessIdentity {
  pid: number;
  name: string;
  parentPid: number | null;
  /** Same computation as ProcessInfo.startTime: equal values mean the same process. */
  startTime: number | null;
  /** Null when it cannot be read (another user's process without root). */
  executable: string | null;
  kernelThread: boolean;
  /** Why the OS cannot lose this process (Windows' critical processes); absent: it can. */
  critical?: string | null;
}

export interface CloseTcpTarget {
  /** The socket's family: a v4 peer on a dual-stack socket is family 6 with an IPv4 address. */
  family: 4 | 6;
  localAddress: string;
  localPort: number;
  remoteAddress: string;
  remotePort: number;
}

export interface CloseTcpResult {
  /** Sockets the OS reports destroyed (ss -K lists each): 1 for one connection. */
  closed: number;
  /** What the OS tool printed, for the log. */
  detail: string;
}

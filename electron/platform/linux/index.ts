// The Linux backend: sockets and their traffic counters from sock_diag (netlink; /proc/net as
// the fallback, socket-table.ts), owners from /proc/PID/fd, process details from /proc/PID/*.
// Everything is synchronous (a netlink dump, file I/O on procfs: fast, and the poll runs in a
// worker thread); readSockets wraps it in a Promise for the PlatformBackend shape.
import os from 'node:os';
import type { ProcessInfo, RawSocket } from '../../../shared/model';
import { PlatformError } from '../errors';
import type { PlatformBackend, PlatformRead } from '../types';
import { closeTcpConnection } from './close-socket';
import { killProcess, readProcessIdentity } from './kill-process';
import { UserNames } from './passwd';
import { ProcessInfoCache, readBootTime, readProcStat } from './process-info';
import type { ProcPidStat } from './proc-stat-parser';
import type { OpenNetlinkChannel } from './sock-diag/netlink-channel';
import { SocketOwnerIndex, type AttributionStats } from './socket-owners';
import { LinuxSocketTable, type SocketTableSource } from './socket-table';
import { seesEveryProcessOwner } from './capabilities';
import { ROOT_DENIED_WARNING, UNPRIVILEGED_WARNING } from '../owner-warnings';

export { ROOT_DENIED_WARNING, UNPRIVILEGED_WARNING } from '../owner-warnings';

export interface LinuxBackendOptions {
  /** Where procfs is mounted; tests point it at a fixture directory. */
  procRoot?: string;
  passwdPath?: string;
  /**
   * Whether we may look into every process's open files: root, or CAP_SYS_PTRACE held by any
   * user (capabilities.ts); found out when omitted.
   */
  root?: boolean;
  /** How long a socket with no visible owner is left alone before it is searched for again. */
  retryUnownedMs?: number;
  /**
   * Where the socket table comes from: 'sock-diag' (netlink, with traffic counters; /proc/net
   * where it fails) or 'proc' (/proc/net only). Default: sock-diag, or proc when procRoot is a
   * fixture directory (sock_diag would read the real kernel, not the fixture).
   */
  socketTable?: SocketTableSource;
  /** Opens the sock_diag socket; tests pass one that fails. */
  openSockDiag?: OpenNetlinkChannel;
}

export interface LinuxBackend extends PlatformBackend {
  readonly os: 'linux';
  /** The same read, without the Promise (the poll worker and the CLI call it directly). */
  readSocketsSync(): PlatformRead;
  /** What the last read's attribution did (walked or not, unowned inodes): for benchmarks. */
  lastAttribution(): AttributionStats | null;
  /** Which reader each table of the last read came from ({tcp: 'sock-diag', …}). */
  lastTableSources(): Record<string, SocketTableSource>;
  /** User name for a uid (socketUid of sockets whose process is not visible); uid text if unknown. */
  userName(uid: number): string;
}

export function createLinuxBackend(options: LinuxBackendOptions = {}): LinuxBackend {
  const procRoot = options.procRoot ?? '/proc';
  const root = options.root ?? seesEveryProcessOwner();
  const users = new UserNames(options.passwdPath);
  const table = new LinuxSocketTable({
    procRoot,
    source: options.socketTable ?? (procRoot === '/proc' ? 'sock-diag' : 'proc'),
    openSockDiag: options.openSockDiag,
    littleEndian: os.endianness() === 'LE',
  });
  let processCache: ProcessInfoCache | null = null;
  let lastAttribution: AttributionStats | null = null;
  let lastSources: Record<string, SocketTableSource> = {};

  // Stat lines read in this poll, so owners and details read each pid's stat once per poll.
  const statsThisPoll = new Map<number, ProcPidStat | null>();
  const statOf = (pid: number): ProcPidStat | null => {
    let stat = statsThisPoll.get(pid);
    if (stat === undefined) {
      stat = readProcStat(procRoot, pid);
      statsThisPoll.set(pid, stat);
    }
    return stat;
  };
  const owners = new SocketOwnerIndex({
    procRoot,
    retryUnownedMs: options.retryUnownedMs,
    startTicksOf: (pid) => statOf(pid)?.startTicks ?? null,
  });

  function readSocketsSync(): PlatformRead {
    statsThisPoll.clear();
    const read = table.read();
    const sockets: RawSocket[] = read.sockets;
    lastSources = read.sources;

    const liveInodes: number[] = [];
    for (const socket of sockets) if (socket.inode !== null) liveInodes.push(socket.inode);
    const attribution = owners.attribute(liveInodes);
    lastAttribution = attribution;

    users.refresh();
    processCache ??= new ProcessInfoCache(procRoot, readBootTime(procRoot), users);
    const processes = new Map<number, ProcessInfo>();
    const ownerPids = new Set<number>();
    for (const socket of sockets) {
      if (socket.inode === null) continue;
      const pid = owners.ownerOf(socket.inode);
      if (pid === null) continue;
      if (!processes.has(pid)) {
        const stat = statOf(pid);
        // Exited since attribution: leave the socket unowned; the next poll sorts it out.
        if (stat === null) continue;
        processes.set(pid, processCache.get(stat));
      }
      socket.pid = pid;
      ownerPids.add(pid);
    }
    processCache.retainOnly(ownerPids);

    const privileged = root && attribution.deniedProcesses === 0;
    const warnings: string[] = [...read.warnings];
    if (!root) warnings.push(UNPRIVILEGED_WARNING);
    else if (!privileged) warnings.push(ROOT_DENIED_WARNING);
    return { sockets, processes, malformedLines: read.malformedLines, privileged, warnings };
  }

  return {
    os: 'linux',
    readSocketsSync,
    async readSockets() {
      return readSocketsSync();
    },
    lastAttribution: () => lastAttribution,
    lastTableSources: () => lastSources,
    userName(uid: number) {
      return users.nameOf(uid);
    },
    // Actions (owner: actions — electron/platform/linux/kill-process.ts, close-socket.ts).
    readProcessIdentity: (pid) => readProcessIdentity(pid, procRoot),
    killProcess,
    closeTcp: closeTcpConnection,
  };
}

export { readProcessInfo } from './process-info';
export { PlatformError };

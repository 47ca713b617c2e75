// The Linux backend: sockets from /proc/net/{tcp,tcp6,udp,udp6}, owners from /proc/PID/fd,
// process details from /proc/PID/*. Everything is synchronous file I/O on procfs (fast, and the
// poll runs in a worker thread); readSockets wraps it in a Promise for the PlatformBackend shape.
import os from 'node:os';
import type { IpFamily, ProcessInfo, Protocol, RawSocket } from '../../../shared/model';
import { PlatformError, isGoneError, translateFsError } from '../errors';
import type { PlatformBackend, PlatformRead } from '../types';
import { AddressDecoder } from './address-decoder';
import { closeTcpConnection } from './close-socket';
import { killProcess, readProcessIdentity } from './kill-process';
import { UserNames } from './passwd';
import { ProcFileReader } from './proc-file-reader';
import { ProcessInfoCache, readBootTime, readProcStat } from './process-info';
import { parseProcNetTable } from './proc-net-parser';
import type { ProcPidStat } from './proc-stat-parser';
import { SocketOwnerIndex, type AttributionStats } from './socket-owners';

export const UNPRIVILEGED_WARNING =
  "Other users' sockets show as owner unknown: seeing which process owns them needs administrator rights (in the window: Show all processes…; on the command line: sudo).";
export const ROOT_DENIED_WARNING =
  'Some processes hide their open files even from root here (a container without CAP_SYS_PTRACE?); their sockets show as owner unknown.';

export interface LinuxBackendOptions {
  /** Where procfs is mounted; tests point it at a fixture directory. */
  procRoot?: string;
  passwdPath?: string;
  /** Whether we run as root; defaults to process.getuid() === 0. */
  root?: boolean;
  /** How long a socket with no visible owner is left alone before it is searched for again. */
  retryUnownedMs?: number;
}

export interface LinuxBackend extends PlatformBackend {
  readonly os: 'linux';
  /** The same read, without the Promise (the poll worker and the CLI call it directly). */
  readSocketsSync(): PlatformRead;
  /** What the last read's attribution did (walked or not, unowned inodes): for benchmarks. */
  lastAttribution(): AttributionStats | null;
  /** User name for a uid (socketUid of sockets whose process is not visible); uid text if unknown. */
  userName(uid: number): string;
}

const TABLES: readonly { file: string; protocol: Protocol; family: IpFamily; optional: boolean }[] =
  [
    { file: 'net/tcp', protocol: 'tcp', family: 4, optional: false },
    { file: 'net/tcp6', protocol: 'tcp', family: 6, optional: true },
    { file: 'net/udp', protocol: 'udp', family: 4, optional: false },
    { file: 'net/udp6', protocol: 'udp', family: 6, optional: true },
  ];

function readTable(reader: ProcFileReader, path: string, optional: boolean): string | null {
  try {
    return reader.read(path);
  } catch (error) {
    // tcp6/udp6 are absent when IPv6 is disabled (ipv6.disable=1): no IPv6 sockets, not an error.
    if (optional && isGoneError(error)) return null;
    throw translateFsError(error, `${path} (is /proc mounted?)`);
  }
}

export function createLinuxBackend(options: LinuxBackendOptions = {}): LinuxBackend {
  const procRoot = options.procRoot ?? '/proc';
  const root = options.root ?? process.getuid?.() === 0;
  const users = new UserNames(options.passwdPath);
  const decoder = new AddressDecoder(8192, os.endianness() === 'LE');
  let processCache: ProcessInfoCache | null = null;
  const tableReader = new ProcFileReader();
  let lastAttribution: AttributionStats | null = null;

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
    const sockets: RawSocket[] = [];
    let malformedLines = 0;
    for (const table of TABLES) {
      const text = readTable(tableReader, `${procRoot}/${table.file}`, table.optional);
      if (text === null) continue;
      const parsed = parseProcNetTable(text, table.protocol, table.family, decoder);
      malformedLines += parsed.malformedLines;
      for (const socket of parsed.sockets) sockets.push(socket);
    }

    const liveInodes = new Set<number>();
    for (const socket of sockets) if (socket.inode !== null) liveInodes.add(socket.inode);
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
    const warnings: string[] = [];
    if (!root) warnings.push(UNPRIVILEGED_WARNING);
    else if (!privileged) warnings.push(ROOT_DENIED_WARNING);
    return { sockets, processes, malformedLines, privileged, warnings };
  }

  return {
    os: 'linux',
    readSocketsSync,
    async readSockets() {
      return readSocketsSync();
    },
    lastAttribution: () => lastAttribution,
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

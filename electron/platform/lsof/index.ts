// The lsof backend: sockets and their processes from lsof, on any Unix that has it (macOS's
// darwin backend is this one plus what only macOS has). One poll is:
//   lsof -n -P -iTCP -iUDP -F…0   every TCP/UDP socket of every process lsof may look into
//   netstat (in parallel)         the whole socket table, to show the sockets nobody visible
//                                 holds (other users' without root, TIME_WAIT) as owner unknown
//   ps                            who each owning pid is now (start time: pid reuse), and for
//                                 processes not seen before their command line, with lsof's
//                                 `txt` for their executable (process-details.ts)
// Parsing is pure (lsof-field-parser.ts, netstat-*-parser.ts, ps-parser.ts, socket-join.ts);
// running the tools is command-runner.ts; errors leave as PlatformErrors.
import type { ProcessInfo, RawSocket } from '../../../shared/model';
import { NotSupported, PlatformError } from '../errors';
import { closeTcpConnection } from '../linux/close-socket';
import { killProcess as killLinuxProcess } from '../linux/kill-process';
import { UserNames } from '../linux/passwd';
import type { CloseTcpTarget, PlatformBackend, PlatformRead } from '../types';
import { createCommandRunner, type CommandRunner } from './command-runner';
import { LSOF_FIELDS, parseLsofSockets } from './lsof-field-parser';
import { classifyLsofStderr } from './lsof-stderr';
import { parseNetToolsTable, type SocketTable } from './netstat-linux-parser';
import { ProcessDetails } from './process-details';
import { killWithoutElevation, readProcessIdentity } from './process-identity';
import { joinSockets } from './socket-join';

import { ROOT_DENIED_WARNING, UNPRIVILEGED_WARNING } from '../owner-warnings';
export { ROOT_DENIED_WARNING, UNPRIVILEGED_WARNING };
export const NO_TABLE_WARNING =
  'netstat was not found, so only sockets that a visible process holds are listed (not TIME_WAIT, ' +
  "not other users' without root): install net-tools to see them all.";

/** Where the socket table comes from, next to lsof: null when this OS has none Portscope reads. */
export interface SocketTableSource {
  /** The table, or null when its tool is not installed (the read goes on with lsof alone). */
  read(run: CommandRunner): Promise<SocketTable | null>;
}

/** Linux: net-tools netstat (`-e` adds the uid and the inode, which joins exactly with lsof's). */
export const netToolsTable: SocketTableSource = {
  async read(run) {
    let result;
    try {
      result = await run('netstat', ['-t', '-u', '-a', '-n', '-W', '-e']);
    } catch (error) {
      if (error instanceof PlatformError && error.code === 'NOT_SUPPORTED') return null;
      throw error;
    }
    if (result.status !== 0 && result.stdout.trim() === '') {
      throw new PlatformError('OS_ERROR', `netstat failed: ${result.stderr.trim()}`);
    }
    return parseNetToolsTable(result.stdout);
  },
};

export interface LsofBackendOptions {
  run?: CommandRunner;
  /** Whether Portscope runs as root; defaults to process.getuid() === 0. */
  root?: boolean;
  /** The OS the backend reports (which row menu rules apply): macOS, or a Unix like Linux. */
  os?: 'linux' | 'darwin';
  /** The socket table next to lsof; the default is net-tools on Linux, none elsewhere. */
  table?: SocketTableSource | null;
  /**
   * Now and then ask lsof for every process's cwd too, so that processes whose files even root
   * may not read are noticed (Linux in a container without CAP_SYS_PTRACE: their cwd reads
   * "(readlink: Permission denied)"). Default: on Linux, as root.
   */
  probeDenied?: boolean;
  /** How often the probe runs (it makes lsof's run about 40 ms slower); default 60 s. */
  probeDeniedEveryMs?: number;
  /** The user database file for uids lsof did not name (tests point it at a fixture). */
  passwdPath?: string;
  /** Length at which the OS cuts process names: 15 on Linux (TASK_COMM_LEN - 1), 31 on macOS. */
  nameCutLength?: number;
  /**
   * Actions: how to kill and close. Defaults: Linux's (pkexec, ss -K) on Linux; elsewhere a
   * signal without elevation, and no close.
   */
  killProcess?: PlatformBackend['killProcess'];
  closeTcp?: PlatformBackend['closeTcp'];
}

/** What the last read saw of lsof, for tests and benchmarks. */
export interface LsofReadStats {
  lsofWarnings: string[];
  lsofProblems: string[];
  lsofSockets: number;
  tableSockets: number | null;
  deniedPids: number;
}

export interface LsofBackend extends PlatformBackend {
  readonly os: 'linux' | 'darwin';
  lastRead(): LsofReadStats | null;
  /** User name for a uid (socketUid of sockets no visible process holds); uid text if unknown. */
  userName(uid: number): string;
}

/** `lsof` arguments for one poll. */
export function lsofArgs(probeDenied: boolean): string[] {
  const args = ['-n', '-P', '-iTCP', '-iUDP', `-F${LSOF_FIELDS}`, '-Ts'];
  // ORed with -i (no -a): one cwd line per process, cheap, and it shows which ones are hidden.
  if (probeDenied) args.push('-d', 'cwd');
  return args;
}

async function cannotClose(target: CloseTcpTarget): Promise<never> {
  void target;
  throw new NotSupported(
    'Portscope cannot close connections on this OS: kill the owning process instead.',
  );
}

export function createLsofBackend(options: LsofBackendOptions = {}): LsofBackend {
  const run = options.run ?? createCommandRunner();
  const root = options.root ?? process.getuid?.() === 0;
  const onLinux = process.platform === 'linux';
  const os = options.os ?? (process.platform === 'darwin' ? 'darwin' : 'linux');
  const table = options.table === undefined ? (onLinux ? netToolsTable : null) : options.table;
  const probeDenied = options.probeDenied ?? (onLinux && root);
  const probeEveryMs = options.probeDeniedEveryMs ?? 60_000;
  let lastProbeAt: number | null = null;
  // What the last probe found: processes come and go, but a container's restrictions stay.
  let deniedPids = 0;
  const nameCutLength = options.nameCutLength ?? (os === 'darwin' ? 31 : 15);
  const details = new ProcessDetails({ run, nameCutLength, root });
  // Names lsof printed for uids (it asks the OS's user database, directory services included),
  // then /etc/passwd for uids no visible process runs as.
  const loginByUid = new Map<number, string>();
  const users = new UserNames(options.passwdPath);
  let last: LsofReadStats | null = null;

  async function readSockets(): Promise<PlatformRead> {
    const started = Date.now();
    const probing = probeDenied && (lastProbeAt === null || started - lastProbeAt >= probeEveryMs);
    const [lsofRun, tableRead] = await Promise.all([
      run('lsof', lsofArgs(probing)),
      table ? table.read(run) : Promise.resolve(null),
    ]);
    const stderr = classifyLsofStderr(lsofRun.stderr);
    // lsof exits 1 also when one of the -i selections matched nothing (no UDP socket at all):
    // only a run with problems and no output failed.
    if (lsofRun.stdout === '' && lsofRun.status !== 0 && lsofRun.status !== 1) {
      throw new PlatformError(
        'OS_ERROR',
        `lsof failed (exit ${lsofRun.status ?? 'by signal'}): ${stderr.problems[0] ?? 'no message'}`,
      );
    }
    if (lsofRun.stdout === '' && stderr.problems.length > 0) {
      throw new PlatformError('OS_ERROR', `lsof failed: ${stderr.problems.join('; ')}`);
    }
    const listed = parseLsofSockets(lsofRun.stdout);
    for (const process of listed.processes.values()) {
      if (process.uid !== null && process.login !== null && process.login !== String(process.uid)) {
        loginByUid.set(process.uid, process.login);
      }
    }
    users.refresh();
    const socketPids = new Set(listed.sockets.map((socket) => socket.pid));
    const owners = new Map([...listed.processes].filter(([pid]) => socketPids.has(pid)));
    const processes: Map<number, ProcessInfo> = await details.read(owners);
    const joined = joinSockets(tableRead?.sockets ?? null, listed.sockets, listed.processes);
    // joinSockets lists the table's sockets first, then those only lsof saw.
    const fromTable = tableRead?.sockets.length ?? 0;
    const sockets: RawSocket[] = [];
    for (let i = 0; i < joined.length; i++) {
      const socket = joined[i]!;
      if (socket.pid !== null && !processes.has(socket.pid)) {
        // The owner exited between lsof and ps. A socket only lsof saw went with it; one the
        // table lists stays, owner unknown, until the next poll sorts it out.
        if (i >= fromTable) continue;
        socket.pid = null;
      }
      sockets.push(socket);
    }

    if (probing) {
      lastProbeAt = started;
      deniedPids = listed.deniedPids.size;
    }
    const privileged = root && deniedPids === 0;
    const warnings: string[] = [];
    if (!root) warnings.push(UNPRIVILEGED_WARNING);
    else if (!privileged) warnings.push(ROOT_DENIED_WARNING);
    if (table && tableRead === null) warnings.push(NO_TABLE_WARNING);
    if (stderr.problems.length > 0) warnings.push(`lsof: ${stderr.problems[0]}`);
    last = {
      lsofWarnings: stderr.warnings,
      lsofProblems: stderr.problems,
      lsofSockets: listed.sockets.length,
      tableSockets: tableRead?.sockets.length ?? null,
      deniedPids,
    };
    return {
      sockets,
      processes,
      malformedLines: listed.malformedRecords + (tableRead?.malformedLines ?? 0),
      privileged,
      warnings,
    };
  }

  return {
    os,
    readSockets,
    lastRead: () => last,
    userName: (uid) => loginByUid.get(uid) ?? users.nameOf(uid),
    readProcessIdentity: (pid) =>
      readProcessIdentity(pid, { run, kernelThreadParent: onLinux && os === 'linux' ? 2 : null }),
    // On Linux the actions do not depend on how the table was read: signals (with pkexec for
    // one elevated action) and sock_diag destroy through `ss -K`, as the Linux backend does.
    killProcess: options.killProcess ?? (onLinux ? killLinuxProcess : killWithoutElevation),
    closeTcp: options.closeTcp ?? (onLinux ? closeTcpConnection : cannotClose),
  };
}

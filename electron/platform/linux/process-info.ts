// Details of a process from /proc/PID/*: name, executable, command line, user, parent, start.
// A pid alone does not name a process (pids are reused), so details are cached per pid AND start
// time, and readProcessInfo lets an action check that a pid is still the process it was.
import fs from 'node:fs';
import path from 'node:path';
import {
  MAX_COMMAND_LINE_BYTES,
  capCommandLine,
  cutCommandLine,
} from '../../../shared/command-line-cap';
import { NO_PROCESS_EXTRAS, type ProcessInfo } from '../../../shared/model';
import { NoSuchProcess, isGoneError, translateFsError } from '../errors';
import { UserNames } from './passwd';
import {
  parseBootTime,
  parseCmdline,
  parseProcPidStat,
  parseStatusUid,
  startTicksToEpochMs,
  type ProcPidStat,
} from './proc-stat-parser';

/** The kernel's comm is cut to TASK_COMM_LEN - 1 = 15 bytes (include/linux/sched.h). */
const COMM_MAX_LENGTH = 15;
const DELETED_SUFFIX = ' (deleted)';

/** Read a /proc file as text; null when the process is gone or the file cannot be read by us. */
function readProcText(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/**
 * /proc/PID/cmdline, at most MAX_COMMAND_LINE_BYTES of it: enough for the part Portscope keeps
 * (shared/command-line-cap.ts), so a process with megabytes of arguments costs no more to read
 * than one at the cap. Null when it cannot be read.
 */
export function readCommandLine(file: string): string | null {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return null;
  }
  try {
    const buffer = Buffer.allocUnsafe(MAX_COMMAND_LINE_BYTES + 1);
    let length = 0;
    while (length < buffer.length) {
      const count = fs.readSync(fd, buffer, length, buffer.length - length, null);
      if (count === 0) break;
      length += count;
    }
    const text = parseCmdline(buffer.toString('utf8', 0, Math.min(length, MAX_COMMAND_LINE_BYTES)));
    // More than was read: whatever the part read holds, the value shown is a cut one.
    if (length > MAX_COMMAND_LINE_BYTES) return cutCommandLine(text ?? '');
    return capCommandLine(text);
  } catch {
    return null;
  } finally {
    fs.closeSync(fd);
  }
}

/** /proc/PID/stat parsed; null when the process has exited (or never existed). */
export function readProcStat(procRoot: string, pid: number): ProcPidStat | null {
  const text = readProcText(`${procRoot}/${pid}/stat`);
  return text === null ? null : parseProcPidStat(text);
}

const bootTimeByRoot = new Map<string, number>();

/** Boot time (seconds since epoch) from /proc/stat; read once per proc root (it never changes). */
export function readBootTime(procRoot = '/proc'): number {
  const cached = bootTimeByRoot.get(procRoot);
  if (cached !== undefined) return cached;
  let text: string;
  try {
    text = fs.readFileSync(`${procRoot}/stat`, 'utf8');
  } catch (error) {
    throw translateFsError(error, `${procRoot}/stat (is /proc mounted?)`);
  }
  const bootTime = parseBootTime(text);
  if (bootTime === null) {
    throw translateFsError(new Error('no btime line'), `${procRoot}/stat`);
  }
  bootTimeByRoot.set(procRoot, bootTime);
  return bootTime;
}

/** The executable path, " (deleted)" stripped and flagged; null path when it cannot be read. */
export function readExecutable(
  procRoot: string,
  pid: number,
): { path: string | null; deleted: boolean } {
  try {
    const target = fs.readlinkSync(`${procRoot}/${pid}/exe`);
    if (target.endsWith(DELETED_SUFFIX)) {
      return { path: target.slice(0, -DELETED_SUFFIX.length), deleted: true };
    }
    return { path: target, deleted: false };
  } catch {
    // ENOENT: kernel thread or gone; EACCES: another user's process and we are not root.
    return { path: null, deleted: false };
  }
}

/**
 * The name to show. comm is cut at 15 bytes; when it is, the first argument's base name usually
 * carries the whole name ("gnome-shell-calendar-server"), so use it if it extends comm.
 */
export function displayName(comm: string, commandLine: string | null): string {
  if (comm.length < COMM_MAX_LENGTH || commandLine === null) return comm;
  const argv0 = commandLine.split(' ')[0] ?? '';
  const base = path.posix.basename(argv0);
  return base.startsWith(comm) ? base : comm;
}

export interface ProcessInfoOptions {
  procRoot?: string;
  users?: UserNames;
}

const defaultUsers = new UserNames();

/** Read every detail of one process whose stat line is already parsed. */
export function readProcessDetails(
  procRoot: string,
  stat: ProcPidStat,
  bootTimeSeconds: number,
  users: UserNames,
): ProcessInfo {
  const pid = stat.pid;
  const commandLine = readCommandLine(`${procRoot}/${pid}/cmdline`);
  const executable = readExecutable(procRoot, pid);
  const statusText = readProcText(`${procRoot}/${pid}/status`);
  const uid = statusText === null ? null : parseStatusUid(statusText);
  return {
    pid,
    name: displayName(stat.comm, commandLine),
    path: executable.path,
    pathDeleted: executable.deleted,
    commandLine,
    user: uid === null ? null : users.nameOf(uid),
    uid,
    parentPid: stat.parentPid === 0 ? null : stat.parentPid,
    startTime: startTicksToEpochMs(stat.startTicks, bootTimeSeconds),
    ...NO_PROCESS_EXTRAS,
  };
}

/**
 * Details of one process, read fresh (no cache): what an action uses to check, just before it
 * acts, that `pid` is still the process the person saw (compare startTime).
 * Throws NoSuchProcess when the pid does not exist.
 */
export function readProcessInfo(pid: number, options: ProcessInfoOptions = {}): ProcessInfo {
  const procRoot = options.procRoot ?? '/proc';
  let text: string;
  try {
    text = fs.readFileSync(`${procRoot}/${pid}/stat`, 'utf8');
  } catch (error) {
    if (isGoneError(error)) {
      throw new NoSuchProcess(`Process ${pid} does not exist (it has already exited).`, {
        cause: error,
      });
    }
    throw translateFsError(error, `process ${pid}`);
  }
  const stat = parseProcPidStat(text);
  if (stat === null) {
    throw translateFsError(new Error('unreadable stat line'), `/proc/${pid}/stat`);
  }
  const users = options.users ?? defaultUsers;
  users.refresh();
  return readProcessDetails(procRoot, stat, readBootTime(procRoot), users);
}

/**
 * Process details cached per pid + start time: a steady poll re-reads only the stat line of each
 * socket owner (which it needs anyway to notice pid reuse) and the exe link, never
 * cmdline/status unless the name or executable changed.
 */
export class ProcessInfoCache {
  private readonly entries = new Map<
    number,
    { startTicks: number; comm: string; info: ProcessInfo }
  >();

  constructor(
    private readonly procRoot: string,
    private readonly bootTimeSeconds: number,
    private readonly users: UserNames,
  ) {}

  get(stat: ProcPidStat): ProcessInfo {
    const entry = this.entries.get(stat.pid);
    if (entry && entry.startTicks === stat.startTicks && entry.comm === stat.comm) {
      // A running process can have its executable deleted or replaced, and can rename itself
      // (prctl): both are what the suspicion rules look for, so the cheap parts are re-checked
      // every poll (stat is read anyway; exe is one readlink) and details re-read on a change.
      const exe = readExecutable(this.procRoot, stat.pid);
      if (exe.path === entry.info.path && exe.deleted === entry.info.pathDeleted) return entry.info;
    }
    const info = readProcessDetails(this.procRoot, stat, this.bootTimeSeconds, this.users);
    this.entries.set(stat.pid, { startTicks: stat.startTicks, comm: stat.comm, info });
    return info;
  }

  /** Forget pids that own no socket any more, so the cache stays as small as the table. */
  retainOnly(pids: ReadonlySet<number>): void {
    for (const pid of this.entries.keys()) if (!pids.has(pid)) this.entries.delete(pid);
  }

  get size(): number {
    return this.entries.size;
  }
}

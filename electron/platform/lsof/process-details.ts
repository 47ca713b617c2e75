// Details of the processes that hold sockets, for the lsof backend: from ps (parent, uid, start
// time, command line) and lsof (name, user, executable). One ps run per poll asks every owner
// who it is now; details are cached per pid AND start time, so a reused pid never shows the
// previous process's details, and a steady poll costs that one ps run. A process seen for the
// first time costs one more ps run (command lines) and one lsof run (executables) for all new
// processes of the poll together. ps cannot name the executable file on every Unix (macOS ps
// shows argv[0], which a process chooses), so it comes from lsof's `txt` file.
import path from 'node:path';
import { NO_PROCESS_EXTRAS, type ProcessInfo } from '../../../shared/model';
import type { CommandRunner } from './command-runner';
import { parseLsofExecutables, type LsofExecutable, type LsofProcess } from './lsof-field-parser';
import {
  ARGS_KEYWORDS,
  STATUS_KEYWORDS,
  parsePsArgs,
  parsePsStatus,
  psArgs,
  type PsStatus,
} from './ps-parser';

/** `lsof` arguments listing the executable (`txt`) of each of these pids. */
export function executableArgs(pids: readonly number[]): string[] {
  return ['-n', '-P', '-a', '-d', 'txt', '-p', pids.join(','), '-Fpfn0'];
}

/**
 * The name to show. The kernel cuts a process's name (Linux: 15 bytes; macOS: 31); when lsof's
 * is that long, the command line's first word usually has it whole, so use that if it extends
 * the cut name ("gnome-shell-cal" -> "gnome-shell-calendar-server").
 *   displayName("gnome-shell-cal", "/usr/libexec/gnome-shell-calendar-server", 15)
 *   -> "gnome-shell-calendar-server"
 */
export function displayName(
  command: string | null,
  commandLine: string | null,
  executable: string | null,
  cutLength: number,
): string {
  const argv0 = commandLine === null ? null : path.posix.basename(commandLine.split(' ')[0] ?? '');
  if (command === null || command === '') {
    return argv0 || (executable ? path.posix.basename(executable) : '');
  }
  if (command.length < cutLength || argv0 === null) return command;
  return argv0.startsWith(command) ? argv0 : command;
}

export interface ProcessDetailsOptions {
  run: CommandRunner;
  /** Length at which the OS cuts process names (15 on Linux, 31 on macOS). */
  nameCutLength: number;
  /** Whether Portscope runs as root: what a missing detail means (no permission, or gone). */
  root: boolean;
}

interface Entry {
  startTime: number;
  info: ProcessInfo;
}

export class ProcessDetails {
  private readonly entries = new Map<number, Entry>();

  constructor(private readonly options: ProcessDetailsOptions) {}

  /**
   * Details of every process in `owners` (lsof's process sets) that still runs. A pid that ps no
   * longer finds exited during the poll and is left out: its sockets show as owner unknown until
   * the next poll, not as an error.
   */
  async read(owners: ReadonlyMap<number, LsofProcess>): Promise<Map<number, ProcessInfo>> {
    const result = new Map<number, ProcessInfo>();
    const pids = [...owners.keys()].sort((a, b) => a - b);
    if (pids.length === 0) {
      this.entries.clear();
      return result;
    }
    const status = parsePsStatus(
      (await this.options.run('ps', psArgs(pids, STATUS_KEYWORDS))).stdout,
    );
    const fresh: PsStatus[] = [];
    for (const pid of pids) {
      const now = status.get(pid);
      if (!now) continue;
      const entry = this.entries.get(pid);
      if (entry && entry.startTime === now.startTime) {
        result.set(pid, this.renamed(entry, owners.get(pid)!));
      } else {
        fresh.push(now);
      }
    }
    if (fresh.length > 0) {
      const freshPids = fresh.map((now) => now.pid);
      const [argsRun, exeRun] = await Promise.all([
        this.options.run('ps', psArgs(freshPids, ARGS_KEYWORDS)),
        this.options.run('lsof', executableArgs(freshPids)),
      ]);
      const commandLines = parsePsArgs(argsRun.stdout);
      const executables = parseLsofExecutables(exeRun.stdout);
      for (const now of fresh) {
        const info = this.build(now, owners.get(now.pid)!, commandLines, executables);
        this.entries.set(now.pid, { startTime: now.startTime, info });
        result.set(now.pid, info);
      }
    }
    for (const pid of this.entries.keys()) if (!result.has(pid)) this.entries.delete(pid);
    return result;
  }

  /** A cached process whose name changed (a process may rename itself) gets the new name. */
  private renamed(entry: Entry, owner: LsofProcess): ProcessInfo {
    const name = displayName(
      owner.command,
      entry.info.commandLine,
      entry.info.path,
      this.options.nameCutLength,
    );
    if (name === entry.info.name) return entry.info;
    entry.info = { ...entry.info, name };
    return entry.info;
  }

  private build(
    now: PsStatus,
    owner: LsofProcess,
    commandLines: ReadonlyMap<number, string | null>,
    executables: ReadonlyMap<number, LsofExecutable>,
  ): ProcessInfo {
    const commandLine = commandLines.get(now.pid) ?? null;
    const executable = executables.get(now.pid) ?? { path: null, deleted: false };
    const missing = [
      executable.path === null ? 'executable path' : null,
      commandLine === null ? 'command line' : null,
    ].filter((item): item is string => item !== null);
    let note: string | null = null;
    if (missing.length > 0) {
      note = this.options.root
        ? `${missing.join(' and ')} could not be read (the process may have just exited)`
        : `${missing.join(' and ')} hidden: they need administrator rights (Show all processes…)`;
    }
    return {
      pid: now.pid,
      name: displayName(owner.command, commandLine, executable.path, this.options.nameCutLength),
      path: executable.path,
      pathDeleted: executable.deleted,
      commandLine,
      user: owner.login ?? String(now.uid),
      uid: now.uid,
      parentPid: now.parentPid === 0 ? null : now.parentPid,
      startTime: now.startTime,
      ...NO_PROCESS_EXTRAS,
      note,
    };
  }

  get size(): number {
    return this.entries.size;
  }
}

// Signalling a process on Linux, and reading back who a pid is right now, so the actions can make
// sure the pid still belongs to the process the table showed (pids are reused: without this check
// a kill could hit a stranger that started after the original exited).
import { readdirSync, readlinkSync } from 'node:fs';
import { AccessDenied, NoSuchProcess, PlatformError, isGoneError } from '../errors';
import type { KillSignal, ProcessIdentity } from '../types';
import { findSystemProgram, runElevated } from './action-elevation';
import { startTicksToEpochMs } from './proc-stat-parser';
import { readBootTime, readExecutable, readProcStat } from './process-info';

/** kthreadd: every kernel thread is its child (kernel/kthread.c). */
const KTHREADD_PID = 2;

/**
 * Who `pid` is now: start time (ms since epoch, computed exactly as the table's
 * processStartTime is, by process-info.ts), parent, executable. Null when no such process
 * exists or it is a zombie (it has exited; nothing is left to signal). The stat line is
 * world-readable; `executable` needs root or the same user.
 */
export async function readProcessIdentity(
  pid: number,
  procRoot = '/proc',
): Promise<ProcessIdentity | null> {
  const stat = readProcStat(procRoot, pid);
  if (!stat || stat.state === 'X') return null;
  // A multi-threaded process (Node, every browser) that exits shows its leader as a zombie while
  // the other threads still tear down; its files, sockets included, are released only when the
  // last thread is gone. So it counts as exited once no thread but the zombie leader is left.
  const exiting = stat.state === 'Z';
  if (exiting && liveThreads(procRoot, pid) <= 1) return null;
  const executable = readExecutable(procRoot, pid);
  return {
    pid,
    name: stat.comm,
    parentPid: stat.parentPid === 0 ? null : stat.parentPid,
    startTime: startTicksToEpochMs(stat.startTicks, readBootTime(procRoot)),
    executable: executable.path,
    // Kernel threads hang below kthreadd and have no executable: readlink gives ENOENT even to
    // root (user processes that we may not inspect give EACCES instead).
    kernelThread:
      (!exiting && pid === KTHREADD_PID) ||
      stat.parentPid === KTHREADD_PID ||
      (!exiting && pid !== 1 && executableMissing(procRoot, pid)),
  };
}

function liveThreads(procRoot: string, pid: number): number {
  try {
    return readdirSync(`${procRoot}/${pid}/task`).length;
  } catch {
    return 0;
  }
}

function executableMissing(procRoot: string, pid: number): boolean {
  try {
    readlinkSync(`${procRoot}/${pid}/exe`);
    return false;
  } catch (error) {
    return isGoneError(error);
  }
}

const SIGNAL_NAMES: Record<KillSignal, string> = { SIGTERM: 'TERM', SIGKILL: 'KILL' };

/**
 * Send `signal` to `pid`. With `elevate`, through `pkexec kill` (one action as root, never the
 * app). Throws AccessDenied (EPERM: another user's process), NoSuchProcess (ESRCH: it exited).
 */
export async function killProcess(
  pid: number,
  signal: KillSignal,
  options: { elevate?: boolean } = {},
): Promise<void> {
  if (!Number.isInteger(pid) || pid <= 1) {
    throw new PlatformError('OS_ERROR', `Refusing to signal pid ${pid}.`);
  }
  if (options.elevate) {
    await killElevated(pid, signal);
    return;
  }
  try {
    process.kill(pid, signal);
  } catch (error) {
    throw translateKillError(error, pid);
  }
}

/** EPERM/ESRCH from kill(2) in words a person can act on. */
export function translateKillError(error: unknown, pid: number): PlatformError {
  const code =
    typeof error === 'object' && error !== null && 'code' in error
      ? String((error as { code: unknown }).code)
      : '';
  if (code === 'EPERM') {
    return new AccessDenied(
      `Not permitted to end process ${pid}: it belongs to another user. Retry with ` +
        'administrator rights (pkexec), or run Portscope\u2019s CLI as root (sudo portscope kill ' +
        `${pid}).`,
      { cause: error },
    );
  }
  if (code === 'ESRCH') {
    return new NoSuchProcess(`Process ${pid} has already exited.`, { cause: error });
  }
  return new PlatformError('OS_ERROR', `Could not signal process ${pid}: ${String(error)}`, {
    cause: error,
  });
}

async function killElevated(pid: number, signal: KillSignal): Promise<void> {
  const killProgram = await findSystemProgram('kill');
  if (!killProgram) {
    throw new PlatformError('OS_ERROR', 'The kill program (procps) was not found.');
  }
  const result = await runElevated(killProgram, ['-s', SIGNAL_NAMES[signal], '--', String(pid)]);
  if (result.status !== 0) {
    if (/no such process/i.test(result.stderr)) {
      throw new NoSuchProcess(`Process ${pid} has already exited.`);
    }
    throw new PlatformError(
      'OS_ERROR',
      `kill ${pid} as administrator failed: ${result.stderr.trim() || `exit ${result.status}`}`,
    );
  }
}

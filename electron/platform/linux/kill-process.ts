// Signalling a process on Linux, and reading back who a pid is right now, so the actions can make
// sure the pid still belongs to the process the table showed (pids are reused: without this check
// a kill could hit a stranger that started after the original exited).
import { readdirSync, readlinkSync } from 'node:fs';
import { AccessDenied, NoSuchProcess, PlatformError, Refused, isGoneError } from '../errors';
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
        'administrator rights (pkexec), or choose Show all processes\u2026 so that the agent ends ' +
        `it (on the command line: sudo portscope kill ${pid}).`,
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

/**
 * The elevated kill, as a fixed sh script (arguments are positional parameters, never pasted into
 * the script): the password prompt before it can stay open for minutes, and in that time the
 * process can exit and its pid be reused. So the script reads the pid's start time (field 22 of
 * /proc/PID/stat, after the comm that ends at the last ")") as root, after the prompt, and
 * signals only when it is still the one the window checked. Exit 3: no such process;
 * 4: the pid belongs to another process now.
 *   $1 pid  $2 expected start ticks  $3 signal name (TERM, KILL)  $4 the kill program
 */
export const ELEVATED_KILL_SCRIPT = [
  'set -f',
  'stat=$(cat "/proc/$1/stat" 2>/dev/null) || exit 3',
  'rest=${stat##*) }',
  'set -- "$1" "$2" "$3" "$4" $rest',
  '[ $# -ge 24 ] || exit 3',
  'ticks=${24}',
  '[ "$ticks" = "$2" ] || exit 4',
  'exec "$4" -s "$3" -- "$1"',
].join('\n');

/** sh's arguments for the elevated kill of `pid`, which started at `startTicks` (clock ticks). */
export function elevatedKillArgs(
  pid: number,
  startTicks: number,
  signal: KillSignal,
  killProgram: string,
): string[] {
  return [
    '-c',
    ELEVATED_KILL_SCRIPT,
    'portscope-kill',
    String(pid),
    String(startTicks),
    SIGNAL_NAMES[signal],
    killProgram,
  ];
}

async function killElevated(pid: number, signal: KillSignal): Promise<void> {
  const [killProgram, sh] = await Promise.all([findSystemProgram('kill'), findSystemProgram('sh')]);
  if (!killProgram || !sh) {
    throw new PlatformError('OS_ERROR', 'The kill program (procps) or /bin/sh was not found.');
  }
  // Who the pid is now, right after the actions checked it against the table; the elevated step
  // checks it is still the same after the prompt.
  const stat = readProcStat('/proc', pid);
  if (!stat) throw new NoSuchProcess(`Process ${pid} has already exited.`);
  const result = await runElevated(sh, elevatedKillArgs(pid, stat.startTicks, signal, killProgram));
  if (result.status === 3 || (result.status !== 0 && /no such process/i.test(result.stderr))) {
    throw new NoSuchProcess(`Process ${pid} has already exited.`);
  }
  if (result.status === 4) {
    throw new Refused(
      `Process ${pid} exited while the password prompt was open, and its pid now belongs to ` +
        'another process: nothing was done.',
    );
  }
  if (result.status !== 0) {
    throw new PlatformError(
      'OS_ERROR',
      `kill ${pid} as administrator failed: ${result.stderr.trim() || `exit ${result.status}`}`,
    );
  }
}

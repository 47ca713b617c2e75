// Ending a process on Windows: TerminateProcess, after the same checks as on Linux (core/actions
// re-reads who the pid is and compares its start time), made airtight here: the start time is
// compared on the very handle that is terminated, so a pid reused in between can never be hit
// (a handle pins its process). Windows' critical processes are never ended: losing one stops
// the machine with a blue screen (CRITICAL_PROCESS_DIED).
// https://learn.microsoft.com/en-us/windows/win32/api/processthreadsapi/nf-processthreadsapi-terminateprocess
import { AccessDenied, NoSuchProcess, PlatformError } from '../errors';
import type { KillSignal, ProcessIdentity } from '../types';
import { filetimeToEpochMs } from './process-decoders';
import { IDLE_PID, IDLE_PROCESS_NAME, SYSTEM_PID, SYSTEM_PROCESS_NAME } from './process-reader';
import { PROCESS_QUERY_LIMITED_INFORMATION, PROCESS_TERMINATE, type Win32Api } from './win32-api';
import {
  ADMIN_ADVICE,
  ERROR_INVALID_PARAMETER,
  ERROR_SUCCESS,
  describeWin32Error,
  isDeniedCode,
} from './win32-errors';

export type KillApi = Pick<
  Win32Api,
  'processEntries' | 'openProcess' | 'closeHandle' | 'creationTime' | 'imagePath' | 'terminate'
>;

/** Processes whose end is the end of the session (they are marked critical by Windows). */
export const CRITICAL_PROCESS_NAMES: ReadonlySet<string> = new Set([
  'smss.exe',
  'csrss.exe',
  'wininit.exe',
  'winlogon.exe',
  'services.exe',
  'lsass.exe',
]);

const SYSTEM32 = /^[a-z]:\\windows\\system32\\[^\\]+$/i;

/** The exit code a terminated process gets (what Task Manager's End task uses). */
const TERMINATED_EXIT_CODE = 1;

/**
 * Why Portscope must never end this process, or null. A critical name counts only for the
 * genuine file in System32 (or when the path cannot be read): a look-alike elsewhere is exactly
 * what someone may want to end.
 */
export function criticalProcessReason(
  pid: number,
  name: string,
  executable: string | null,
): string | null {
  if (pid === IDLE_PID) {
    return `pid 0 is the ${IDLE_PROCESS_NAME}, not a program: there is nothing to end.`;
  }
  if (pid === SYSTEM_PID) {
    return `pid 4 is ${SYSTEM_PROCESS_NAME}, the Windows kernel: it cannot be ended.`;
  }
  const lower = name.toLowerCase();
  if (!CRITICAL_PROCESS_NAMES.has(lower)) return null;
  if (executable !== null && !SYSTEM32.test(executable)) return null;
  return (
    `${name} (pid ${pid}) is a critical Windows process: ending it stops Windows at once with a ` +
    'blue screen, so Portscope never does.'
  );
}

function nameFromPath(path: string): string {
  return path.slice(path.lastIndexOf('\\') + 1);
}

/** Who `pid` is now (null: no such process), for the actions' pid-reuse check. */
export function readWindowsProcessIdentity(api: KillApi, pid: number): ProcessIdentity | null {
  if (pid === IDLE_PID) {
    return {
      pid,
      name: IDLE_PROCESS_NAME,
      parentPid: null,
      startTime: null,
      executable: null,
      kernelThread: true,
      critical: criticalProcessReason(pid, IDLE_PROCESS_NAME, null),
    };
  }
  const entries = api.processEntries();
  const entry = entries.ok ? entries.value.find((candidate) => candidate.pid === pid) : undefined;
  if (entries.ok && entry === undefined) return null;
  const opened = api.openProcess(pid, PROCESS_QUERY_LIMITED_INFORMATION);
  if (!opened.ok && opened.code === ERROR_INVALID_PARAMETER) return null;
  let startTime: number | null = null;
  let executable: string | null = null;
  if (opened.ok) {
    try {
      const created = api.creationTime(opened.value);
      if (created.ok) startTime = filetimeToEpochMs(created.value);
      const path = api.imagePath(opened.value);
      if (path.ok) executable = path.value;
    } finally {
      api.closeHandle(opened.value);
    }
  }
  const name =
    pid === SYSTEM_PID
      ? SYSTEM_PROCESS_NAME
      : (entry?.name ?? (executable ? nameFromPath(executable) : `pid ${pid}`));
  return {
    pid,
    name,
    parentPid: entry && entry.parentPid !== 0 ? entry.parentPid : null,
    startTime,
    executable,
    // The kernel's own "process": like a Linux kernel thread, nothing to end.
    kernelThread: pid === SYSTEM_PID,
    critical: criticalProcessReason(pid, name, executable),
  };
}

/**
 * TerminateProcess(pid). Both signals end the process at once (Windows has no SIGTERM for an
 * arbitrary program). `expectedStartTime`, when given, must equal the creation time of the
 * process the handle opened, else nothing is done (the pid was reused).
 * Throws AccessDenied (not elevated, or a protected process), NoSuchProcess (gone or reused),
 * PlatformError for a critical process.
 */
export function killWindowsProcess(
  api: KillApi,
  pid: number,
  _signal: KillSignal,
  expectedStartTime?: number | null,
): void {
  if (!Number.isInteger(pid) || pid <= 0) {
    throw new PlatformError('OS_ERROR', `Refusing to end pid ${pid}.`);
  }
  const opened = api.openProcess(pid, PROCESS_TERMINATE | PROCESS_QUERY_LIMITED_INFORMATION);
  if (!opened.ok) {
    if (opened.code === ERROR_INVALID_PARAMETER) {
      throw new NoSuchProcess(`Process ${pid} has already exited.`);
    }
    if (isDeniedCode(opened.code)) {
      throw new AccessDenied(
        `Not permitted to end process ${pid}: it belongs to another user or to Windows. ` +
          `To end it, ${ADMIN_ADVICE}.`,
      );
    }
    throw new PlatformError(
      'OS_ERROR',
      `Could not open process ${pid} to end it: ${describeWin32Error(opened.code)}.`,
    );
  }
  try {
    const path = api.imagePath(opened.value);
    const executable = path.ok ? path.value : null;
    const entries = api.processEntries();
    const name =
      (entries.ok ? entries.value.find((entry) => entry.pid === pid)?.name : undefined) ??
      (executable ? nameFromPath(executable) : `pid ${pid}`);
    const critical = criticalProcessReason(pid, name, executable);
    if (critical !== null) throw new PlatformError('OS_ERROR', critical);
    if (expectedStartTime !== undefined && expectedStartTime !== null) {
      const created = api.creationTime(opened.value);
      const startTime = created.ok ? filetimeToEpochMs(created.value) : null;
      if (startTime !== expectedStartTime) {
        throw new NoSuchProcess(
          `Process ${pid} has exited and its pid now belongs to another process: nothing was done.`,
        );
      }
    }
    const code = api.terminate(opened.value, TERMINATED_EXIT_CODE);
    if (code === ERROR_SUCCESS) return;
    if (isDeniedCode(code)) {
      throw new AccessDenied(
        `Windows refused to end ${name} (pid ${pid}): it is protected. To end it, ${ADMIN_ADVICE}.`,
      );
    }
    throw new PlatformError(
      'OS_ERROR',
      `Could not end ${name} (pid ${pid}): ${describeWin32Error(code)}.`,
    );
  } finally {
    api.closeHandle(opened.value);
  }
}

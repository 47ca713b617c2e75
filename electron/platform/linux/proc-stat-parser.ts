// Parsers for /proc/PID/stat, /proc/stat and /proc/PID/status. Pure: text in, values out.
// Field numbers are those of proc(5) ("/proc/pid/stat"), 1-based as the man page counts them.
// https://man7.org/linux/man-pages/man5/proc_pid_stat.5.html

export interface ProcPidStat {
  pid: number;
  /** The command name (comm), up to 15 bytes, as the kernel keeps it. */
  comm: string;
  /** One-letter state: R, S, D, Z (zombie), T … */
  state: string;
  parentPid: number;
  /** Field 22: start time after boot, in clock ticks (USER_HZ). */
  startTicks: number;
}

/**
 * Parse /proc/PID/stat. comm (field 2) is in parentheses and may itself contain spaces and
 * parentheses, so it runs from the first "(" to the LAST ")"; the other fields follow it.
 *   "1234 (my (odd) prog) S 1 1234 …" -> { pid: 1234, comm: "my (odd) prog", state: "S", parentPid: 1, … }
 * Returns null for text that is not a stat line.
 */
export function parseProcPidStat(text: string): ProcPidStat | null {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open <= 0 || close < open) return null;
  const pid = Number(text.slice(0, open).trim());
  const comm = text.slice(open + 1, close);
  // After ") ": field 3 (state) is rest[0]; field N is rest[N - 3].
  const rest = text.slice(close + 2).split(' ');
  const state = rest[0] ?? '';
  const parentPid = Number(rest[4 - 3]);
  const startTicks = Number(rest[22 - 3]);
  if (!Number.isInteger(pid) || pid <= 0 || state.length !== 1) return null;
  if (!Number.isInteger(parentPid) || !Number.isInteger(startTicks)) return null;
  return { pid, comm, state, parentPid, startTicks };
}

/** The "btime" line of /proc/stat: boot time in seconds since the epoch; null when absent. */
export function parseBootTime(procStatText: string): number | null {
  const match = /^btime\s+(\d+)\s*$/m.exec(procStatText);
  return match ? Number(match[1]) : null;
}

/**
 * Clock ticks per second for /proc times. The kernel reports them in USER_HZ, which is 100 on
 * every architecture Linux runs Electron on (x86, arm, arm64, …; `getconf CLK_TCK` says 100);
 * the kernel keeps it fixed for user space whatever the internal HZ is.
 * https://github.com/torvalds/linux/blob/master/include/asm-generic/param.h
 */
export const CLOCK_TICKS_PER_SECOND = 100;

/** Field 22 of /proc/PID/stat to milliseconds since the Unix epoch. */
export function startTicksToEpochMs(startTicks: number, bootTimeSeconds: number): number {
  return bootTimeSeconds * 1000 + Math.round((startTicks * 1000) / CLOCK_TICKS_PER_SECOND);
}

/**
 * The effective uid from /proc/PID/status ("Uid:\treal\teffective\tsaved\tfs"): the user whose
 * rights the process has, as `ps -o user` shows. Null when the line is missing.
 */
export function parseStatusUid(statusText: string): number | null {
  const match = /^Uid:\s+(\d+)\s+(\d+)/m.exec(statusText);
  return match ? Number(match[2]) : null;
}

/**
 * /proc/PID/cmdline: arguments separated (and ended) by NUL; null when empty (kernel thread).
 *   "node\0server.js\0-v\0" -> "node server.js -v"
 */
export function parseCmdline(raw: string): string | null {
  // Trailing NULs: the terminator, plus padding when a process rewrote its argv (process.title).
  // Scanned from the end, not /\0+$/: that pattern retries from every NUL of a run that a word
  // follows, so 100,000 empty arguments and one word cost ~5·10⁹ steps (issue 13.3).
  let end = raw.length;
  while (end > 0 && raw.charCodeAt(end - 1) === 0) end--;
  if (end === 0) return null;
  return raw.slice(0, end).split('\0').join(' ');
}

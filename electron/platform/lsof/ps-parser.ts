// ps output, parsed. ps is on every Unix and names a process the same way everywhere: pid,
// parent, uid, start time, command line. The keywords used (pid, ppid, uid, lstart, stat, comm,
// args) exist in procps (Linux) and in BSD ps (macOS: adv_cmds ps/keyword.c). Each is asked for
// as its own `-o KEY=` (an empty header; several -o options, because BSD ps other than Apple's
// reads everything after "=" as the header text). Only the last column may contain spaces.
// lstart is printed with strftime("%c") in the C locale and, with TZ=UTC in ps's environment
// (command-runner.ts), in UTC: "Sun Nov 29 15:51:16 2026" (day of month space-padded).

/** `ps` arguments for these pids and keywords: `-ww` so that no column is cut to the terminal. */
export function psArgs(pids: readonly number[], keywords: readonly string[]): string[] {
  return ['-ww', ...keywords.flatMap((key) => ['-o', `${key}=`]), '-p', pids.join(',')];
}

/** Keywords of the per-poll read: who each pid is now, to tell pid reuse from the same process. */
export const STATUS_KEYWORDS = ['pid', 'ppid', 'uid', 'lstart'] as const;
/** Keywords of an action's check: the same, plus state (a zombie has exited) and the name. */
export const IDENTITY_KEYWORDS = ['pid', 'ppid', 'uid', 'lstart', 'stat', 'comm'] as const;
/** Keywords of the one-time read of a new process's command line. */
export const ARGS_KEYWORDS = ['pid', 'args'] as const;

export interface PsStatus {
  pid: number;
  parentPid: number;
  uid: number;
  /** Start, ms since the epoch, to the second (what lstart prints). */
  startTime: number;
  /** Whatever followed lstart on the line (IDENTITY_KEYWORDS: "S    node"), trimmed. */
  rest: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const STATUS_LINE =
  /^\s*(\d+)\s+(\d+)\s+(\d+)\s+[A-Z][a-z]{2} ([A-Z][a-z]{2})\s+(\d{1,2}) (\d{2}):(\d{2}):(\d{2}) (\d{4})(?:\s+(.*))?$/;

/**
 * One line of `ps -o pid= -o ppid= -o uid= -o lstart= …`, or null when it is not one.
 *   "  812     1   501 Sun Nov 29 15:51:16 2026"
 *   -> { pid: 812, parentPid: 1, uid: 501, startTime: Date.UTC(2026, 10, 29, 15, 51, 16), rest: "" }
 */
export function parsePsStatusLine(line: string): PsStatus | null {
  const match = STATUS_LINE.exec(line);
  if (!match) return null;
  const month = MONTHS.indexOf(match[4]!);
  if (month === -1) return null;
  const startTime = Date.UTC(
    Number(match[9]),
    month,
    Number(match[5]),
    Number(match[6]),
    Number(match[7]),
    Number(match[8]),
  );
  return {
    pid: Number(match[1]),
    parentPid: Number(match[2]),
    uid: Number(match[3]),
    startTime,
    rest: (match[10] ?? '').trim(),
  };
}

/** Every status line of the output by pid (lines that are not one are passed over). */
export function parsePsStatus(text: string): Map<number, PsStatus> {
  const byPid = new Map<number, PsStatus>();
  for (const line of text.split('\n')) {
    const status = parsePsStatusLine(line);
    if (status) byPid.set(status.pid, status);
  }
  return byPid;
}

/**
 * `ps -o pid= -o args=` by pid: the command line, arguments joined by spaces. BSD ps shows a
 * process whose arguments it may not read as "(name)", and both show an exiting process (a
 * zombie, whose arguments are gone) as "… <defunct>": neither is a command line (null).
 *   "  812 /usr/bin/ssh -N host" -> Map { 812 => "/usr/bin/ssh -N host" }
 */
export function parsePsArgs(text: string): Map<number, string | null> {
  const byPid = new Map<number, string | null>();
  for (const line of text.split('\n')) {
    const match = /^\s*(\d+) (.*)$/.exec(line);
    if (!match) continue;
    const args = match[2]!.trim();
    const hidden = args === '' || /^\([^)]*\)$/.test(args) || args.endsWith('<defunct>');
    byPid.set(Number(match[1]), hidden ? null : args);
  }
  return byPid;
}

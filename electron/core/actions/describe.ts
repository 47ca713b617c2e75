// How actions name their targets in dialogs and reports, so every message reads the same.
import type { Connection } from '../../../shared/model';

export function describeProcess(row: Pick<Connection, 'pid' | 'processName'>): string {
  return `${row.processName ?? 'unknown process'} (pid ${row.pid ?? '?'})`;
}

function hostPort(address: string | null, port: number | null): string {
  const host = address === null ? '*' : address.includes(':') ? `[${address}]` : address;
  return `${host}:${port ?? '*'}`;
}

/** "127.0.0.1:5000 → [2001:db8::1]:443" */
export function describeConnection(
  row: Pick<Connection, 'localAddress' | 'localPort' | 'remoteAddress' | 'remotePort'>,
): string {
  return `${hostPort(row.localAddress, row.localPort)} \u2192 ${hostPort(row.remoteAddress, row.remotePort)}`;
}

/** One detail line per process for a kill confirmation: name, pid, path, user. */
export function processDetailLine(
  row: Pick<Connection, 'pid' | 'processName' | 'processPath' | 'user'>,
): string {
  return (
    `${describeProcess(row)}\n` +
    `    ${row.processPath ?? '(path not readable)'}\n` +
    `    user ${row.user ?? 'unknown'}`
  );
}

/** At most `limit` lines, then "… and N more", so a dialog for 500 rows stays readable. */
export function boundedList(lines: string[], limit = 12): string {
  if (lines.length <= limit) return lines.join('\n');
  return `${lines.slice(0, limit).join('\n')}\n\u2026 and ${lines.length - limit} more`;
}

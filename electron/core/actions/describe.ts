// How actions name their targets in dialogs and reports, so every message reads the same.
// Names, paths and users are the process's own text: each is shown with its controls revealed
// (a newline as ␊, U+202E as ⟦U+202E⟧), so "invoice\u202Egnp.exe" cannot pass for
// "invoiceexe.png" in a kill confirmation and a name cannot add a line to the dialog.
import type { Connection } from '../../../shared/model';
import { revealControls } from '../../../shared/visible-text';

/** Outside text as a dialog or report shows it. */
const shown = (text: string) => revealControls(text);

export function describeProcess(row: Pick<Connection, 'pid' | 'processName'>): string {
  return `${row.processName === null ? 'unknown process' : shown(row.processName)} (pid ${row.pid ?? '?'})`;
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
    `    ${row.processPath === null ? '(path not readable)' : shown(row.processPath)}\n` +
    `    user ${row.user === null ? 'unknown' : shown(row.user)}`
  );
}

/** At most `limit` lines, then "… and N more", so a dialog for 500 rows stays readable. */
export function boundedList(lines: string[], limit = 12): string {
  if (lines.length <= limit) return lines.join('\n');
  return `${lines.slice(0, limit).join('\n')}\n\u2026 and ${lines.length - limit} more`;
}

// What the Process cell says when no process is known for a row, instead of a blank that looks
// broken (and sorts first): the kernel still holds a closed connection (TIME_WAIT and other
// closing states have no socket inode, so no process), another user's process Portscope may not
// look into, or a socket no visible process holds although Portscope sees every process (the
// hidden-owner rule flags those). Matches the status bar's "owner unknown" wording.
import type { Connection } from '../../../shared/model';

export interface OwnerPlaceholder {
  /** Short, shown in the cell (muted, italic). */
  text: string;
  /** What it means and what to do, for the tooltip and Properties. */
  explanation: string;
}

type OwnerFields = Pick<Connection, 'pid' | 'processName' | 'state' | 'inode' | 'socketUid'>;

export function ownerPlaceholder(row: OwnerFields, privileged: boolean): OwnerPlaceholder | null {
  if (row.pid !== null || row.processName !== null) return null;
  if (row.inode === null && row.state !== null && row.state !== 'LISTEN') {
    return {
      text: 'closed (no process)',
      explanation:
        'The process has closed this connection; the kernel keeps it a short while ' +
        `(${row.state}) so late packets are not mistaken for a new connection. No process owns it.`,
    };
  }
  if (!privileged) {
    const uid = row.socketUid === null ? '' : ` (uid ${row.socketUid})`;
    return {
      text: 'owner unknown',
      explanation:
        `Another user's socket${uid}: Portscope cannot see which process holds it. ` +
        'Run Portscope as root (sudo) to see every owner.',
    };
  }
  return {
    text: 'no process found',
    explanation:
      'No visible process holds this socket although Portscope can see every process: it may ' +
      'belong to another container, the kernel itself, or a process hiding it (see Why).',
  };
}

// The Processes view's rows: one per process (pid + start time, so a reused pid is another
// process), summed from the same rows the connection table shows. Rows whose process is not known
// (closing connections, other users' sockets) are one group of their own. Pure: tested on
// fixture rows in test/unit/ux-process-summary.test.ts.
import type { Connection, Severity, Suspicion, SuspicionReason } from '../../../shared/model';
import { isListeningRow } from '../rows/view-filter';
import {
  addTraffic,
  NO_TRAFFIC,
  processKey,
  type TrafficSum,
} from '../../../shared/process-totals';

/** The key of the group of rows with no known process. */
export const NO_PROCESS_KEY = 'none';

export interface ProcessSummary extends TrafficSum {
  /** pid|start time, or NO_PROCESS_KEY. */
  key: string;
  pid: number | null;
  processName: string | null;
  processPath: string | null;
  processPathDeleted: boolean;
  commandLine: string | null;
  user: string | null;
  processStartTime: number | null;
  /** Every row of the process. */
  rows: number;
  /** Rows with a peer (TCP connections in any state but LISTEN, connected UDP). */
  connections: number;
  /** Listening TCP sockets and UDP sockets without a peer. */
  listeners: number;
  /** Distinct remote addresses. */
  remoteHosts: number;
  /** The highest severity among its rows, with their distinct reasons. */
  suspicion: Suspicion | null;
  /** Ids of its rows (Properties charts a process's rates by these). */
  rowIds: string[];
}

const RANK: Record<Severity, number> = { notice: 1, warning: 2, danger: 3 };
/** A process flagged on many rows lists each reason once, and at most this many. */
const MAX_REASONS = 8;

export function processKeyOf(row: Pick<Connection, 'pid' | 'processStartTime'>): string {
  return processKey(row) ?? NO_PROCESS_KEY;
}

interface Building extends ProcessSummary {
  remotes: Set<string>;
  reasons: Map<string, SuspicionReason>;
}

function start(row: Connection, key: string): Building {
  return {
    ...NO_TRAFFIC,
    key,
    pid: row.pid,
    processName: row.processName,
    processPath: row.processPath,
    processPathDeleted: row.processPathDeleted,
    commandLine: row.commandLine,
    // Rows of no known process belong to many owners: no one user speaks for them.
    user: key === NO_PROCESS_KEY ? null : row.user,
    processStartTime: row.processStartTime,
    rows: 0,
    connections: 0,
    listeners: 0,
    remoteHosts: 0,
    suspicion: null,
    rowIds: [],
    remotes: new Set(),
    reasons: new Map(),
  };
}

function addSuspicion(summary: Building, suspicion: Suspicion | null): void {
  if (!suspicion) return;
  const current = summary.suspicion?.severity;
  const severity =
    current && RANK[current] >= RANK[suspicion.severity] ? current : suspicion.severity;
  for (const reason of suspicion.reasons) {
    if (summary.reasons.size >= MAX_REASONS) break;
    const key = `${reason.rule}\u0000${reason.message}`;
    if (!summary.reasons.has(key)) summary.reasons.set(key, reason);
  }
  summary.suspicion = { severity, reasons: [...summary.reasons.values()] };
}

/** One summary per process among `rows`, most rows first (then by name). */
export function summarizeProcesses(rows: Iterable<Connection>): ProcessSummary[] {
  const byKey = new Map<string, Building>();
  for (const row of rows) {
    const key = processKeyOf(row);
    let summary = byKey.get(key);
    if (!summary) {
      summary = start(row, key);
      byKey.set(key, summary);
    }
    summary.rows += 1;
    summary.rowIds.push(row.id);
    if (isListeningRow(row)) summary.listeners += 1;
    else summary.connections += 1;
    if (row.remoteAddress !== null) summary.remotes.add(row.remoteAddress);
    addTraffic(summary, row);
    addSuspicion(summary, row.suspicion);
    // A process renamed while it runs: show its latest name.
    if (row.processName !== null) summary.processName = row.processName;
  }
  const summaries: ProcessSummary[] = [];
  for (const { remotes, reasons: _reasons, ...summary } of byKey.values()) {
    summaries.push({ ...summary, remoteHosts: remotes.size });
  }
  return summaries.sort(
    (a, b) => b.rows - a.rows || (a.processName ?? '').localeCompare(b.processName ?? ''),
  );
}

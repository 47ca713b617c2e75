// Traffic summed over rows: per process (the Processes view, a process's line in Properties) and
// over any set of rows (the status bar's totals). Pure, so the grid, the CLI and tests add up the
// same way. A process is a pid AND its start time: a pid reused by a new process is another
// process, and its rows are not added to the old one's.
// A counter that is null on a row (UDP, a table without counters, a first poll's rate) is not
// known, not zero: it is left out of the sum, and a total is null only when no row knows it.
import type { Connection } from './model';

/** The fields of a row that traffic sums read. */
export type TrafficRow = Pick<
  Connection,
  | 'pid'
  | 'processStartTime'
  | 'processName'
  | 'bytesSent'
  | 'bytesReceived'
  | 'packetsSent'
  | 'packetsReceived'
  | 'sendRate'
  | 'receiveRate'
>;

export const TRAFFIC_FIELDS = [
  'bytesSent',
  'bytesReceived',
  'packetsSent',
  'packetsReceived',
  'sendRate',
  'receiveRate',
] as const satisfies readonly (keyof TrafficRow)[];
export type TrafficField = (typeof TRAFFIC_FIELDS)[number];

export type TrafficTotals = Record<TrafficField, number | null> & {
  /** Rows added up. */
  rows: number;
};

export interface ProcessTraffic extends TrafficTotals {
  /** processKey(row) of the process's rows. */
  key: string;
  pid: number;
  processStartTime: number | null;
  processName: string | null;
}

export function emptyTotals(): TrafficTotals {
  return {
    rows: 0,
    bytesSent: null,
    bytesReceived: null,
    packetsSent: null,
    packetsReceived: null,
    sendRate: null,
    receiveRate: null,
  };
}

/** Add one row's counters and rates into `totals` (in place). */
export function addRowTraffic(totals: TrafficTotals, row: TrafficRow): void {
  totals.rows += 1;
  for (const field of TRAFFIC_FIELDS) {
    const value = row[field];
    if (value !== null) totals[field] = (totals[field] ?? 0) + value;
  }
}

/** Totals over every row given: the status bar's "sent / received, up / down". */
export function sumTraffic(rows: Iterable<TrafficRow>): TrafficTotals {
  const totals = emptyTotals();
  for (const row of rows) addRowTraffic(totals, row);
  return totals;
}

/**
 * The process a row belongs to, as a map key: "pid|startTime" ("4242|1764100000000"; "4242|?"
 * when the start time is unknown). Null for a row whose owner is not visible.
 */
export function processKey(row: Pick<Connection, 'pid' | 'processStartTime'>): string | null {
  if (row.pid === null) return null;
  return `${row.pid}|${row.processStartTime ?? '?'}`;
}

/** Totals per process over the rows given, by processKey; rows with no visible owner are left out. */
export function trafficByProcess(rows: Iterable<TrafficRow>): Map<string, ProcessTraffic> {
  const byProcess = new Map<string, ProcessTraffic>();
  for (const row of rows) {
    const key = processKey(row);
    if (key === null || row.pid === null) continue;
    let totals = byProcess.get(key);
    if (totals === undefined) {
      totals = {
        ...emptyTotals(),
        key,
        pid: row.pid,
        processStartTime: row.processStartTime,
        processName: row.processName,
      };
      byProcess.set(key, totals);
    }
    addRowTraffic(totals, row);
  }
  return byProcess;
}

// Traffic summed over rows: per process (the Processes view, a process's line in Properties) and
// over any set of rows (the status bar's totals). Pure and shared, so the grid, the Processes view
// and tests add up the same way. A process is a pid AND its start time: a pid reused by a new process is another
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

/** The six traffic figures summed; each null while no row added knows it. */
export type TrafficSum = Record<TrafficField, number | null>;

export const NO_TRAFFIC: Readonly<TrafficSum> = Object.freeze({
  bytesSent: null,
  bytesReceived: null,
  packetsSent: null,
  packetsReceived: null,
  sendRate: null,
  receiveRate: null,
});

export type TrafficTotals = TrafficSum & {
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
  return { rows: 0, ...NO_TRAFFIC };
}

const add = (sum: number | null, value: number | null): number | null =>
  value === null ? sum : (sum ?? 0) + value;

/**
 * Add one row's counters into `sum` (in place). Written out field by field rather than looped
 * over TRAFFIC_FIELDS: the status bar sums 10,000 rows per poll.
 */
export function addTraffic(sum: TrafficSum, row: Pick<Connection, TrafficField>): void {
  sum.bytesSent = add(sum.bytesSent, row.bytesSent);
  sum.bytesReceived = add(sum.bytesReceived, row.bytesReceived);
  sum.packetsSent = add(sum.packetsSent, row.packetsSent);
  sum.packetsReceived = add(sum.packetsReceived, row.packetsReceived);
  sum.sendRate = add(sum.sendRate, row.sendRate);
  sum.receiveRate = add(sum.receiveRate, row.receiveRate);
}

/** Add one row into `totals` (in place): its counters, and one more row. */
export function addRowTraffic(totals: TrafficTotals, row: Pick<Connection, TrafficField>): void {
  totals.rows += 1;
  addTraffic(totals, row);
}

/** True when any figure is known (the status bar shows traffic only then). */
export function hasTraffic(sum: TrafficSum): boolean {
  return TRAFFIC_FIELDS.some((field) => sum[field] !== null);
}

/** Totals over every row given: the status bar's "sent / received, up / down". */
export function sumTraffic(rows: Iterable<Pick<Connection, TrafficField>>): TrafficTotals {
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

// Sums of traffic counters and rates over rows (the status bar's totals, a process's totals in
// the Processes view and in Properties). A counter the OS does not give is null on the row; a sum
// stays null only while no row has that counter, so "0 B" always means nothing moved.
import type { Connection } from '../../../shared/model';

export interface TrafficSum {
  bytesSent: number | null;
  bytesReceived: number | null;
  packetsSent: number | null;
  packetsReceived: number | null;
  /** Bytes per second. */
  sendRate: number | null;
  receiveRate: number | null;
}

export const NO_TRAFFIC: TrafficSum = Object.freeze({
  bytesSent: null,
  bytesReceived: null,
  packetsSent: null,
  packetsReceived: null,
  sendRate: null,
  receiveRate: null,
});

export const TRAFFIC_FIELDS = [
  'bytesSent',
  'bytesReceived',
  'packetsSent',
  'packetsReceived',
  'sendRate',
  'receiveRate',
] as const satisfies readonly (keyof TrafficSum & keyof Connection)[];

const add = (sum: number | null, value: number | null): number | null =>
  value === null ? sum : (sum ?? 0) + value;

/**
 * Add one row's counters into `sum` (mutated: the status bar sums 10,000 rows per poll, so each
 * field is written out rather than looped over by name).
 */
export function addTraffic(sum: TrafficSum, row: Pick<Connection, keyof TrafficSum>): void {
  sum.bytesSent = add(sum.bytesSent, row.bytesSent);
  sum.bytesReceived = add(sum.bytesReceived, row.bytesReceived);
  sum.packetsSent = add(sum.packetsSent, row.packetsSent);
  sum.packetsReceived = add(sum.packetsReceived, row.packetsReceived);
  sum.sendRate = add(sum.sendRate, row.sendRate);
  sum.receiveRate = add(sum.receiveRate, row.receiveRate);
}

export function sumTraffic(rows: Iterable<Pick<Connection, keyof TrafficSum>>): TrafficSum {
  const sum: TrafficSum = { ...NO_TRAFFIC };
  for (const row of rows) addTraffic(sum, row);
  return sum;
}

/** True when any part is known (the status bar shows traffic only then). */
export function hasTraffic(sum: TrafficSum): boolean {
  return TRAFFIC_FIELDS.some((field) => sum[field] !== null);
}

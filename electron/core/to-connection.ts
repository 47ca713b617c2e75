// RawSocket + ProcessInfo -> Connection: the one place a platform's raw read becomes a table row.
// Enriched fields (host names, country, suspicion …) start null; enrichers in the main process fill
// them. firstSeen is carried from the previous poll's row with the same id, so it means "when
// Portscope first saw this row", not "when this poll ran".
import type { Connection, ConnectionDelta, ProcessInfo, RawSocket } from '../../shared/model';
import { assignRowIds, type RowKeyCache } from './row-identity';

/** uid -> user name, or null when the uid has no name (the platform reads /etc/passwd or such). */
export type UserNameOf = (uid: number) => string | null;

export function toConnection(
  raw: RawSocket,
  id: string,
  process: ProcessInfo | undefined,
  firstSeen: number,
  userNameOf?: UserNameOf,
): Connection {
  const socketUser = raw.socketUid !== null && userNameOf ? userNameOf(raw.socketUid) : null;
  // Key order here is the key order of `list --format json`: keep it stable.
  return {
    id,
    protocol: raw.protocol,
    family: raw.family,
    localAddress: raw.localAddress,
    localPort: raw.localPort,
    remoteAddress: raw.remoteAddress,
    remotePort: raw.remotePort,
    state: raw.state,
    inode: raw.inode,
    socketUid: raw.socketUid,
    pid: raw.pid,
    processName: process?.name ?? null,
    processPath: process?.path ?? null,
    processPathDeleted: process?.pathDeleted ?? false,
    commandLine: process?.commandLine ?? null,
    user: process?.user ?? socketUser,
    parentPid: process?.parentPid ?? null,
    processStartTime: process?.startTime ?? null,
    services: process?.services ?? null,
    company: process?.company ?? null,
    productName: process?.productName ?? null,
    fileDescription: process?.fileDescription ?? null,
    fileVersion: process?.fileVersion ?? null,
    processNote: process?.note ?? null,
    bytesSent: raw.bytesSent,
    bytesReceived: raw.bytesReceived,
    packetsSent: raw.packetsSent,
    packetsReceived: raw.packetsReceived,
    sendRate: null,
    receiveRate: null,
    firstSeen,
    localPortName: null,
    remotePortName: null,
    remoteHostName: null,
    remoteCountry: null,
    remoteAsn: null,
    remoteAsOrg: null,
    suspicion: null,
  };
}

/**
 * True when `row` already says what `raw` + `process` would produce, so the previous poll's row
 * object can be reused: a steady table of 10,000 sockets then allocates no rows at all, and the
 * diff sees the same object and skips the field comparison.
 */
function unchanged(
  row: Connection,
  raw: RawSocket,
  process: ProcessInfo | undefined,
  rates: Rates,
  userNameOf: UserNameOf | undefined,
): boolean {
  if (
    row.state !== raw.state ||
    row.inode !== raw.inode ||
    row.socketUid !== raw.socketUid ||
    row.pid !== raw.pid ||
    row.bytesSent !== raw.bytesSent ||
    row.bytesReceived !== raw.bytesReceived ||
    row.packetsSent !== raw.packetsSent ||
    row.packetsReceived !== raw.packetsReceived ||
    row.sendRate !== rates.sendRate ||
    row.receiveRate !== rates.receiveRate
  ) {
    return false;
  }
  if (process === undefined) {
    const socketUser = raw.socketUid !== null && userNameOf ? userNameOf(raw.socketUid) : null;
    return row.processName === null && row.user === socketUser;
  }
  return (
    row.processName === process.name &&
    row.processPath === process.path &&
    row.processPathDeleted === process.pathDeleted &&
    row.commandLine === process.commandLine &&
    row.user === process.user &&
    row.parentPid === process.parentPid &&
    row.processStartTime === process.startTime &&
    row.services === process.services &&
    row.company === process.company &&
    row.productName === process.productName &&
    row.fileDescription === process.fileDescription &&
    row.fileVersion === process.fileVersion &&
    row.processNote === process.note
  );
}

interface Rates {
  sendRate: number | null;
  receiveRate: number | null;
}

const NO_RATES: Rates = { sendRate: null, receiveRate: null };

/** Bytes per second from one counter's two readings; null when either is unknown or it went back. */
function rate(before: number | null, after: number | null, seconds: number): number | null {
  if (before === null || after === null || after < before) return null;
  return (after - before) / seconds;
}

/**
 * Send and receive rates of a socket over the last interval: null on its first poll (no earlier
 * reading), where the OS gives no counters, when a counter went back, and when the row's socket
 * is another one than last time (a new inode under the same addresses: its counters started
 * again, perhaps already past the old socket's), so a rate is never made up.
 */
function ratesOf(raw: RawSocket, before: Connection | undefined, seconds: number | null): Rates {
  if (before === undefined || seconds === null || !(seconds > 0)) return NO_RATES;
  if (raw.bytesSent === null && raw.bytesReceived === null) return NO_RATES;
  if (raw.inode !== null && before.inode !== null && raw.inode !== before.inode) return NO_RATES;
  return {
    sendRate: rate(before.bytesSent, raw.bytesSent, seconds),
    receiveRate: rate(before.bytesReceived, raw.bytesReceived, seconds),
  };
}

/**
 * A connection that became a TIME_WAIT minisock keeps the counters last read for it: the kernel
 * keeps none for the minisock (no tcp_info), and they are the connection's final traffic (less
 * what moved in its last poll interval), which the grid and the change log's "closed" line show.
 */
function withLastCounters(raw: RawSocket, before: Connection | undefined): RawSocket {
  if (before === undefined || raw.state !== 'TIME_WAIT') return raw;
  if (
    raw.bytesSent !== null ||
    raw.bytesReceived !== null ||
    raw.packetsSent !== null ||
    raw.packetsReceived !== null
  ) {
    return raw;
  }
  if (before.bytesSent === null && before.bytesReceived === null) return raw;
  return {
    ...raw,
    bytesSent: before.bytesSent,
    bytesReceived: before.bytesReceived,
    packetsSent: before.packetsSent,
    packetsReceived: before.packetsReceived,
  };
}

/** What the poll pipeline passes besides the read: its memory between polls. */
export interface PollContext {
  /**
   * Time between the previous read and this one, by a monotonic clock; null on the first poll
   * (no rates yet).
   */
  secondsSincePrevious: number | null;
  /** Row ids remembered between polls. */
  rowKeys?: RowKeyCache;
  /**
   * Filled with the rows that are new (added) and changed (updated) against `previous`, as
   * diffConnections would find them: a row is rebuilt only when a field it reads changed, so a
   * new object under a known id is an update. Removed ids are left to the caller.
   */
  delta?: Pick<ConnectionDelta, 'added' | 'updated'>;
}

/**
 * Every socket of one read as rows. `previous` is the last poll's rows by id (for firstSeen and
 * the rates, and reused as is when nothing about the socket changed); `now` is this poll's time
 * (ms since the epoch, for firstSeen). Rows are values: a changed socket gets a new object, an
 * unchanged one keeps its old object.
 */
export function toConnections(
  sockets: readonly RawSocket[],
  processes: ReadonlyMap<number, ProcessInfo>,
  previous: ReadonlyMap<string, Connection>,
  now: number,
  userNameOf?: UserNameOf,
  poll: PollContext = { secondsSincePrevious: null },
): Connection[] {
  const ids = assignRowIds(sockets, poll.rowKeys);
  const rows = new Array<Connection>(sockets.length);
  const seconds = poll.secondsSincePrevious;
  const delta = poll.delta;
  for (let i = 0; i < sockets.length; i++) {
    const before = previous.get(ids[i]);
    const raw = withLastCounters(sockets[i], before);
    const process = raw.pid === null ? undefined : processes.get(raw.pid);
    const rates = ratesOf(raw, before, seconds);
    if (before !== undefined && unchanged(before, raw, process, rates, userNameOf)) {
      rows[i] = before;
      continue;
    }
    const row = toConnection(raw, ids[i], process, before?.firstSeen ?? now, userNameOf);
    if (rates !== NO_RATES) {
      row.sendRate = rates.sendRate;
      row.receiveRate = rates.receiveRate;
    }
    rows[i] = row;
    if (delta) (before === undefined ? delta.added : delta.updated).push(row);
  }
  return rows;
}

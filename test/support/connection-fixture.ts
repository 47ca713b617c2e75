// Rows for tests that need a Connection (or the RawSocket it is made from) without a real poll.
// The defaults are one plain row as the Linux backend produces it before enrichment: a loopback
// TCP connection of a visible process, every enriched field null. A test passes the values it is
// about; everything else stays a valid, complete row (no `as Connection` half-rows).
import { baseRowKey } from '../../electron/core/row-identity';
import { toConnection } from '../../electron/core/to-connection';
import {
  NO_PROCESS_EXTRAS,
  NO_TRAFFIC_COUNTERS,
  type Connection,
  type ProcessInfo,
  type RawSocket,
} from '../../shared/model';

const SOCKET: RawSocket = {
  protocol: 'tcp',
  family: 4,
  localAddress: '127.0.0.1',
  localPort: 40000,
  remoteAddress: '127.0.0.1',
  remotePort: 5432,
  state: 'ESTABLISHED',
  inode: 1,
  socketUid: 1000,
  pid: 4242,
  ...NO_TRAFFIC_COUNTERS,
};

/** A complete RawSocket: the defaults above with `overrides` on top. */
export function makeRawSocket(overrides: Partial<RawSocket> = {}): RawSocket {
  return { ...SOCKET, ...overrides };
}

const STARTED = 1_764_100_000_000;

const PROCESS: ProcessInfo = {
  pid: 4242,
  name: 'psql',
  path: '/usr/bin/psql',
  pathDeleted: false,
  commandLine: 'psql -h 127.0.0.1',
  user: 'anna',
  uid: 1000,
  parentPid: 1,
  startTime: STARTED,
  ...NO_PROCESS_EXTRAS,
};

/** A socket whose owner cannot be seen (another user's process without root), spread in a row. */
export const UNOWNED: Partial<Connection> = {
  inode: null,
  socketUid: null,
  pid: null,
  processName: null,
  processPath: null,
  commandLine: null,
  user: null,
  parentPid: null,
  processStartTime: null,
};

/**
 * A complete Connection with `overrides` on top of the defaults: the row toConnection makes of
 * the default socket and process (so keys are in the documented order, enriched fields null).
 * Without an `id` override the id is the one the backend gives these addresses (baseRowKey), so a
 * test that moves the row's addresses does not carry a stale id.
 */
export function makeConnection(overrides: Partial<Connection> = {}): Connection {
  const row = { ...toConnection(SOCKET, '', PROCESS, STARTED), ...overrides };
  if (overrides.id === undefined) row.id = baseRowKey(row);
  return row;
}

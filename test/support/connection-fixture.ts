// Rows for tests that need a Connection (or the RawSocket it is made from) without a real poll.
// The defaults are one plain row as the Linux backend produces it before enrichment: a loopback
// TCP connection of a visible process, every enriched field null. A test passes the values it is
// about; everything else stays a valid, complete row (no `as Connection` half-rows).
import { baseRowKey } from '../../electron/core/row-identity';
import type { Connection, RawSocket } from '../../shared/model';

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
};

/** A complete RawSocket: the defaults above with `overrides` on top. */
export function makeRawSocket(overrides: Partial<RawSocket> = {}): RawSocket {
  return { ...SOCKET, ...overrides };
}

/**
 * A complete Connection with `overrides` on top of the defaults, keys in the documented order.
 * Without an `id` override the id is the one the backend gives these addresses (baseRowKey), so a
 * test that moves the row's addresses does not carry a stale id.
 */
export function makeConnection(overrides: Partial<Connection> = {}): Connection {
  const row: Connection = {
    id: '',
    ...SOCKET,
    processName: 'psql',
    processPath: '/usr/bin/psql',
    processPathDeleted: false,
    commandLine: 'psql -h 127.0.0.1',
    user: 'anna',
    parentPid: 1,
    processStartTime: 1_764_100_000_000,
    firstSeen: 1_764_100_000_000,
    localPortName: null,
    remotePortName: null,
    remoteHostName: null,
    remoteCountry: null,
    remoteAsn: null,
    remoteAsOrg: null,
    suspicion: null,
    ...overrides,
  };
  if (overrides.id === undefined) row.id = baseRowKey(row);
  return row;
}

// Per-connection traffic counters on Windows (TCP only: Windows keeps no per-socket UDP counts),
// read the way TCPView reads them (estats.ts). Collection is switched on once per connection, the
// first time a poll sees it; from then on each poll reads the counters. When Windows refuses
// (not elevated) or lacks the calls (Wine, old builds), the counters stay null and the poll
// carries one warning saying why.
import type { RawSocket, TcpState } from '../../../shared/model';
import {
  TCP_CONNECTION_ESTATS_DATA,
  TCP_ESTATS_DATA_ROD_SIZE,
  TCP_ESTATS_DATA_RW_SIZE,
  decodeEstatsData,
} from './estats';
import type { WindowsTcpRow } from './ip-tables';
import { encodeTcp6Row, encodeTcpRow } from './tcp-row-encoding';
import type { Win32Api } from './win32-api';
import { ADMIN_ADVICE, ERROR_NOT_SUPPORTED, ERROR_SUCCESS, isDeniedCode } from './win32-errors';

export type TrafficApi = Pick<Win32Api, 'hasEstats' | 'setEstats' | 'getEstats' | 'wineVersion'>;

/** States with a connection whose counters move; a listener or TIME_WAIT has none. */
const COUNTED_STATES: ReadonlySet<TcpState> = new Set<TcpState>([
  'ESTABLISHED',
  'SYN_SENT',
  'SYN_RECV',
  'FIN_WAIT1',
  'FIN_WAIT2',
  'CLOSE_WAIT',
  'CLOSING',
  'LAST_ACK',
]);

export const TRAFFIC_NEEDS_ADMIN_WARNING = `Sent and received bytes and packets need administrator rights on Windows: ${ADMIN_ADVICE}.`;

function tupleKey(row: WindowsTcpRow): string {
  const s = row.socket;
  return `${s.family}|${s.localAddress}|${s.localPort}|${s.remoteAddress}|${s.remotePort}`;
}

function encodeRow(row: WindowsTcpRow): Buffer {
  const s = row.socket;
  const tuple = {
    localAddress: s.localAddress,
    localPort: s.localPort,
    remoteAddress: s.remoteAddress ?? (s.family === 4 ? '0.0.0.0' : '::'),
    remotePort: s.remotePort ?? 0,
  };
  return s.family === 4
    ? encodeTcpRow(row.stateCode, tuple)
    : encodeTcp6Row(row.stateCode, tuple, row);
}

export class TcpTrafficReader {
  /** Connections whose collection is on, by tuple (kept while the connection is listed). */
  private enabled = new Set<string>();
  /** Why counters cannot be had at all (denied, unsupported); null while they can. */
  private unavailable: string | null = null;
  private readonly rod = Buffer.alloc(TCP_ESTATS_DATA_ROD_SIZE);
  /** TCP_ESTATS_DATA_RW_v0 { EnableCollection = TRUE }. */
  private readonly enable = Buffer.alloc(TCP_ESTATS_DATA_RW_SIZE, 1);

  constructor(
    private readonly api: TrafficApi,
    private readonly elevated: boolean,
  ) {
    if (!api.hasEstats(4)) this.unavailable = this.unsupportedReason();
    else if (!elevated) this.unavailable = TRAFFIC_NEEDS_ADMIN_WARNING;
  }

  private unsupportedReason(): string {
    return this.api.wineVersion !== null
      ? `Traffic counters are not available under Wine ${this.api.wineVersion}: it does not implement ` +
          'GetPerTcpConnectionEStats/SetPerTcpConnectionEStats (on Windows they need administrator rights).'
      : 'This Windows does not provide per-connection TCP statistics (GetPerTcpConnectionEStats): ' +
          'traffic columns stay empty.';
  }

  /** Fill the counters of `rows` in place where Windows gives them; returns a warning or null. */
  fill(rows: readonly WindowsTcpRow[]): string | null {
    if (this.unavailable !== null) return this.unavailable;
    const seen = new Set<string>();
    for (const row of rows) {
      const socket: RawSocket = row.socket;
      if (socket.state === null || !COUNTED_STATES.has(socket.state)) continue;
      if (!this.api.hasEstats(socket.family)) continue;
      const key = tupleKey(row);
      seen.add(key);
      const encoded = encodeRow(row);
      if (!this.enabled.has(key)) {
        const code = this.api.setEstats(
          socket.family,
          encoded,
          TCP_CONNECTION_ESTATS_DATA,
          this.enable,
        );
        if (isDeniedCode(code)) return this.stop(TRAFFIC_NEEDS_ADMIN_WARNING);
        if (code === ERROR_NOT_SUPPORTED) return this.stop(this.unsupportedReason());
        // Anything else (the connection closed in between): try again next poll.
        if (code !== ERROR_SUCCESS) continue;
        this.enabled.add(key);
      }
      const code = this.api.getEstats(socket.family, encoded, TCP_CONNECTION_ESTATS_DATA, this.rod);
      if (code !== ERROR_SUCCESS) continue;
      Object.assign(socket, decodeEstatsData(this.rod));
    }
    // Forget closed connections, so a later connection with the same tuple is enabled again.
    this.enabled = new Set([...this.enabled].filter((key) => seen.has(key)));
    return null;
  }

  private stop(reason: string): string {
    this.unavailable = reason;
    this.enabled.clear();
    return reason;
  }
}

// The state column of /proc/net/tcp and tcp6 is the kernel's enum value printed as two hex digits.
// Values from include/net/tcp_states.h:
// https://github.com/torvalds/linux/blob/master/include/net/tcp_states.h
import type { TcpState } from '../../../shared/model';

const TCP_STATE_BY_CODE: ReadonlyMap<number, TcpState> = new Map<number, TcpState>([
  [0x01, 'ESTABLISHED'],
  [0x02, 'SYN_SENT'],
  [0x03, 'SYN_RECV'],
  [0x04, 'FIN_WAIT1'],
  [0x05, 'FIN_WAIT2'],
  [0x06, 'TIME_WAIT'],
  [0x07, 'CLOSE'],
  [0x08, 'CLOSE_WAIT'],
  [0x09, 'LAST_ACK'],
  [0x0a, 'LISTEN'],
  [0x0b, 'CLOSING'],
  // A request socket (half-open connection awaiting the final ACK) since Linux 4.4.
  [0x0c, 'NEW_SYN_RECV'],
  // Bound, inactive socket (bind() without listen/connect) since Linux 6.9.
  [0x0d, 'BOUND_INACTIVE'],
]);

/** Map a state code ("0A" parsed to 10) to its name; undefined for a code this build does not know. */
export function tcpStateFromCode(code: number): TcpState | undefined {
  return TCP_STATE_BY_CODE.get(code);
}

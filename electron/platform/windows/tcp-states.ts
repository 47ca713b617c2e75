// MIB_TCP_STATE (tcpmib.h), the dwState of every MIB_TCPROW*, mapped onto the state names the
// Linux backend uses (shared/model.ts TCP_STATES), so filters, rules and the grid read one set.
// https://learn.microsoft.com/en-us/windows/win32/api/tcpmib/ne-tcpmib-mib_tcp_state
import type { TcpState } from '../../../shared/model';

export const MIB_TCP_STATE_CLOSED = 1;
export const MIB_TCP_STATE_LISTEN = 2;
export const MIB_TCP_STATE_ESTAB = 5;
export const MIB_TCP_STATE_TIME_WAIT = 11;
/** Not a state a row has for long: the value SetTcpEntry takes to close a connection. */
export const MIB_TCP_STATE_DELETE_TCB = 12;

const STATE_BY_CODE: readonly (TcpState | undefined)[] = [
  undefined,
  'CLOSE', // 1 MIB_TCP_STATE_CLOSED
  'LISTEN', // 2 MIB_TCP_STATE_LISTEN
  'SYN_SENT', // 3 MIB_TCP_STATE_SYN_SENT
  'SYN_RECV', // 4 MIB_TCP_STATE_SYN_RCVD
  'ESTABLISHED', // 5 MIB_TCP_STATE_ESTAB
  'FIN_WAIT1', // 6 MIB_TCP_STATE_FIN_WAIT1
  'FIN_WAIT2', // 7 MIB_TCP_STATE_FIN_WAIT2
  'CLOSE_WAIT', // 8 MIB_TCP_STATE_CLOSE_WAIT
  'CLOSING', // 9 MIB_TCP_STATE_CLOSING
  'LAST_ACK', // 10 MIB_TCP_STATE_LAST_ACK
  'TIME_WAIT', // 11 MIB_TCP_STATE_TIME_WAIT
  // 12 MIB_TCP_STATE_DELETE_TCB: the connection is being torn down; nothing is left to close.
  'CLOSE',
];

/** The shared state name of a MIB_TCP_STATE value; undefined for a value Windows never gives. */
export function tcpStateFromMib(code: number): TcpState | undefined {
  return STATE_BY_CODE[code];
}

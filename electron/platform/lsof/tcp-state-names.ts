// TCP state names as lsof and netstat print them, mapped onto the model's (Linux) names.
// Linux tools print the kernel's names (lsof's linux dialect dsock.c build_IPstates, net-tools
// netstat's tcp_state[]): include/net/tcp_states.h
//   https://github.com/torvalds/linux/blob/master/include/net/tcp_states.h
// BSD-derived kernels (macOS, FreeBSD) name them in netinet/tcp_fsm.h tcpstates[], which lsof's
// darwin dialect and BSD netstat print: CLOSED, LISTEN, SYN_SENT, SYN_RCVD, ESTABLISHED,
// CLOSE_WAIT, FIN_WAIT_1, CLOSING, LAST_ACK, FIN_WAIT_2, TIME_WAIT
//   https://github.com/apple-oss-distributions/xnu/blob/main/bsd/netinet/tcp_fsm.h
import { TCP_STATES, type TcpState } from '../../../shared/model';

const BSD_NAMES: ReadonlyMap<string, TcpState> = new Map<string, TcpState>([
  ['CLOSED', 'CLOSE'],
  ['SYN_RCVD', 'SYN_RECV'],
  ['FIN_WAIT_1', 'FIN_WAIT1'],
  ['FIN_WAIT_2', 'FIN_WAIT2'],
]);

const MODEL_NAMES: ReadonlySet<string> = new Set(TCP_STATES);

/**
 * The model's state for a printed name, or undefined for a name no kernel we know prints.
 *   tcpStateFromName("FIN_WAIT_1") -> "FIN_WAIT1"   (BSD)
 *   tcpStateFromName("FIN_WAIT1")  -> "FIN_WAIT1"   (Linux)
 */
export function tcpStateFromName(name: string): TcpState | undefined {
  if (MODEL_NAMES.has(name)) return name as TcpState;
  return BSD_NAMES.get(name);
}

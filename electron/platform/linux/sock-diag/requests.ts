// sock_diag requests as bytes (pure). A request is a netlink header followed by a struct
// inet_diag_req_v2; see constants.ts for the layouts and the headers they come from.
//   encodeDumpRequest(7, 4, 'tcp', TABLE_STATES, true)
//   -> 72 bytes: len 72, type 20 (SOCK_DIAG_BY_FAMILY), flags 0x301 (REQUEST|DUMP), seq 7,
//      family 2 (AF_INET), protocol 6, ext 0x02 (INET_DIAG_INFO), states, an empty socket id.
import type { IpFamily, Protocol } from '../../../../shared/model';
import {
  AF_INET,
  AF_INET6,
  INET_DIAG_INFO,
  INET_DIAG_REQ_LENGTH,
  INET_DIAG_REQ_V2_LENGTH,
  IPPROTO_TCP,
  IPPROTO_UDP,
  LEGACY_REQ_EXT,
  LEGACY_REQ_STATES,
  NLM_F_ACK,
  NLM_F_DUMP,
  NLM_F_REQUEST,
  NLMSG_HDRLEN,
  REQ_EXT,
  REQ_FAMILY,
  REQ_PROTOCOL,
  REQ_SOCKID,
  REQ_STATES,
  SOCK_DESTROY,
  SOCK_DIAG_BY_FAMILY,
  SOCKID_LENGTH,
  TCPDIAG_GETSOCK,
} from './constants';

export const REQUEST_LENGTH = NLMSG_HDRLEN + INET_DIAG_REQ_V2_LENGTH;

export const addressFamilyOf = (family: IpFamily) => (family === 4 ? AF_INET : AF_INET6);
export const ipProtocolOf = (protocol: Protocol) =>
  protocol === 'tcp' ? IPPROTO_TCP : IPPROTO_UDP;

function header(
  view: DataView,
  type: number,
  flags: number,
  seq: number,
  le: boolean,
  length = REQUEST_LENGTH,
): void {
  view.setUint32(0, length, le);
  view.setUint16(4, type, le);
  view.setUint16(6, flags, le);
  view.setUint32(8, seq, le);
  view.setUint32(12, 0, le); // port id 0: the kernel
}

/**
 * Ask for every socket of one protocol and family in the given states (a bit per TCP state;
 * UDP sockets use 1 = connected and 7 = not). TCP asks for tcp_info as well (INET_DIAG_INFO).
 */
export function encodeDumpRequest(
  seq: number,
  family: IpFamily,
  protocol: Protocol,
  states: number,
  littleEndian: boolean,
): Uint8Array {
  const bytes = new Uint8Array(REQUEST_LENGTH);
  const view = new DataView(bytes.buffer);
  header(view, SOCK_DIAG_BY_FAMILY, NLM_F_REQUEST | NLM_F_DUMP, seq, littleEndian);
  bytes[NLMSG_HDRLEN + REQ_FAMILY] = addressFamilyOf(family);
  bytes[NLMSG_HDRLEN + REQ_PROTOCOL] = ipProtocolOf(protocol);
  bytes[NLMSG_HDRLEN + REQ_EXT] = protocol === 'tcp' ? 1 << (INET_DIAG_INFO - 1) : 0;
  view.setUint32(NLMSG_HDRLEN + REQ_STATES, states >>> 0, littleEndian);
  return bytes;
}

export const LEGACY_REQUEST_LENGTH = NLMSG_HDRLEN + INET_DIAG_REQ_LENGTH;

/**
 * Ask for every TCP socket, IPv4 and IPv6, with tcp_info, in one walk of the kernel's table: the
 * older TCPDIAG_GETSOCK request (see constants.ts). Its replies are inet_diag_msg like the newer
 * request's, under message type TCPDIAG_GETSOCK.
 *   encodeTcpDumpRequest(7, TABLE_STATES, true)
 *   -> 76 bytes: len 76, type 18, flags 0x301, seq 7, family 2 (not used: the dump has none),
 *      ext 0x02 (INET_DIAG_INFO), an empty socket id, states.
 */
export function encodeTcpDumpRequest(
  seq: number,
  states: number,
  littleEndian: boolean,
): Uint8Array {
  const bytes = new Uint8Array(LEGACY_REQUEST_LENGTH);
  const view = new DataView(bytes.buffer);
  header(view, TCPDIAG_GETSOCK, NLM_F_REQUEST | NLM_F_DUMP, seq, littleEndian, bytes.length);
  bytes[NLMSG_HDRLEN] = AF_INET;
  bytes[NLMSG_HDRLEN + LEGACY_REQ_EXT] = 1 << (INET_DIAG_INFO - 1);
  view.setUint32(NLMSG_HDRLEN + LEGACY_REQ_STATES, states >>> 0, littleEndian);
  return bytes;
}

/**
 * Destroy the one TCP socket whose identity the kernel gave in a dump (`socketId`: the 48 bytes
 * of its struct inet_diag_sockid, cookie included, so the kernel refuses with ESTALE should the
 * addresses now name another socket). The kernel answers with an acknowledgement (NLM_F_ACK).
 */
export function encodeDestroyRequest(
  seq: number,
  family: IpFamily,
  socketId: Uint8Array,
  littleEndian: boolean,
): Uint8Array {
  if (socketId.length !== SOCKID_LENGTH) {
    throw new RangeError(`a socket id is ${SOCKID_LENGTH} bytes, not ${socketId.length}`);
  }
  const bytes = new Uint8Array(REQUEST_LENGTH);
  const view = new DataView(bytes.buffer);
  header(view, SOCK_DESTROY, NLM_F_REQUEST | NLM_F_ACK, seq, littleEndian);
  bytes[NLMSG_HDRLEN + REQ_FAMILY] = addressFamilyOf(family);
  bytes[NLMSG_HDRLEN + REQ_PROTOCOL] = IPPROTO_TCP;
  bytes.set(socketId, NLMSG_HDRLEN + REQ_SOCKID);
  return bytes;
}

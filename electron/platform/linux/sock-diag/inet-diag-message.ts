// One struct inet_diag_msg (a socket in a sock_diag dump) to a RawSocket, exactly as the /proc
// reader (proc-net-parser.ts) writes the same socket, plus tcp_info's counters for TCP. Pure:
// bytes in, row out, tested on dumps captured from a real kernel (test/fixtures/linux/sock-diag).
// Layout: constants.ts; include/uapi/linux/inet_diag.h
// https://github.com/torvalds/linux/blob/master/include/uapi/linux/inet_diag.h
import {
  NO_TRAFFIC_COUNTERS,
  type IpFamily,
  type Protocol,
  type RawSocket,
} from '../../../../shared/model';
import { tcpStateFromCode } from '../tcp-states';
import { isZeroAddress, type AddressText } from '../../address-text';
import {
  AF_INET,
  AF_INET6,
  INET_DIAG_INFO,
  INET_DIAG_MSG_LENGTH,
  MSG_FAMILY,
  MSG_INODE,
  MSG_SOCKID,
  MSG_STATE,
  MSG_UID,
  RTA_HDRLEN,
  SOCKID_DPORT,
  SOCKID_DST,
  SOCKID_LENGTH,
  SOCKID_SPORT,
  SOCKID_SRC,
  TCP_SYN_RECV,
  TCP_TIME_WAIT,
} from './constants';
import { readTcpCounters } from './tcp-info';

export interface DecodeContext {
  bytes: Uint8Array;
  view: DataView;
  littleEndian: boolean;
  addresses: AddressText;
}

/** The family of a message (4 or 6), or null when it is neither (a malformed message). */
function familyAt(bytes: Uint8Array, start: number): IpFamily | null {
  const family = bytes[start + MSG_FAMILY];
  return family === AF_INET ? 4 : family === AF_INET6 ? 6 : null;
}

/** Bounds of the INET_DIAG_INFO attribute's payload among the attributes in [start, end). */
function findInfo(
  view: DataView,
  start: number,
  end: number,
  le: boolean,
): [number, number] | null {
  let offset = start;
  while (offset + RTA_HDRLEN <= end) {
    const length = view.getUint16(offset, le);
    if (length < RTA_HDRLEN || offset + length > end) return null;
    if (view.getUint16(offset + 2, le) === INET_DIAG_INFO) {
      return [offset + RTA_HDRLEN, length - RTA_HDRLEN];
    }
    offset += (length + 3) & ~3;
  }
  return null;
}

/**
 * The socket in the inet_diag_msg at [start, end), or null when the message is malformed.
 *   family 2, state 10, sport 0x1f90, src 127.0.0.1, dport 0, dst 0.0.0.0, uid 0, inode 20155
 *   -> tcp, 127.0.0.1:8080, no peer, LISTEN, socketUid 0, inode 20155
 */
export function decodeInetDiagSocket(
  context: DecodeContext,
  start: number,
  end: number,
  protocol: Protocol,
): RawSocket | null {
  if (end - start < INET_DIAG_MSG_LENGTH) return null;
  const { bytes, view, littleEndian, addresses } = context;
  const family = familyAt(bytes, start);
  if (family === null) return null;
  const id = start + MSG_SOCKID;
  const addressLength = family === 4 ? 4 : 16;
  const source = id + SOCKID_SRC;
  const destination = id + SOCKID_DST;
  const localAddress = family === 4 ? addresses.ipv4(bytes, source) : addresses.ipv6(bytes, source);
  const localPort = view.getUint16(id + SOCKID_SPORT, false); // network byte order
  const remotePort = view.getUint16(id + SOCKID_DPORT, false);
  // Listeners and unconnected UDP have no peer: 0.0.0.0:0 / [::]:0, shown as none (as /proc's).
  const noPeer = remotePort === 0 && isZeroAddress(bytes, destination, addressLength);
  const remoteAddress = noPeer
    ? null
    : family === 4
      ? addresses.ipv4(bytes, destination)
      : addresses.ipv6(bytes, destination);

  const stateCode = bytes[start + MSG_STATE]!;
  // UDP reports 1 (connected) or 7 (not) in the TCP numbering: not a TCP state.
  const state = protocol === 'tcp' ? (tcpStateFromCode(stateCode) ?? null) : null;
  const uid = view.getUint32(start + MSG_UID, littleEndian);
  const inode = view.getUint32(start + MSG_INODE, littleEndian);
  // TIME_WAIT and half-open request sockets are not full sockets: the kernel writes uid 0 and
  // inode 0 as placeholders (inet_twsk_diag_fill, inet_req_diag_fill), so neither says anything.
  const placeholderOwner =
    protocol === 'tcp' && (stateCode === TCP_TIME_WAIT || stateCode === TCP_SYN_RECV);

  let counters: Pick<RawSocket, 'bytesSent' | 'bytesReceived' | 'packetsSent' | 'packetsReceived'> =
    NO_TRAFFIC_COUNTERS;
  if (protocol === 'tcp') {
    const info = findInfo(view, start + INET_DIAG_MSG_LENGTH, end, littleEndian);
    if (info !== null) counters = readTcpCounters(view, info[0], info[1], stateCode, littleEndian);
  }

  return {
    protocol,
    family,
    localAddress,
    localPort,
    remoteAddress,
    remotePort: noPeer ? null : remotePort,
    state,
    inode: inode === 0 ? null : inode,
    socketUid: placeholderOwner ? null : uid,
    pid: null,
    bytesSent: counters.bytesSent,
    bytesReceived: counters.bytesReceived,
    packetsSent: counters.packetsSent,
    packetsReceived: counters.packetsReceived,
  };
}

/** What closing a socket needs from its dump message: who it is, to the byte. */
export interface SocketIdentity {
  family: IpFamily;
  /** The kernel's state number (tcp_states.h). */
  state: number;
  localPort: number;
  remotePort: number;
  /** 16 bytes each, network order; an IPv4 address in the first 4. */
  localAddress: Uint8Array;
  remoteAddress: Uint8Array;
  /** The whole struct inet_diag_sockid (48 bytes, interface and cookie included), copied. */
  socketId: Uint8Array;
}

/** The identity of the socket in the inet_diag_msg at [start, end); null when malformed. */
export function readSocketIdentity(
  bytes: Uint8Array,
  start: number,
  end: number,
): SocketIdentity | null {
  if (end - start < INET_DIAG_MSG_LENGTH) return null;
  const family = familyAt(bytes, start);
  if (family === null) return null;
  const id = start + MSG_SOCKID;
  const port = (offset: number) => (bytes[offset]! << 8) | bytes[offset + 1]!;
  return {
    family,
    state: bytes[start + MSG_STATE]!,
    localPort: port(id + SOCKID_SPORT),
    remotePort: port(id + SOCKID_DPORT),
    localAddress: bytes.slice(id + SOCKID_SRC, id + SOCKID_SRC + 16),
    remoteAddress: bytes.slice(id + SOCKID_DST, id + SOCKID_DST + 16),
    socketId: bytes.slice(id, id + SOCKID_LENGTH),
  };
}

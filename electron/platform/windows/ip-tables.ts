// Decoders of the tables GetExtendedTcpTable / GetExtendedUdpTable fill, byte buffer -> rows.
// Pure: the koffi layer (win32-api.ts) hands over the buffer, these read it by the documented
// layouts (x64; every field a DWORD, so no padding anywhere):
//   MIB_TCPTABLE_OWNER_PID   { DWORD dwNumEntries; MIB_TCPROW_OWNER_PID table[] }
//   MIB_TCPROW_OWNER_PID     { dwState, dwLocalAddr, dwLocalPort, dwRemoteAddr, dwRemotePort,
//                              dwOwningPid }                                        24 bytes
//   MIB_TCP6ROW_OWNER_PID    { UCHAR ucLocalAddr[16]; dwLocalScopeId; dwLocalPort;
//                              UCHAR ucRemoteAddr[16]; dwRemoteScopeId; dwRemotePort; dwState;
//                              dwOwningPid }                                        56 bytes
//   MIB_UDPROW_OWNER_PID     { dwLocalAddr, dwLocalPort, dwOwningPid }              12 bytes
//   MIB_UDP6ROW_OWNER_PID    { UCHAR ucLocalAddr[16]; dwLocalScopeId; dwLocalPort;
//                              dwOwningPid }                                        28 bytes
// https://learn.microsoft.com/en-us/windows/win32/api/tcpmib/ns-tcpmib-mib_tcprow_owner_pid
// https://learn.microsoft.com/en-us/windows/win32/api/tcpmib/ns-tcpmib-mib_tcp6row_owner_pid
// https://learn.microsoft.com/en-us/windows/win32/api/udpmib/ns-udpmib-mib_udprow_owner_pid
// https://learn.microsoft.com/en-us/windows/win32/api/udpmib/ns-udpmib-mib_udp6row_owner_pid
// Addresses are in network byte order (memory order = the order people write them); a port is a
// DWORD whose first two bytes hold the port in network byte order (the rest is garbage, per the
// docs: "the upper 16 bits may contain uninitialized data").
import type { AddressText } from '../address-text';
import { NO_TRAFFIC_COUNTERS, type IpFamily, type RawSocket } from '../../../shared/model';
import { tcpStateFromMib } from './tcp-states';

export const TCP_ROW_SIZE = 24;
export const TCP6_ROW_SIZE = 56;
export const UDP_ROW_SIZE = 12;
export const UDP6_ROW_SIZE = 28;

/** A TCP row with what only Windows needs later (EStats and SetTcpEntry name rows this way). */
export interface WindowsTcpRow {
  socket: RawSocket;
  /** The MIB_TCP_STATE value as read (1–12). */
  stateCode: number;
  /** IPv6 scope ids (interface index of a link-local address); 0 for IPv4 and global ones. */
  localScopeId: number;
  remoteScopeId: number;
}

export interface DecodedTable<Row> {
  rows: Row[];
  /** Entries the header announced that did not fit in the buffer or had an unknown state. */
  malformed: number;
}

/** A port from its DWORD: the first two bytes, network order. */
function portAt(bytes: Uint8Array, offset: number): number {
  return (bytes[offset]! << 8) | bytes[offset + 1]!;
}

function uint32At(bytes: Uint8Array, offset: number): number {
  return (
    (bytes[offset]! |
      (bytes[offset + 1]! << 8) |
      (bytes[offset + 2]! << 16) |
      (bytes[offset + 3]! << 24)) >>>
    0
  );
}

const ALL_ZERO_V4 = '0.0.0.0';
const ALL_ZERO_V6 = '::';

/** How many of the announced entries fit in `length` bytes after the 4-byte count. */
function fittingEntries(bytes: Uint8Array, length: number, rowSize: number) {
  if (length < 4) return { announced: 0, fit: 0, truncatedHeader: true };
  const announced = uint32At(bytes, 0);
  const fit = Math.min(announced, Math.floor((length - 4) / rowSize));
  return { announced, fit, truncatedHeader: false };
}

function socketOf(
  protocol: 'tcp' | 'udp',
  family: IpFamily,
  localAddress: string,
  localPort: number,
  remoteAddress: string | null,
  remotePort: number | null,
  state: RawSocket['state'],
  pid: number,
): RawSocket {
  return {
    protocol,
    family,
    localAddress,
    localPort,
    remoteAddress,
    remotePort,
    state,
    // Windows has no socket inode, and sockets are not owned by a uid.
    inode: null,
    socketUid: null,
    pid,
    ...NO_TRAFFIC_COUNTERS,
  };
}

/**
 * A listener has no peer; Windows fills its remote side with zeros (and, for listeners, often
 * a garbage port). Rows without a peer get null remote fields, like the Linux backend's.
 */
function hasPeer(state: RawSocket['state'], remoteAddress: string, remotePort: number): boolean {
  if (state === 'LISTEN') return false;
  return !(remotePort === 0 && (remoteAddress === ALL_ZERO_V4 || remoteAddress === ALL_ZERO_V6));
}

/**
 * MIB_TCPTABLE_OWNER_PID (family 4) or MIB_TCP6TABLE_OWNER_PID (family 6) -> rows.
 * `length` is how many bytes of `bytes` the call filled (the buffer may be larger).
 *   decodeTcpTable(<01 00 00 00 | 05 00 00 00 7F 00 00 01 1F 90 00 00 7F 00 00 01 C3 50 00 00
 *                   D2 04 00 00>, 4) -> one ESTABLISHED row 127.0.0.1:8080 -> 127.0.0.1:50000,
 *                   pid 1234
 */
export function decodeTcpTable(
  bytes: Uint8Array,
  length: number,
  family: IpFamily,
  format: AddressText,
): DecodedTable<WindowsTcpRow> {
  const rowSize = family === 4 ? TCP_ROW_SIZE : TCP6_ROW_SIZE;
  const { announced, fit, truncatedHeader } = fittingEntries(bytes, length, rowSize);
  const rows: WindowsTcpRow[] = [];
  let malformed = truncatedHeader ? 1 : announced - fit;
  for (let i = 0; i < fit; i += 1) {
    const o = 4 + i * rowSize;
    let stateCode: number;
    let localAddress: string;
    let localPort: number;
    let remoteAddress: string;
    let remotePort: number;
    let pid: number;
    let localScopeId = 0;
    let remoteScopeId = 0;
    if (family === 4) {
      stateCode = uint32At(bytes, o);
      localAddress = format.ipv4(bytes, o + 4);
      localPort = portAt(bytes, o + 8);
      remoteAddress = format.ipv4(bytes, o + 12);
      remotePort = portAt(bytes, o + 16);
      pid = uint32At(bytes, o + 20);
    } else {
      localAddress = format.ipv6(bytes, o);
      localScopeId = uint32At(bytes, o + 16);
      localPort = portAt(bytes, o + 20);
      remoteAddress = format.ipv6(bytes, o + 24);
      remoteScopeId = uint32At(bytes, o + 40);
      remotePort = portAt(bytes, o + 44);
      stateCode = uint32At(bytes, o + 48);
      pid = uint32At(bytes, o + 52);
    }
    const state = tcpStateFromMib(stateCode);
    if (state === undefined) {
      malformed += 1;
      continue;
    }
    const peer = hasPeer(state, remoteAddress, remotePort);
    rows.push({
      socket: socketOf(
        'tcp',
        family,
        localAddress,
        localPort,
        peer ? remoteAddress : null,
        peer ? remotePort : null,
        state,
        pid,
      ),
      stateCode,
      localScopeId,
      remoteScopeId,
    });
  }
  return { rows, malformed };
}

/** MIB_UDPTABLE_OWNER_PID (family 4) or MIB_UDP6TABLE_OWNER_PID (family 6) -> sockets. */
export function decodeUdpTable(
  bytes: Uint8Array,
  length: number,
  family: IpFamily,
  format: AddressText,
): DecodedTable<RawSocket> {
  const rowSize = family === 4 ? UDP_ROW_SIZE : UDP6_ROW_SIZE;
  const { announced, fit, truncatedHeader } = fittingEntries(bytes, length, rowSize);
  const rows: RawSocket[] = [];
  for (let i = 0; i < fit; i += 1) {
    const o = 4 + i * rowSize;
    const local = family === 4 ? format.ipv4(bytes, o) : format.ipv6(bytes, o);
    const port = family === 4 ? portAt(bytes, o + 4) : portAt(bytes, o + 20);
    const pid = family === 4 ? uint32At(bytes, o + 8) : uint32At(bytes, o + 24);
    // The owner-pid UDP tables carry no remote endpoint: a connected UDP socket shows unconnected.
    rows.push(socketOf('udp', family, local, port, null, null, null, pid));
  }
  return { rows, malformed: truncatedHeader ? 1 : announced - fit };
}

// Parser for the kernel's socket tables /proc/net/tcp, tcp6, udp and udp6. Pure: text in, rows
// out, so it is tested on text captured from a real machine (test/fixtures/linux).
// Line layout (net/ipv4/tcp_ipv4.c, net/ipv4/udp.c; IPv6 in net/ipv6/):
//   sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode …
// https://github.com/torvalds/linux/blob/master/net/ipv4/tcp_ipv4.c
import type { IpFamily, Protocol, RawSocket } from '../../../shared/model';
import { AddressDecoder, isZeroAddressHex } from './address-decoder';
import { tcpStateFromCode } from './tcp-states';

export interface ProcNetTable {
  sockets: RawSocket[];
  /** Lines that could not be read (skipped, the rest of the table still counts). */
  malformedLines: number;
}

const defaultDecoder = new AddressDecoder();

// Field positions after splitting a line on runs of spaces.
const F_LOCAL = 1;
const F_REMOTE = 2;
const F_STATE = 3;
const F_UID = 7;
const F_INODE = 9;
const FIELDS_NEEDED = 10;

/** Split on runs of spaces/tabs, keeping only the first `limit` fields (the rest are not read). */
function splitFields(line: string, limit: number): string[] {
  const fields: string[] = [];
  const length = line.length;
  let i = 0;
  while (i < length && fields.length < limit) {
    while (i < length && (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9)) i++;
    if (i >= length) break;
    const start = i;
    while (i < length && line.charCodeAt(i) !== 32 && line.charCodeAt(i) !== 9) i++;
    fields.push(line.slice(start, i));
  }
  return fields;
}

/** Strict hex to number: NaN for anything that is not entirely hex digits. */
function hexNumber(text: string): number {
  return text.length > 0 ? Number(`0x${text}`) : Number.NaN;
}

/** Strict decimal to number: NaN unless every character is a digit. */
function decimalNumber(text: string): number {
  return /^\d+$/.test(text) ? Number(text) : Number.NaN;
}

/**
 * One table line to a socket, or null when the line is malformed.
 *   "   0: 0100007F:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 12345 1 …"
 *   -> tcp, 127.0.0.1:22, no remote, LISTEN, uid 0, inode 12345
 */
export function parseProcNetLine(
  line: string,
  protocol: Protocol,
  family: IpFamily,
  decoder: AddressDecoder = defaultDecoder,
): RawSocket | null {
  const fields = splitFields(line, FIELDS_NEEDED);
  if (fields.length < FIELDS_NEEDED || !fields[0]!.endsWith(':')) return null;

  const addressLength = family === 4 ? 8 : 32;
  const local = fields[F_LOCAL]!;
  const remote = fields[F_REMOTE]!;
  if (local.length !== addressLength + 5 || local.charCodeAt(addressLength) !== 58) return null;
  if (remote.length !== addressLength + 5 || remote.charCodeAt(addressLength) !== 58) return null;

  const localHex = local.slice(0, addressLength);
  const remoteHex = remote.slice(0, addressLength);
  const localAddress = decoder.decode(localHex);
  const remoteAddressText = decoder.decode(remoteHex);
  const localPort = hexNumber(local.slice(addressLength + 1));
  const remotePortNumber = hexNumber(remote.slice(addressLength + 1));
  const stateCode = hexNumber(fields[F_STATE]!);
  const uid = decimalNumber(fields[F_UID]!);
  const inode = decimalNumber(fields[F_INODE]!);
  if (
    localAddress === null ||
    remoteAddressText === null ||
    Number.isNaN(localPort) ||
    Number.isNaN(remotePortNumber) ||
    Number.isNaN(stateCode) ||
    Number.isNaN(uid) ||
    Number.isNaN(inode)
  ) {
    return null;
  }

  // The kernel prints 0.0.0.0:0 / [::]:0 for "no peer" (listeners, unconnected UDP).
  const noPeer = remotePortNumber === 0 && isZeroAddressHex(remoteHex);
  // UDP reuses the TCP codes loosely (07 "CLOSE" = unconnected, 01 = connected): not a TCP state.
  const state = protocol === 'tcp' ? (tcpStateFromCode(stateCode) ?? null) : null;
  // TIME_WAIT rows are not sockets but timewait minisocks: the kernel prints uid 0 and inode 0
  // as placeholders (get_timewait4_sock), so neither says anything.
  const placeholderOwner = state === 'TIME_WAIT';

  return {
    protocol,
    family,
    localAddress,
    localPort,
    remoteAddress: noPeer ? null : remoteAddressText,
    remotePort: noPeer ? null : remotePortNumber,
    state,
    inode: inode === 0 ? null : inode,
    socketUid: placeholderOwner ? null : uid,
    pid: null,
  };
}

/**
 * A whole table (the text of /proc/net/tcp …) to sockets. The header line and blank lines are
 * skipped; a line that cannot be read is counted in malformedLines and skipped, never fatal.
 */
export function parseProcNetTable(
  text: string,
  protocol: Protocol,
  family: IpFamily,
  decoder: AddressDecoder = defaultDecoder,
): ProcNetTable {
  const sockets: RawSocket[] = [];
  let malformedLines = 0;
  let start = 0;
  let first = true;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const line = text.slice(start, end);
    start = end + 1;
    if (first) {
      first = false;
      if (line.includes('local_address')) continue;
    }
    if (line.trim() === '') continue;
    const socket = parseProcNetLine(line, protocol, family, decoder);
    if (socket) sockets.push(socket);
    else malformedLines++;
  }
  return { sockets, malformedLines };
}

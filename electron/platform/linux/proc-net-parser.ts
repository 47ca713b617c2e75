// Parser for the kernel's socket tables /proc/net/tcp, tcp6, udp and udp6. Pure: text in, rows
// out, so it is tested on text captured from a real machine (test/fixtures/linux).
// Line layout (net/ipv4/tcp_ipv4.c, net/ipv4/udp.c; IPv6 in net/ipv6/):
//   sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode …
// https://github.com/torvalds/linux/blob/master/net/ipv4/tcp_ipv4.c
import {
  NO_TRAFFIC_COUNTERS,
  type IpFamily,
  type Protocol,
  type RawSocket,
} from '../../../shared/model';
import { AddressDecoder } from './address-decoder';
import { tcpStateFromCode } from './tcp-states';

export interface ProcNetTable {
  sockets: RawSocket[];
  /** Lines that could not be read (skipped, the rest of the table still counts). */
  malformedLines: number;
}

const defaultDecoder = new AddressDecoder();

// Field positions (0-based, separated by runs of spaces) of the columns we read.
const F_LOCAL = 1;
const F_REMOTE = 2;
const F_STATE = 3;
const F_UID = 7;
const F_INODE = 9;
const FIELDS_NEEDED = 10;
const SPACE = 32;
const TAB = 9;
const COLON = 58;

/**
 * Start and end offsets of the first FIELDS_NEEDED fields of a line, written into `bounds`
 * (start at 2i, end at 2i + 1). Offsets instead of split(): a poll reads 10,000 lines, and
 * allocating a dozen strings per line is most of the cost of a naive parser.
 * Returns how many fields were found.
 */
function findFields(line: string, bounds: Int32Array): number {
  const length = line.length;
  let count = 0;
  let i = 0;
  while (count < FIELDS_NEEDED) {
    let c = line.charCodeAt(i);
    while (i < length && (c === SPACE || c === TAB)) c = line.charCodeAt(++i);
    if (i >= length) break;
    bounds[2 * count] = i;
    while (i < length && c !== SPACE && c !== TAB) c = line.charCodeAt(++i);
    bounds[2 * count + 1] = i;
    count++;
  }
  return count;
}

/** Hex digits in line[start, end) to a number; -1 unless all are hex digits (and at least one). */
function hexAt(line: string, start: number, end: number): number {
  if (end <= start || end - start > 8) return -1;
  let value = 0;
  for (let i = start; i < end; i++) {
    const c = line.charCodeAt(i);
    let digit: number;
    if (c >= 48 && c <= 57) digit = c - 48;
    else if (c >= 65 && c <= 70) digit = c - 55;
    else if (c >= 97 && c <= 102) digit = c - 87;
    else return -1;
    value = value * 16 + digit;
  }
  return value;
}

/** Decimal digits in line[start, end) to a number; -1 unless all are digits (and at least one). */
function decimalAt(line: string, start: number, end: number): number {
  if (end <= start || end - start > 15) return -1;
  let value = 0;
  for (let i = start; i < end; i++) {
    const c = line.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
    value = value * 10 + (c - 48);
  }
  return value;
}

/** True when line[start, end) is all '0' (the kernel's "no address"). */
function allZeros(line: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (line.charCodeAt(i) !== 48) return false;
  return true;
}

const scratchBounds = new Int32Array(FIELDS_NEEDED * 2);

function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== SPACE && c !== TAB && c !== 13) return false;
  }
  return true;
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
  const bounds = scratchBounds;
  if (findFields(line, bounds) < FIELDS_NEEDED) return null;
  if (line.charCodeAt(bounds[1]! - 1) !== COLON) return null; // "sl" column: "  12:"

  const addressLength = family === 4 ? 8 : 32;
  const localStart = bounds[2 * F_LOCAL]!;
  const remoteStart = bounds[2 * F_REMOTE]!;
  // "ADDRESS:PORT", the port always four hex digits.
  if (bounds[2 * F_LOCAL + 1]! - localStart !== addressLength + 5) return null;
  if (bounds[2 * F_REMOTE + 1]! - remoteStart !== addressLength + 5) return null;
  if (line.charCodeAt(localStart + addressLength) !== COLON) return null;
  if (line.charCodeAt(remoteStart + addressLength) !== COLON) return null;

  const localAddress = decoder.decode(line.slice(localStart, localStart + addressLength));
  const remoteAddressText = decoder.decode(line.slice(remoteStart, remoteStart + addressLength));
  const localPort = hexAt(line, localStart + addressLength + 1, localStart + addressLength + 5);
  const remotePortNumber = hexAt(
    line,
    remoteStart + addressLength + 1,
    remoteStart + addressLength + 5,
  );
  const stateCode = hexAt(line, bounds[2 * F_STATE]!, bounds[2 * F_STATE + 1]!);
  const uid = decimalAt(line, bounds[2 * F_UID]!, bounds[2 * F_UID + 1]!);
  const inode = decimalAt(line, bounds[2 * F_INODE]!, bounds[2 * F_INODE + 1]!);
  if (
    localAddress === null ||
    remoteAddressText === null ||
    localPort < 0 ||
    remotePortNumber < 0 ||
    stateCode < 0 ||
    uid < 0 ||
    inode < 0
  ) {
    return null;
  }

  // The kernel prints 0.0.0.0:0 / [::]:0 for "no peer" (listeners, unconnected UDP).
  const noPeer = remotePortNumber === 0 && allZeros(line, remoteStart, remoteStart + addressLength);
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
    // /proc/net prints no traffic counters.
    ...NO_TRAFFIC_COUNTERS,
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
    if (isBlank(line)) continue;
    const socket = parseProcNetLine(line, protocol, family, decoder);
    if (socket) sockets.push(socket);
    else malformedLines++;
  }
  return { sockets, malformedLines };
}

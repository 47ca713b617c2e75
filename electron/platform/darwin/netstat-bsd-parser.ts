// The socket table from macOS's `netstat -anlb -p tcp` and `-p udp`: every TCP and UDP socket,
// whoever owns it, readable without root (the net.inet.{tcp,udp}.pcblist_n sysctls), with each
// socket's byte counters. lsof lists only sockets of processes it may look into; this table adds
// the rest as owner unknown, and the counters are the traffic columns on macOS.
// Layout, from network_cmds netstat.tproj/inet.c protopr() and main.c print_socket_stats_*
// (https://github.com/apple-oss-distributions/network_cmds):
//   Proto Recv-Q Send-Q  Local Address          Foreign Address        (state)      rxbytes  txbytes
//   tcp4       0      0  127.0.0.1.8080         127.0.0.1.50000        ESTABLISHED     1234     5678
//   tcp46      0      0  *.8080                 *.*                    LISTEN             0        0
//   udp6       0      0  fe80::1%lo0.123        *.*                                       0        0
// - Proto is the protocol and the socket's address flags: 4 (IPv4), 6 (IPv6), 46 (a dual-stack
//   IPv6 socket; its addresses are printed the IPv4 way, "*.8080").
// - Addresses end in ".port"; "*" is the unspecified address or port 0. -n: numeric; -l: IPv6
//   addresses in full (without it they are cut to 16 characters).
// - (state) is blank for UDP; -b adds rxbytes and txbytes: data bytes the socket received and
//   sent since it was created (summed over traffic classes before network_cmds-698, the data
//   counters since).
import type { IpFamily, Protocol, RawSocket, TcpState } from '../../../shared/model';
import { anyAddress, parseSeparatedEndpoint } from '../lsof/endpoint';
import type { SocketTable } from '../lsof/netstat-linux-parser';
import { tcpStateFromName } from '../lsof/tcp-state-names';

/** One run per protocol: `-p tcp` prints both families (protopr with AF_UNSPEC). */
export function bsdNetstatArgs(protocol: Protocol): string[] {
  return ['-a', '-n', '-l', '-b', '-p', protocol];
}

const PROTO = /^(tcp|udp)(4|6|46)?$/;

function count(text: string | undefined): number | null {
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : null;
}

/**
 * One socket line, or null when it cannot be read.
 *   "tcp4 0 0 127.0.0.1.8080 127.0.0.1.50000 ESTABLISHED 1234 5678"
 *   -> tcp, family 4, 127.0.0.1:8080 -> 127.0.0.1:50000, received 1234, sent 5678
 */
export function parseBsdNetstatLine(line: string): RawSocket | null {
  const tokens = line.trim().split(/\s+/);
  const match = PROTO.exec(tokens[0] ?? '');
  if (!match || tokens.length < 5) return null;
  const protocol = match[1] as Protocol;
  const family: IpFamily = match[2] === '4' ? 4 : 6;
  const local = parseSeparatedEndpoint(tokens[3]!, '.');
  const remote = parseSeparatedEndpoint(tokens[4]!, '.');
  if (!local || !remote || local.port === null) return null;
  let rest = tokens.slice(5);
  let state: TcpState | null = null;
  if (protocol === 'tcp') {
    const name = rest[0];
    if (name === undefined) return null;
    // A state number outside tcpstates[] is printed as the number: a socket, state unknown.
    state = tcpStateFromName(name) ?? null;
    if (state === null && !/^-?\d+$/.test(name)) return null;
    rest = rest.slice(1);
  }
  let bytesReceived: number | null = null;
  let bytesSent: number | null = null;
  if (rest.length >= 2) {
    bytesReceived = count(rest[0]);
    bytesSent = count(rest[1]);
    if (bytesReceived === null || bytesSent === null) return null;
  } else if (rest.length === 1) {
    return null;
  }
  const noPeer = remote.address === null && remote.port === null;
  return {
    protocol,
    family,
    localAddress: local.address ?? anyAddress(family),
    localPort: local.port,
    remoteAddress: noPeer ? null : (remote.address ?? anyAddress(family)),
    remotePort: noPeer ? null : remote.port,
    state,
    // No inode on macOS; the socket's owner uid is not printed.
    inode: null,
    socketUid: null,
    pid: null,
    bytesSent,
    bytesReceived,
    // Packet counts need -vv, whose columns differ between macOS releases.
    packetsSent: null,
    packetsReceived: null,
  };
}

/**
 * The whole output of one run: the title, the header and netstat's "Some tcp sockets may have
 * been deleted." notes are passed over; socket lines that cannot be read are counted.
 */
export function parseBsdNetstatTable(text: string): SocketTable {
  const sockets: RawSocket[] = [];
  let malformedLines = 0;
  for (const line of text.split('\n')) {
    const first = line.trimStart().split(/\s/, 1)[0] ?? '';
    if (!PROTO.test(first)) continue;
    const socket = parseBsdNetstatLine(line);
    if (socket) sockets.push(socket);
    else malformedLines += 1;
  }
  return { sockets, malformedLines };
}

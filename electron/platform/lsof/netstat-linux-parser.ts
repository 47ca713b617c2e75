// The socket table from net-tools' `netstat -tuanWe` (Linux): every TCP and UDP socket of the
// network namespace, whoever owns it, with its uid and inode, readable without root. lsof lists
// only sockets that a process it may look into holds open; this table adds the others (another
// user's without root, TIME_WAIT, connections still in a listener's accept queue) as owner
// unknown, as the procfs backend shows them.
// Layout (net-tools netstat.c tcp_do_one/udp_do_one, -e adds User and Inode, -n numeric user):
//   Proto Recv-Q Send-Q Local Address           Foreign Address         State       User       Inode
//   tcp        0      0 127.0.0.1:8080          0.0.0.0:*               LISTEN      1000       4242
//   tcp6       0      0 127.0.0.1:8080          127.0.0.1:50000         ESTABLISHED 1000       4243
//   udp        0      0 0.0.0.0:5353            0.0.0.0:*                           108        4244
// An IPv4 peer of a dual-stack socket is printed as IPv4 under tcp6 (family 6, as in the model).
// A connected UDP socket prints ESTABLISHED, which is not a TCP state and is dropped.
import {
  NO_TRAFFIC_COUNTERS,
  type IpFamily,
  type Protocol,
  type RawSocket,
  type TcpState,
} from '../../../shared/model';
import { anyAddress, parseSeparatedEndpoint } from './endpoint';
import { tcpStateFromName } from './tcp-state-names';

export interface SocketTable {
  sockets: RawSocket[];
  /** Socket lines that could not be read: skipped and counted, never fatal. */
  malformedLines: number;
}

const PROTOCOLS: Readonly<Record<string, { protocol: Protocol; family: IpFamily }>> = {
  tcp: { protocol: 'tcp', family: 4 },
  tcp6: { protocol: 'tcp', family: 6 },
  udp: { protocol: 'udp', family: 4 },
  udp6: { protocol: 'udp', family: 6 },
};

function count(text: string | undefined): number | null {
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : null;
}

/** The whitespace-separated words of a line, without a regex (it runs once per socket). */
function words(line: string): string[] {
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i <= line.length; i++) {
    const code = i < line.length ? line.charCodeAt(i) : 32;
    const blank = code === 32 || code === 9 || code === 13;
    if (blank) {
      if (start !== -1) {
        out.push(line.slice(start, i));
        start = -1;
      }
    } else if (start === -1) {
      start = i;
    }
  }
  return out;
}

/**
 * One socket line, or null when it cannot be read.
 *   "tcp 0 0 127.0.0.1:8080 0.0.0.0:* LISTEN 1000 4242"
 *   -> tcp, 127.0.0.1:8080, no peer, LISTEN, uid 1000, inode 4242
 */
export function parseNetToolsLine(line: string): RawSocket | null {
  return parseWords(words(line));
}

function parseWords(tokens: readonly string[]): RawSocket | null {
  const name = tokens[0] ?? '';
  const kind = Object.hasOwn(PROTOCOLS, name) ? PROTOCOLS[name] : undefined;
  if (!kind || tokens.length < 7 || tokens.length > 8) return null;
  const hasState = tokens.length === 8;
  const stateText = hasState ? tokens[5]! : null;
  const uid = count(tokens[hasState ? 6 : 5]);
  const inode = count(tokens[hasState ? 7 : 6]);
  const local = parseSeparatedEndpoint(tokens[3]!, ':');
  const remote = parseSeparatedEndpoint(tokens[4]!, ':');
  if (!local || !remote || local.port === null || uid === null || inode === null) return null;
  let state: TcpState | null | undefined = null;
  if (kind.protocol === 'tcp') {
    state = stateText === null ? undefined : tcpStateFromName(stateText);
    if (state === undefined) return null;
  }
  // The kernel's "no peer" is 0.0.0.0:0 / [::]:0, which netstat prints with port "*".
  const noPeer = remote.port === null;
  // TIME_WAIT rows are timewait minisocks: the kernel prints uid 0 and inode 0 as placeholders.
  const placeholderOwner = state === 'TIME_WAIT';
  return {
    protocol: kind.protocol,
    family: kind.family,
    localAddress: local.address ?? anyAddress(kind.family),
    localPort: local.port,
    remoteAddress: noPeer ? null : (remote.address ?? anyAddress(kind.family)),
    remotePort: noPeer ? null : remote.port,
    state,
    inode: inode === 0 ? null : inode,
    socketUid: placeholderOwner ? null : uid,
    pid: null,
    // net-tools prints no traffic counters.
    ...NO_TRAFFIC_COUNTERS,
  };
}

/** The whole output: header lines are passed over, socket lines that cannot be read counted. */
export function parseNetToolsTable(text: string): SocketTable {
  const sockets: RawSocket[] = [];
  let malformedLines = 0;
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const line = text.slice(start, end);
    start = end + 1;
    // Socket lines start with their protocol (tcp, tcp6, udp, udp6); headers do not.
    if (!line.startsWith('tcp') && !line.startsWith('udp')) continue;
    const tokens = words(line);
    if (!Object.hasOwn(PROTOCOLS, tokens[0] ?? '')) continue;
    const socket = parseWords(tokens);
    if (socket) sockets.push(socket);
    else malformedLines += 1;
  }
  return { sockets, malformedLines };
}

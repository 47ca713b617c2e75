// Closing one TCP connection on Linux: the kernel's SOCK_DESTROY over sock_diag, as `ss -K` does
// it (iproute2 misc/ss.c kill_inet_sock). The kernel aborts the socket and sends a RST, so both
// ends see the connection end: the owner gets ECONNABORTED, the peer ECONNRESET.
// https://github.com/torvalds/linux/blob/master/net/ipv4/inet_diag.c (inet_diag_cmd_exact)
//
// Two ways to send it, with the same safety: the socket is first found in a dump by its exact
// 4-tuple (compared byte for byte), then destroyed by the identity the dump gave, cookie included,
// so the kernel refuses (ESTALE) should those addresses have come to name another socket since.
//  - In process, over Portscope's own sock_diag socket (sock-diag/): the kernel's answer is an
//    errno, so "not permitted", "kernel lacks destroy" and "already gone" are told apart exactly.
//  - Through `ss -K` when one action runs elevated (pkexec runs a program, not a function), or
//    where Portscope cannot open a sock_diag socket itself. How ss reports: it prints every
//    socket it destroyed, one line each. It prints nothing, and exits 0, both when the socket is
//    already gone and when the kernel lacks SOCK_DESTROY (CONFIG_INET_DIAG_DESTROY unset:
//    EOPNOTSUPP is ignored in ss.c). Without CAP_NET_ADMIN it writes "SOCK_DESTROY answers:
//    Operation not permitted" to stderr, still exiting 0. So success is judged by what was
//    printed, and "nothing printed" is told apart by listing the tuple again.
import os from 'node:os';
import ipaddr from 'ipaddr.js';
import { AccessDenied, AlreadyGone, NotSupported, PlatformError } from '../errors';
import type { CloseTcpResult, CloseTcpTarget } from '../types';
import { findSystemProgram, runElevated, runProgram, type ExecResult } from './action-elevation';
import { CONNECTION_STATES } from './sock-diag/constants';
import type { SocketIdentity } from './sock-diag/inet-diag-message';
import { errnoName, type OpenNetlinkChannel } from './sock-diag/netlink-channel';
import { encodeDestroyRequest } from './sock-diag/requests';
import { SockDiagReader, SockDiagRefused } from './sock-diag/sock-diag-reader';

/**
 * The address as ss must be given it for a socket of `family`. A v4 peer on a dual-stack (tcp6)
 * socket is stored as ::ffff:a.b.c.d; naming it so, together with -6, matches only that socket.
 *   ssAddress("10.0.0.1", 4)  -> "10.0.0.1"
 *   ssAddress("10.0.0.1", 6)  -> "[::ffff:10.0.0.1]"
 *   ssAddress("2001:db8::1", 6) -> "[2001:db8::1]"
 * Throws for anything that is not a plain address of that family: only parsed and re-printed
 * addresses ever reach the argument list.
 */
export function ssAddress(address: string, family: 4 | 6): string {
  if (address.includes('%') || !ipaddr.isValid(address)) {
    throw new PlatformError('OS_ERROR', `Not an IP address: ${JSON.stringify(address)}`);
  }
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv4') {
    if (!ipaddr.IPv4.isValidFourPartDecimal(address)) {
      throw new PlatformError('OS_ERROR', `Not a dotted-quad IPv4 address: ${address}`);
    }
    return family === 4 ? parsed.toString() : `[::ffff:${parsed.toString()}]`;
  }
  const v6 = parsed as ipaddr.IPv6;
  if (family === 4) {
    if (!v6.isIPv4MappedAddress()) {
      throw new PlatformError('OS_ERROR', `An IPv4 socket cannot have address ${address}`);
    }
    return v6.toIPv4Address().toString();
  }
  return `[${v6.toRFC5952String()}]`;
}

function checkedPort(port: number): string {
  // Port 0 never appears on a connected socket; a filter on it would match nothing useful.
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new PlatformError('OS_ERROR', `Not a TCP port: ${port}`);
  }
  return String(port);
}

/**
 * The ss filter naming exactly one connection (ss(8) FILTER syntax), without -K.
 *   ssFilterArgs({family: 4, localAddress: "127.0.0.1", localPort: 5000,
 *                 remoteAddress: "127.0.0.1", remotePort: 40000})
 *   -> ["-t", "-n", "-4", "src", "127.0.0.1", "sport", "=", "5000",
 *       "dst", "127.0.0.1", "dport", "=", "40000"]
 * ss's default state filter already leaves out listeners, so a listener is never matched.
 */
export function ssFilterArgs(target: CloseTcpTarget): string[] {
  return [
    '-t',
    '-n',
    target.family === 4 ? '-4' : '-6',
    'src',
    ssAddress(target.localAddress, target.family),
    'sport',
    '=',
    checkedPort(target.localPort),
    'dst',
    ssAddress(target.remoteAddress, target.family),
    'dport',
    '=',
    checkedPort(target.remotePort),
  ];
}

/** Socket lines in ss output (its header line, when present, is not one). */
export function countSsSocketLines(stdout: string): number {
  return stdout.split('\n').filter((line) => line.trim() !== '' && !/^(State|Netid)\s/.test(line))
    .length;
}

/**
 * The 16 bytes an address of the target has in a sock_diag socket id of `family`: IPv4 in the
 * first 4 bytes of an AF_INET socket's, ::ffff:a.b.c.d for a v4 peer on an AF_INET6 socket.
 *   sockIdAddress("127.0.0.1", 4) -> 7f 00 00 01 00 … 00
 *   sockIdAddress("127.0.0.1", 6) -> 00 … 00 ff ff 7f 00 00 01
 * Throws, as ssAddress does, for anything that is not a plain address of that family.
 */
export function sockIdAddress(address: string, family: 4 | 6): Uint8Array {
  const text = ssAddress(address, family).replace(/^\[|\]$/g, '');
  const bytes = new Uint8Array(16);
  bytes.set(ipaddr.parse(text).toByteArray(), 0);
  return bytes;
}

/** True when a socket from the dump is exactly the target (ports and addresses, byte for byte). */
export function isExactTarget(
  identity: SocketIdentity,
  target: CloseTcpTarget,
  local: Uint8Array,
  remote: Uint8Array,
): boolean {
  if (identity.family !== target.family) return false;
  if (identity.localPort !== target.localPort || identity.remotePort !== target.remotePort) {
    return false;
  }
  const length = target.family === 4 ? 4 : 16;
  for (let i = 0; i < length; i++) {
    if (identity.localAddress[i] !== local[i] || identity.remoteAddress[i] !== remote[i]) {
      return false;
    }
  }
  return true;
}

const { EPERM, EACCES, EOPNOTSUPP, ENOENT, ESTALE } = os.constants.errno;

/** The kernel's answer to SOCK_DESTROY as an outcome: true destroyed, false already gone. */
export function destroyAnswer(errno: number, target: CloseTcpTarget): boolean {
  if (errno === 0) return true;
  if (errno === ENOENT || errno === ESTALE) return false;
  if (errno === EPERM || errno === EACCES) throw notPermitted(target);
  if (errno === EOPNOTSUPP) throw kernelLacksDestroy();
  throw new PlatformError(
    'OS_ERROR',
    `The kernel could not close ${describeTarget(target)}: ${errnoName(errno)}.`,
  );
}

function notPermitted(target: CloseTcpTarget): AccessDenied {
  return new AccessDenied(
    `Not permitted to close ${describeTarget(target)}: closing another program's connection ` +
      'needs administrator rights (CAP_NET_ADMIN): retry with them (pkexec), or choose Show ' +
      'all processes\u2026 so that the agent closes it (on the command line: sudo portscope close).',
  );
}

/**
 * Close over Portscope's own sock_diag socket. Null when that socket cannot be opened here (no
 * netlink, no koffi): the caller uses ss instead.
 */
export function closeWithSockDiag(
  target: CloseTcpTarget,
  open?: OpenNetlinkChannel,
): CloseTcpResult | null {
  const local = sockIdAddress(target.localAddress, target.family);
  const remote = sockIdAddress(target.remoteAddress, target.family);
  checkedPort(target.localPort);
  checkedPort(target.remotePort);
  const reader = new SockDiagReader({ open });
  try {
    let identities: SocketIdentity[];
    try {
      identities = reader.tcpIdentities(target.family, CONNECTION_STATES);
    } catch (error) {
      // No sock_diag socket here, or the kernel will not dump TCP through it: ss may still.
      if (error instanceof NotSupported || error instanceof SockDiagRefused) return null;
      throw error;
    }
    let closed = 0;
    for (const identity of identities) {
      if (!isExactTarget(identity, target, local, remote)) continue;
      const errno = reader.request((seq) =>
        encodeDestroyRequest(seq, target.family, identity.socketId, reader.littleEndian),
      );
      if (destroyAnswer(errno, target)) closed++;
    }
    if (closed === 0) {
      throw new AlreadyGone(`The connection ${describeTarget(target)} is already closed.`);
    }
    return { closed, detail: `sock_diag destroyed ${describeTarget(target)}` };
  } finally {
    reader.close();
  }
}

/** An ss "SOCK_DESTROY answers: …" complaint as a PlatformError, or null when there is none. */
export function translateSsStderr(stderr: string, target: CloseTcpTarget): PlatformError | null {
  const text = stderr.trim();
  if (text === '') return null;
  if (/Operation not permitted|Permission denied/i.test(text)) return notPermitted(target);
  if (/Operation not supported|not supported/i.test(text)) {
    return kernelLacksDestroy();
  }
  return new PlatformError('OS_ERROR', `ss could not close ${describeTarget(target)}: ${text}`);
}

function kernelLacksDestroy(): NotSupported {
  return new NotSupported(
    'This kernel lacks sock_diag destroy: closing a connection needs a kernel built with ' +
      'CONFIG_INET_DIAG_DESTROY=y. Kill the owning process instead.',
  );
}

export function describeTarget(target: CloseTcpTarget): string {
  const host = (address: string) => (address.includes(':') ? `[${address}]` : address);
  return (
    `${host(target.localAddress)}:${target.localPort} \u2192 ` +
    `${host(target.remoteAddress)}:${target.remotePort}`
  );
}

async function runSs(args: string[], elevate: boolean): Promise<ExecResult> {
  const ss = await findSystemProgram('ss');
  if (!ss) {
    throw new NotSupported(
      'The ss program is not installed: install iproute2 to close connections.',
    );
  }
  if (elevate) return runElevated(ss, args);
  try {
    return await runProgram(ss, args);
  } catch (error) {
    throw new PlatformError('OS_ERROR', `ss could not be run: ${String(error)}`, {
      cause: error,
    });
  }
}

/**
 * Destroy the TCP connection with exactly this 4-tuple. Resolves with closed = 1 when the kernel
 * destroyed it. Throws AccessDenied (needs CAP_NET_ADMIN), NotSupported (kernel without
 * CONFIG_INET_DIAG_DESTROY, or neither sock_diag nor ss usable), AlreadyGone (no such
 * connection any more). `elevate` runs `ss -K` through pkexec for this one action.
 */
export async function closeTcpConnection(
  target: CloseTcpTarget,
  options: { elevate?: boolean; openSockDiag?: OpenNetlinkChannel } = {},
): Promise<CloseTcpResult> {
  const filter = ssFilterArgs(target);
  if (options.elevate !== true) {
    const result = closeWithSockDiag(target, options.openSockDiag);
    if (result) return result;
  }
  return closeWithSs(target, filter, options.elevate === true);
}

async function closeWithSs(
  target: CloseTcpTarget,
  filter: string[],
  elevate: boolean,
): Promise<CloseTcpResult> {
  const killed = await runSs(['-K', ...filter], elevate);
  const problem = translateSsStderr(killed.stderr, target);
  if (problem) throw problem;
  if (killed.status !== 0) {
    throw new PlatformError(
      'OS_ERROR',
      `ss -K exited with status ${killed.status} closing ${describeTarget(target)}.`,
    );
  }
  const closed = countSsSocketLines(killed.stdout);
  if (closed > 0) return { closed, detail: killed.stdout.trim() };
  // Nothing destroyed: is the connection still there (the kernel cannot destroy) or gone?
  const listed = await runSs(filter, false);
  if (countSsSocketLines(listed.stdout) > 0) throw kernelLacksDestroy();
  throw new AlreadyGone(`The connection ${describeTarget(target)} is already closed.`);
}

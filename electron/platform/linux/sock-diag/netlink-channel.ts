// The thin OS layer under sock_diag: a NETLINK_SOCK_DIAG socket driven through libc's socket,
// send, recv, poll and close, called through koffi (no native addon to rebuild per Electron ABI).
// Only bytes cross this layer: requests are encoded and replies decoded by pure functions
// (requests.ts, reply.ts, inet-diag-message.ts). errno values become PlatformErrors here, at the
// edge. koffi is loaded on first use, so commands that never read the socket table (whois) do not
// pay its ~20 ms load.
import { createRequire } from 'node:module';
import os from 'node:os';
import type Koffi from 'koffi';
import { NotSupported, PlatformError } from '../../errors';
import {
  AF_NETLINK,
  MSG_DONTWAIT,
  MSG_TRUNC,
  NETLINK_SOCK_DIAG,
  POLLIN,
  SOCK_CLOEXEC,
  SOCK_RAW,
} from './constants';

/** One open sock_diag socket. Requests go to the kernel; replies come back as datagrams. */
export interface NetlinkChannel {
  send(request: Uint8Array): void;
  /**
   * The next datagram, copied into `into`. Returns its real length, which is larger than
   * into.length when it did not fit (then it was cut: read again with a larger buffer).
   * Throws when nothing arrives within `timeoutMs`.
   */
  receive(into: Uint8Array, timeoutMs: number): number;
  close(): void;
}

/** Opens a channel; tests pass their own to play a kernel that fails. */
export type OpenNetlinkChannel = () => NetlinkChannel;

interface Libc {
  socket(domain: number, type: number, protocol: number): number;
  send(fd: number, buffer: Uint8Array, length: number, flags: number): number;
  recv(fd: number, buffer: Uint8Array, length: number, flags: number): number;
  poll(fds: Uint8Array, count: number, timeoutMs: number): number;
  close(fd: number): number;
  errno(): number;
}

let libc: Libc | null = null;

function loadLibc(): Libc {
  if (libc) return libc;
  let koffi: typeof Koffi;
  try {
    koffi = createRequire(import.meta.url)('koffi') as typeof Koffi;
  } catch (error) {
    throw new NotSupported(
      `The koffi module (foreign calls into libc) could not be loaded: ${String(error)}`,
      { cause: error },
    );
  }
  // glibc names its library libc.so.6; elsewhere (musl) the process's own symbols hold libc.
  let library: ReturnType<typeof koffi.load>;
  try {
    library = koffi.load('libc.so.6');
  } catch {
    library = koffi.load(null);
  }
  const socket = library.func('int socket(int domain, int type, int protocol)');
  const send = library.func('long send(int fd, const void *buf, size_t len, int flags)');
  const recv = library.func('long recv(int fd, void *buf, size_t len, int flags)');
  const poll = library.func('int poll(void *fds, unsigned long nfds, int timeout)');
  const close = library.func('int close(int fd)');
  libc = {
    socket: (domain, type, protocol) => socket(domain, type, protocol) as number,
    send: (fd, buffer, length, flags) => Number(send(fd, buffer, length, flags)),
    recv: (fd, buffer, length, flags) => Number(recv(fd, buffer, length, flags)),
    poll: (fds, count, timeoutMs) => poll(fds, count, timeoutMs) as number,
    close: (fd) => close(fd) as number,
    errno: () => koffi.errno(),
  };
  return libc;
}

const ERRNO_NAMES = new Map<number, string>(
  Object.entries(os.constants.errno).map(([name, value]) => [value, name]),
);

/** "EPERM" for 1 …; "errno 999" for a number this OS does not name. */
export function errnoName(errno: number): string {
  return ERRNO_NAMES.get(errno) ?? `errno ${errno}`;
}

const { EINTR, EAGAIN, EAFNOSUPPORT, EPROTONOSUPPORT, EACCES, EPERM } = os.constants.errno;

/** A system call on the sock_diag socket failed; `errno` says how. */
export class NetlinkCallFailed extends PlatformError {
  override name = 'NetlinkCallFailed';
  constructor(
    readonly call: string,
    readonly errno: number,
  ) {
    super('OS_ERROR', `sock_diag ${call} failed: ${errnoName(errno)}`);
  }
}

/**
 * Open a NETLINK_SOCK_DIAG socket. Throws NotSupported when this system has none (no koffi, a
 * kernel without netlink sock_diag, a sandbox that forbids netlink sockets).
 */
export function openSockDiagChannel(): NetlinkChannel {
  const c = loadLibc();
  const fd = c.socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
  if (fd < 0) {
    const errno = c.errno();
    const why =
      errno === EAFNOSUPPORT || errno === EPROTONOSUPPORT
        ? 'this kernel has no netlink sock_diag'
        : errno === EACCES || errno === EPERM
          ? 'netlink sockets are forbidden here (a sandbox or seccomp policy)'
          : errnoName(errno);
    throw new NotSupported(`The kernel's sock_diag interface cannot be opened: ${why}.`);
  }
  const pollFd = new Uint8Array(8); // struct pollfd { int fd; short events; short revents; }
  const pollView = new DataView(pollFd.buffer);
  const littleEndian = os.endianness() === 'LE';
  pollView.setInt32(0, fd, littleEndian);
  pollView.setInt16(4, POLLIN, littleEndian);
  let open = true;

  const checkOpen = () => {
    if (!open) throw new PlatformError('OS_ERROR', 'sock_diag socket used after close');
  };

  return {
    send(request) {
      checkOpen();
      for (;;) {
        const sent = c.send(fd, request, request.length, 0);
        if (sent === request.length) return;
        const errno = c.errno();
        if (sent < 0 && errno === EINTR) continue;
        throw new NetlinkCallFailed('send', sent < 0 ? errno : 0);
      }
    },
    receive(into, timeoutMs) {
      checkOpen();
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const length = c.recv(fd, into, into.length, MSG_DONTWAIT | MSG_TRUNC);
        if (length >= 0) return length;
        const errno = c.errno();
        if (errno === EINTR) continue;
        if (errno !== EAGAIN) throw new NetlinkCallFailed('recv', errno);
        // Nothing queued yet (the kernel answers a dump as it is read, so this is rare).
        const left = deadline - Date.now();
        if (left <= 0) throw new NetlinkCallFailed('recv (no answer in time)', EAGAIN);
        if (c.poll(pollFd, 1, left) < 0 && c.errno() !== EINTR) {
          throw new NetlinkCallFailed('poll', c.errno());
        }
      }
    },
    close() {
      if (!open) return;
      open = false;
      c.close(fd);
    },
  };
}

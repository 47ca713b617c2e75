// The socket table through sock_diag: one dump per protocol and family over one netlink socket,
// decoded straight from the receive buffer into rows. This is what `ss` does (iproute2
// misc/ss.c inet_show_netlink), and it is cheaper than /proc/net: the kernel sends fixed binary
// records instead of formatting text, and it carries tcp_info's traffic counters.
import os from 'node:os';
import type { IpFamily, Protocol, RawSocket } from '../../../../shared/model';
import { PlatformError } from '../../errors';
import { AddressText } from '../../address-text';
import { SOCK_DIAG_BY_FAMILY, TCPDIAG_GETSOCK } from './constants';
import {
  decodeInetDiagSocket,
  readSocketIdentity,
  type DecodeContext,
  type SocketIdentity,
} from './inet-diag-message';
import {
  errnoName,
  openSockDiagChannel,
  type NetlinkChannel,
  type OpenNetlinkChannel,
} from './netlink-channel';
import { walkReply, type OnMessage, type ReplyProgress } from './reply';
import { encodeDumpRequest, encodeTcpDumpRequest } from './requests';

/** The kernel refused a sock_diag request; `errno` is its answer (ENOENT: no such module …). */
export class SockDiagRefused extends PlatformError {
  override name = 'SockDiagRefused';
  constructor(
    readonly what: string,
    readonly errno: number,
  ) {
    super('OS_ERROR', `The kernel refused ${what}: ${errnoName(errno)}`);
  }
}

/** A reply datagram did not fit the buffer (now grown to fit): the dump must be read again. */
class ReplyTooLarge extends PlatformError {
  override name = 'ReplyTooLarge';
  constructor(length: number) {
    super('OS_ERROR', `A sock_diag reply of ${length} bytes did not fit the receive buffer.`);
  }
}

/** A datagram of the kernel's is at most 32 KiB; twice that, so one always fits. */
const INITIAL_BUFFER = 64 * 1024;

export interface SockDiagReaderOptions {
  open?: OpenNetlinkChannel;
  /** How long to wait for the kernel's next datagram before giving up on a dump. */
  timeoutMs?: number;
  littleEndian?: boolean;
}

export interface DumpOutcome {
  /** Bytes of replies that could not be read as messages (skipped). */
  malformedBytes: number;
  /** Messages that were not a readable socket (skipped). */
  malformedMessages: number;
  /** The kernel's table changed during the dump (NLM_F_DUMP_INTR); the next poll catches up. */
  interrupted: boolean;
}

/** What one dump asks for: a protocol and family, or every TCP socket at once (family null). */
interface DumpTarget {
  protocol: Protocol;
  family: IpFamily | null;
  states: number;
}

const { EINVAL, ENOENT, EOPNOTSUPP } = os.constants.errno;

export class SockDiagReader {
  private readonly open: OpenNetlinkChannel;
  /** Whether the kernel answers the one-walk TCP request; null until it has been tried. */
  private oneWalkTcp: boolean | null = null;
  private readonly timeoutMs: number;
  private readonly context: DecodeContext;
  private channel: NetlinkChannel | null = null;
  private seq = 0;

  constructor(options: SockDiagReaderOptions = {}) {
    this.open = options.open ?? openSockDiagChannel;
    this.timeoutMs = options.timeoutMs ?? 5000;
    const bytes = new Uint8Array(INITIAL_BUFFER);
    this.context = {
      bytes,
      view: new DataView(bytes.buffer),
      littleEndian: options.littleEndian ?? os.endianness() === 'LE',
      addresses: new AddressText(),
    };
  }

  /**
   * Every socket of one protocol and family, appended to `into`. On a throw, `into` is as it was
   * (a failed dump adds no rows), so the caller can read the same table another way.
   */
  readTable(protocol: Protocol, family: IpFamily, states: number, into: RawSocket[]): DumpOutcome {
    return this.readDump({ protocol, family, states }, into);
  }

  /**
   * Every TCP socket, IPv4 and IPv6, appended to `into`: in one walk of the kernel's table where
   * the kernel serves the older family-less request, else one SOCK_DIAG_BY_FAMILY dump per
   * family. On a throw, `into` is as it was.
   */
  readTcp(states: number, into: RawSocket[]): DumpOutcome {
    if (this.oneWalkTcp !== false) {
      try {
        const outcome = this.readDump({ protocol: 'tcp', family: null, states }, into);
        this.oneWalkTcp = true;
        return outcome;
      } catch (error) {
        // A kernel that has dropped the older request refuses it: ask per family from now on.
        const refused =
          error instanceof SockDiagRefused &&
          (error.errno === EINVAL || error.errno === ENOENT || error.errno === EOPNOTSUPP);
        if (!refused) throw error;
        this.oneWalkTcp = false;
      }
    }
    const before = into.length;
    try {
      const v4 = this.readTable('tcp', 4, states, into);
      const v6 = this.readTable('tcp', 6, states, into);
      return {
        malformedBytes: v4.malformedBytes + v6.malformedBytes,
        malformedMessages: v4.malformedMessages + v6.malformedMessages,
        interrupted: v4.interrupted || v6.interrupted,
      };
    } catch (error) {
      into.length = before;
      throw error;
    }
  }

  private readDump(target: DumpTarget, into: RawSocket[]): DumpOutcome {
    const before = into.length;
    const protocol = target.protocol;
    for (let attempt = 1; ; attempt++) {
      let malformedMessages = 0;
      const context = this.context;
      try {
        const outcome = this.dump(target, (type, start, end) => {
          if (type !== SOCK_DIAG_BY_FAMILY && type !== TCPDIAG_GETSOCK) return;
          const socket = decodeInetDiagSocket(context, start, end, protocol);
          if (socket) into.push(socket);
          else malformedMessages++;
        });
        return { ...outcome, malformedMessages };
      } catch (error) {
        into.length = before;
        // A reply larger than the buffer grew the buffer: one more try reads it whole.
        if (!(error instanceof ReplyTooLarge) || attempt > 1) throw error;
      }
    }
  }

  /** The identities of the TCP sockets of `family` in `states`: what closing one needs. */
  tcpIdentities(family: IpFamily, states: number): SocketIdentity[] {
    const found: SocketIdentity[] = [];
    const context = this.context;
    this.dump({ protocol: 'tcp', family, states }, (type, start, end) => {
      if (type !== SOCK_DIAG_BY_FAMILY) return;
      const identity = readSocketIdentity(context.bytes, start, end);
      if (identity) found.push(identity);
    });
    return found;
  }

  /** Send one request that the kernel acknowledges; resolves to its errno (0: done). */
  request(bytesOf: (seq: number) => Uint8Array): number {
    const seq = this.nextSeq();
    const channel = this.channelNow();
    try {
      channel.send(bytesOf(seq));
      for (;;) {
        const progress = this.receiveOnce(channel, seq, () => {});
        if (progress.done) return progress.errno;
      }
    } catch (error) {
      this.reset();
      throw error;
    }
  }

  get littleEndian(): boolean {
    return this.context.littleEndian;
  }

  close(): void {
    this.reset();
  }

  private dump(target: DumpTarget, onMessage: OnMessage): Omit<DumpOutcome, 'malformedMessages'> {
    const { protocol, family, states } = target;
    const seq = this.nextSeq();
    const channel = this.channelNow();
    const le = this.context.littleEndian;
    let malformedBytes = 0;
    let interrupted = false;
    try {
      channel.send(
        family === null
          ? encodeTcpDumpRequest(seq, states, le)
          : encodeDumpRequest(seq, family, protocol, states, le),
      );
      for (;;) {
        const progress = this.receiveOnce(channel, seq, onMessage);
        malformedBytes += progress.malformed;
        interrupted ||= progress.interrupted;
        if (!progress.done) continue;
        if (progress.errno !== 0) {
          const what = family === null ? 'tcp' : `${protocol}${family === 6 ? '6' : ''}`;
          throw new SockDiagRefused(`a ${what} dump`, progress.errno);
        }
        return { malformedBytes, interrupted };
      }
    } catch (error) {
      // A dump left half read keeps the socket busy (the kernel answers EBUSY to the next one):
      // start afresh on a new socket.
      this.reset();
      throw error;
    }
  }

  private receiveOnce(channel: NetlinkChannel, seq: number, onMessage: OnMessage): ReplyProgress {
    const length = channel.receive(this.context.bytes, this.timeoutMs);
    if (length > this.context.bytes.length) {
      // Cut short: the rest of this datagram is lost, so this dump cannot be trusted. Grow the
      // buffer for the next one.
      const bytes = new Uint8Array(Math.max(length, this.context.bytes.length * 2));
      this.context.bytes = bytes;
      this.context.view = new DataView(bytes.buffer);
      throw new ReplyTooLarge(length);
    }
    return walkReply(this.context.view, length, seq, this.context.littleEndian, onMessage);
  }

  private channelNow(): NetlinkChannel {
    this.channel ??= this.open();
    return this.channel;
  }

  private nextSeq(): number {
    this.seq = (this.seq + 1) >>> 0 || 1;
    return this.seq;
  }

  private reset(): void {
    this.channel?.close();
    this.channel = null;
  }
}

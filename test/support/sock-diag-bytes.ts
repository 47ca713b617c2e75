// Netlink bytes for sock_diag tests: the replies captured from the kernel
// (test/fixtures/linux/sock-diag), small builders for the messages a test needs the kernel to
// send (an error, an end of dump), and a FakeKernel that answers requests with them through the
// same NetlinkChannel interface the real socket has. Little-endian, as the captures are.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { NetlinkChannel } from '../../electron/platform/linux/sock-diag/netlink-channel';

const fixtures = fileURLToPath(new URL('../fixtures/linux/sock-diag/', import.meta.url));

/** A captured dump: one table, or 'tcp-both' (the family-less TCP request: tcp and tcp6). */
export type CapturedTable = 'tcp' | 'tcp6' | 'udp' | 'udp6' | 'tcp-both';

export interface CaptureFacts {
  seq: Record<CapturedTable, number>;
  pid: number;
  uid: number;
  tcp: {
    listener: number;
    busyClient: { port: number; sent: number; received: number };
    halfClosedClient: { port: number; sent: number };
    timeWaitClient: number;
  };
  tcp6: { listener: number; client: { port: number; sent: number } };
  dualStack: { listener: number; mappedClient: { port: number; sent: number } };
  udp: { bound: number; connected: number; bound6: number };
}

export const captureFacts = JSON.parse(
  readFileSync(`${fixtures}expected.json`, 'utf8'),
) as CaptureFacts;

/** The kernel's reply to one dump, as captured. */
export function capturedReply(table: CapturedTable): Uint8Array {
  return new Uint8Array(readFileSync(`${fixtures}${table}.bin`));
}

/** /proc/net/<table> lines of the same sockets, captured at the same moment. */
export function capturedProcText(table: Exclude<CapturedTable, 'tcp-both'>): string {
  return readFileSync(`${fixtures}proc-${table}.txt`, 'latin1');
}

/** [start, end) of each message in a run of netlink messages. */
export function messageBounds(bytes: Uint8Array): [number, number][] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const bounds: [number, number][] = [];
  for (let offset = 0; offset + 16 <= bytes.length;) {
    const length = view.getUint32(offset, true);
    bounds.push([offset, offset + length]);
    offset += (length + 3) & ~3;
  }
  return bounds;
}

/** A copy of the messages with every sequence number set to `seq`. */
export function withSeq(bytes: Uint8Array, seq: number): Uint8Array {
  const copy = bytes.slice();
  const view = new DataView(copy.buffer);
  for (const [start] of messageBounds(copy)) view.setUint32(start + 8, seq, true);
  return copy;
}

/** An NLMSG_DONE (type 3) or NLMSG_ERROR (type 2) carrying `-errno` (0: success / ack). */
export function endMessage(type: 2 | 3, seq: number, errno = 0): Uint8Array {
  const bytes = new Uint8Array(type === 2 ? 36 : 20);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, bytes.length, true);
  view.setUint16(4, type, true);
  view.setUint16(6, type === 3 ? 2 : 0, true); // NLM_F_MULTI on a dump's end
  view.setUint32(8, seq, true);
  view.setInt32(16, -errno, true);
  return bytes;
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** What a test's kernel is asked: the request's header and inet_diag_req_v2, decoded. */
export interface SeenRequest {
  type: number;
  flags: number;
  seq: number;
  family: number;
  protocol: number;
  ext: number;
  states: number;
  socketId: Uint8Array;
  bytes: Uint8Array;
}

export function readRequest(bytes: Uint8Array): SeenRequest {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint16(4, true) === 18) {
    // The older TCPDIAG_GETSOCK: struct inet_diag_req, TCP implied.
    return {
      type: 18,
      flags: view.getUint16(6, true),
      seq: view.getUint32(8, true),
      family: bytes[16]!,
      protocol: 6,
      ext: bytes[19]!,
      states: view.getUint32(16 + 52, true),
      socketId: bytes.slice(20, 68),
      bytes: bytes.slice(),
    };
  }
  return {
    type: view.getUint16(4, true),
    flags: view.getUint16(6, true),
    seq: view.getUint32(8, true),
    family: bytes[16]!,
    protocol: bytes[17]!,
    ext: bytes[18]!,
    states: view.getUint32(20, true),
    socketId: bytes.slice(24, 72),
    bytes: bytes.slice(),
  };
}

/**
 * A kernel in a test: each request is answered by `answer` with the datagrams to queue (each a
 * run of messages). Records every request and how often a channel was opened and closed.
 */
export class FakeKernel {
  readonly requests: SeenRequest[] = [];
  opened = 0;
  closed = 0;
  private queue: Uint8Array[] = [];

  constructor(private readonly answer: (request: SeenRequest) => Uint8Array[]) {}

  open = (): NetlinkChannel => {
    this.opened++;
    this.queue = [];
    return {
      send: (request) => {
        const seen = readRequest(request);
        this.requests.push(seen);
        this.queue.push(...this.answer(seen));
      },
      receive: (into) => {
        const datagram = this.queue.shift();
        if (!datagram) throw new Error('FakeKernel: receive with nothing queued');
        into.set(datagram.subarray(0, Math.min(datagram.length, into.length)));
        return datagram.length;
      },
      close: () => {
        this.closed++;
      },
    };
  };
}

/** A captured reply cut into datagrams of at most `perDatagram` messages, renumbered to `seq`. */
export function capturedDatagrams(
  table: CapturedTable,
  seq: number,
  perDatagram = 3,
): Uint8Array[] {
  const bytes = withSeq(capturedReply(table), seq);
  const bounds = messageBounds(bytes);
  const datagrams: Uint8Array[] = [];
  for (let i = 0; i < bounds.length; i += perDatagram) {
    const group = bounds.slice(i, i + perDatagram);
    const last = group[group.length - 1]!;
    datagrams.push(bytes.slice(group[0]![0], (last[1] + 3) & ~3));
  }
  return datagrams;
}

/** The capture that answers a dump request: by family (2, 10) and protocol (6, 17), or type. */
export function tableOf(request: SeenRequest): CapturedTable {
  if (request.type === 18) return 'tcp-both';
  const v6 = request.family === 10 ? '6' : '';
  return `${request.protocol === 6 ? 'tcp' : 'udp'}${v6}` as CapturedTable;
}

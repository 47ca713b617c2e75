// The sock_diag reader's pure parts on the kernel's own bytes (test/fixtures/linux/sock-diag,
// captured here), and its failure handling against a FakeKernel: requests encoded to the byte,
// replies decoded to the rows the /proc reader makes of the same sockets, tcp_info of every size
// a kernel may send, and a reader that never leaves half a table behind.
import { describe, expect, it } from 'vitest';
import type { RawSocket } from '../../shared/model';
import { NotSupported } from '../../electron/platform/errors';
import { AddressDecoder } from '../../electron/platform/linux/address-decoder';
import { parseProcNetTable } from '../../electron/platform/linux/proc-net-parser';
import { AddressText } from '../../electron/platform/address-text';
import { CONNECTION_STATES, TABLE_STATES } from '../../electron/platform/linux/sock-diag/constants';
import {
  decodeInetDiagSocket,
  readSocketIdentity,
  type DecodeContext,
} from '../../electron/platform/linux/sock-diag/inet-diag-message';
import { walkReply } from '../../electron/platform/linux/sock-diag/reply';
import {
  encodeDestroyRequest,
  encodeDumpRequest,
  encodeTcpDumpRequest,
} from '../../electron/platform/linux/sock-diag/requests';
import {
  SockDiagReader,
  SockDiagRefused,
} from '../../electron/platform/linux/sock-diag/sock-diag-reader';
import { readTcpCounters } from '../../electron/platform/linux/sock-diag/tcp-info';
import {
  FakeKernel,
  captureFacts as facts,
  capturedDatagrams,
  capturedProcText,
  capturedReply,
  concat,
  endMessage,
  messageBounds,
  tableOf,
  withSeq,
  type CapturedTable,
} from '../support/sock-diag-bytes';

function contextOf(bytes: Uint8Array): DecodeContext {
  return {
    bytes,
    view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    littleEndian: true,
    addresses: new AddressText(),
  };
}

/** Every socket in a captured reply, as the reader decodes it. */
function decodeCapture(table: CapturedTable, bytes = capturedReply(table)): RawSocket[] {
  const context = contextOf(bytes);
  const protocol = table.startsWith('tcp') ? 'tcp' : 'udp';
  const seq = facts.seq[table];
  const sockets: RawSocket[] = [];
  const progress = walkReply(context.view, bytes.length, seq, true, (_t, s, e) => {
    const socket = decodeInetDiagSocket(context, s, e, protocol);
    if (socket) sockets.push(socket);
  });
  expect(progress).toEqual({ done: true, errno: 0, interrupted: false, malformed: 0 });
  return sockets;
}

const find = (sockets: RawSocket[], localPort: number, remotePort: number | null = null) =>
  sockets.find((s) => s.localPort === localPort && s.remotePort === remotePort);

describe('sock_diag requests', () => {
  it('asks for one table as ss does: a 72-byte SOCK_DIAG_BY_FAMILY dump with tcp_info', () => {
    const bytes = encodeDumpRequest(7, 4, 'tcp', TABLE_STATES, true);
    const hex = Buffer.from(bytes).toString('hex');
    // nlmsghdr: len 72, type 20, flags 0x0301, seq 7, pid 0
    expect(hex.slice(0, 32)).toBe('48000000' + '1400' + '0103' + '07000000' + '00000000');
    // inet_diag_req_v2: AF_INET, IPPROTO_TCP, ext 1 << (INET_DIAG_INFO - 1), pad, states
    expect(hex.slice(32, 48)).toBe('02' + '06' + '02' + '00' + 'ffdfffff');
    expect(hex.slice(48)).toBe('00'.repeat(48)); // any socket
    const udp6 = encodeDumpRequest(8, 6, 'udp', TABLE_STATES, true);
    expect([udp6[16], udp6[17], udp6[18]]).toEqual([10, 17, 0]); // no tcp_info for UDP
  });

  it('asks for every TCP socket of both families at once with the older request', () => {
    const hex = Buffer.from(encodeTcpDumpRequest(7, TABLE_STATES, true)).toString('hex');
    // nlmsghdr: len 76, type 18 (TCPDIAG_GETSOCK), flags 0x0301, seq 7, pid 0
    expect(hex.slice(0, 32)).toBe('4c000000' + '1200' + '0103' + '07000000' + '00000000');
    // inet_diag_req: family, src_len, dst_len, ext (INET_DIAG_INFO), any socket, states, dbs
    expect(hex.slice(32)).toBe('02000002' + '00'.repeat(48) + 'ffdfffff' + '00000000');
  });

  it('leaves out only BOUND_INACTIVE from the table, and listeners, TIME_WAIT … from a close', () => {
    expect(TABLE_STATES.toString(16)).toBe('ffffdfff');
    const closable = [1, 2, 4, 5, 8, 9, 11].reduce((bits, state) => bits | (1 << state), 0);
    // States 1..13 (bit 0 names no state): ESTABLISHED … CLOSING, as ss -K destroys.
    expect(CONNECTION_STATES & 0x3ffe).toBe(closable);
  });

  it('destroys by the whole socket id the dump gave, cookie included, and asks for an ack', () => {
    const [identity] = tcpIdentities('tcp');
    const bytes = encodeDestroyRequest(9, 4, identity!.socketId, true);
    const view = new DataView(bytes.buffer);
    expect([view.getUint32(0, true), view.getUint16(4, true), view.getUint16(6, true)]).toEqual([
      72, 21, 0x05,
    ]);
    expect(bytes.slice(24)).toEqual(identity!.socketId);
    expect(() => encodeDestroyRequest(9, 4, new Uint8Array(16), true)).toThrow(RangeError);
  });
});

function tcpIdentities(table: CapturedTable) {
  const bytes = capturedReply(table);
  return messageBounds(bytes)
    .map(([start, end]) => readSocketIdentity(bytes, start + 16, end))
    .filter((identity) => identity !== null);
}

describe('sock_diag replies captured from the kernel', () => {
  it('reads TCP over IPv4: listener, both ends with their traffic, half-closed, TIME_WAIT', () => {
    const sockets = decodeCapture('tcp');
    const { listener, busyClient, halfClosedClient, timeWaitClient } = facts.tcp;
    expect(find(sockets, listener)).toMatchObject({
      protocol: 'tcp',
      family: 4,
      localAddress: '127.0.0.1',
      remoteAddress: null,
      state: 'LISTEN',
      socketUid: facts.uid,
      bytesSent: 0,
      bytesReceived: 0,
    });
    // The client connected (its SYN is in bytes_acked, 1,001) and sent 1,000 bytes, got 500.
    const client = find(sockets, busyClient.port, listener)!;
    expect(client).toMatchObject({
      remoteAddress: '127.0.0.1',
      state: 'ESTABLISHED',
      bytesSent: busyClient.sent,
      bytesReceived: busyClient.received,
    });
    expect(client.packetsSent).toBeGreaterThanOrEqual(3); // SYN, ACK, data …
    expect(client.packetsReceived).toBeGreaterThanOrEqual(2);
    expect(client.inode).toBeGreaterThan(0);
    expect(find(sockets, listener, busyClient.port)).toMatchObject({
      bytesSent: busyClient.received,
      bytesReceived: busyClient.sent,
    });
    // Half-closed: the client's FIN is acknowledged (FIN_WAIT2), the server has it (CLOSE_WAIT);
    // neither FIN is data.
    expect(find(sockets, halfClosedClient.port, listener)).toMatchObject({
      state: 'FIN_WAIT2',
      bytesSent: halfClosedClient.sent,
      bytesReceived: 0,
    });
    expect(find(sockets, listener, halfClosedClient.port)).toMatchObject({
      state: 'CLOSE_WAIT',
      bytesSent: 0,
      bytesReceived: halfClosedClient.sent,
    });
    // TIME_WAIT is a minisock: no inode, no owner, no tcp_info.
    expect(find(sockets, timeWaitClient, listener)).toMatchObject({
      state: 'TIME_WAIT',
      inode: null,
      socketUid: null,
      bytesSent: null,
      bytesReceived: null,
      packetsSent: null,
      packetsReceived: null,
    });
  });

  it('reads TCP over IPv6 and shows an IPv4 peer of a dual-stack socket as IPv4', () => {
    const sockets = decodeCapture('tcp6');
    expect(find(sockets, facts.tcp6.listener)).toMatchObject({
      family: 6,
      localAddress: '::1',
      state: 'LISTEN',
    });
    expect(find(sockets, facts.tcp6.client.port, facts.tcp6.listener)).toMatchObject({
      family: 6,
      localAddress: '::1',
      remoteAddress: '::1',
      bytesSent: facts.tcp6.client.sent,
    });
    expect(find(sockets, facts.dualStack.listener)).toMatchObject({ localAddress: '::' });
    expect(
      find(sockets, facts.dualStack.listener, facts.dualStack.mappedClient.port),
    ).toMatchObject({
      family: 6,
      localAddress: '127.0.0.1',
      remoteAddress: '127.0.0.1',
      bytesReceived: facts.dualStack.mappedClient.sent,
    });
  });

  it('reads UDP with no state and no counters (the kernel keeps none per UDP socket)', () => {
    const v4 = decodeCapture('udp');
    expect(find(v4, facts.udp.bound)).toMatchObject({
      protocol: 'udp',
      localAddress: '127.0.0.1',
      remoteAddress: null,
      state: null,
      bytesSent: null,
      packetsSent: null,
    });
    expect(find(v4, facts.udp.connected, facts.udp.bound)).toMatchObject({
      remoteAddress: '127.0.0.1',
      state: null,
    });
    expect(find(decodeCapture('udp6'), facts.udp.bound6)).toMatchObject({
      family: 6,
      localAddress: '::1',
    });
  });

  it('gives both families’ TCP sockets in one dump to the older request, the same rows', () => {
    const key = (s: RawSocket) => `${s.family} ${s.localPort} ${s.remotePort} ${s.state}`;
    const both = decodeCapture('tcp-both');
    const apart = [...decodeCapture('tcp'), ...decodeCapture('tcp6')];
    expect(new Set(both.map((s) => s.family))).toEqual(new Set([4, 6]));
    // Counters aside (traffic may have moved between the captures), the same sockets.
    const strip = (s: RawSocket) => ({ ...s, packetsSent: null, packetsReceived: null });
    expect([...both].map(strip).sort((a, b) => key(a).localeCompare(key(b)))).toEqual(
      [...apart].map(strip).sort((a, b) => key(a).localeCompare(key(b))),
    );
  });

  it('agrees with the /proc reader on every socket, field by field (counters aside)', () => {
    for (const table of ['tcp', 'tcp6', 'udp', 'udp6'] as const) {
      const protocol = table.startsWith('tcp') ? 'tcp' : 'udp';
      const family = table.endsWith('6') ? 6 : 4;
      const fromProc = parseProcNetTable(
        capturedProcText(table),
        protocol,
        family,
        new AddressDecoder(),
      );
      expect(fromProc.malformedLines).toBe(0);
      const withoutCounters = (s: RawSocket) => ({
        ...s,
        bytesSent: null,
        bytesReceived: null,
        packetsSent: null,
        packetsReceived: null,
      });
      const order = (a: RawSocket, b: RawSocket) =>
        a.localPort - b.localPort || (a.remotePort ?? 0) - (b.remotePort ?? 0);
      const fromSockDiag = decodeCapture(table).map(withoutCounters).sort(order);
      expect(fromSockDiag.length).toBeGreaterThan(0);
      expect(fromSockDiag).toEqual(fromProc.sockets.sort(order));
    }
  });
});

describe('tcp_info of every size a kernel sends', () => {
  // The busy client's tcp_info, cut or padded as an older or newer kernel would send it.
  function clientInfo(): { view: DataView; offset: number; length: number } {
    const bytes = capturedReply('tcp');
    const view = new DataView(bytes.buffer);
    for (const [start, end] of messageBounds(bytes)) {
      if (view.getUint16(start + 16 + 4, false) !== facts.tcp.busyClient.port) continue;
      for (let a = start + 16 + 72; a + 4 <= end; a += (view.getUint16(a, true) + 3) & ~3) {
        if (view.getUint16(a + 2, true) === 2) {
          return { view, offset: a + 4, length: view.getUint16(a, true) - 4 };
        }
      }
    }
    throw new Error('busy client not in the capture');
  }
  const ESTABLISHED = 1;

  it('reads this kernel’s 280 bytes whole', () => {
    const { view, offset, length } = clientInfo();
    expect(length).toBe(280);
    expect(readTcpCounters(view, offset, length, ESTABLISHED, true)).toMatchObject({
      bytesSent: 1000,
      bytesReceived: 500,
    });
  });

  it('reads only the fields that were sent, and takes the SYN off only when it can tell', () => {
    const { view, offset } = clientInfo();
    // Linux 4.19+ (bytes_sent and bytes_retrans): the SYN comes off.
    expect(readTcpCounters(view, offset, 216, ESTABLISHED, true).bytesSent).toBe(1000);
    // Linux 4.2–4.18: packets, and bytes_acked as it is (the SYN's byte included).
    const older = readTcpCounters(view, offset, 144, ESTABLISHED, true);
    expect(older.bytesSent).toBe(1001);
    expect(older.bytesReceived).toBe(500);
    expect(older.packetsSent).toBeGreaterThan(0);
    // Linux 4.1: bytes but no segment counts.
    expect(readTcpCounters(view, offset, 136, ESTABLISHED, true)).toMatchObject({
      bytesSent: 1001,
      packetsSent: null,
      packetsReceived: null,
    });
    // Before 4.1 (104 bytes): nothing.
    expect(readTcpCounters(view, offset, 104, ESTABLISHED, true)).toEqual({
      bytesSent: null,
      bytesReceived: null,
      packetsSent: null,
      packetsReceived: null,
    });
  });

  it('reads a longer tcp_info from a newer kernel the same way', () => {
    const { view, offset, length } = clientInfo();
    const longer = new Uint8Array(length + 64);
    longer.set(new Uint8Array(view.buffer, offset, length));
    expect(
      readTcpCounters(new DataView(longer.buffer), 0, longer.length, ESTABLISHED, true),
    ).toEqual(readTcpCounters(view, offset, length, ESTABLISHED, true));
  });

  it('decodes a whole message whose tcp_info is short', () => {
    const bytes = capturedReply('tcp').slice();
    const view = new DataView(bytes.buffer);
    const [start, end] = messageBounds(bytes).find(
      ([s]) => view.getUint16(s + 20, false) === facts.tcp.busyClient.port,
    )!;
    for (let a = start + 88; a + 4 <= end; a += (view.getUint16(a, true) + 3) & ~3) {
      if (view.getUint16(a + 2, true) !== 2) continue;
      view.setUint16(a, 4 + 136, true); // as a 4.1 kernel sends it
      break;
    }
    const socket = decodeInetDiagSocket(contextOf(bytes), start + 16, end, 'tcp');
    expect(socket).toMatchObject({ bytesSent: 1001, bytesReceived: 500, packetsSent: null });
  });
});

describe('walking a reply', () => {
  const seq = facts.seq.tcp;

  it('skips messages of an earlier request and stops at the end of this one', () => {
    const stale = withSeq(capturedReply('udp'), 5);
    const bytes = concat(stale, withSeq(capturedReply('tcp'), seq));
    const seen: number[] = [];
    const progress = walkReply(new DataView(bytes.buffer), bytes.length, seq, true, (type) =>
      seen.push(type),
    );
    expect(progress.done).toBe(true);
    expect(seen.length).toBe(messageBounds(capturedReply('tcp')).length - 1);
  });

  it('reports the errno of an NLMSG_ERROR or of an NLMSG_DONE that ends a dump early', () => {
    const error = endMessage(2, seq, 2); // ENOENT: no such diag module
    expect(walkReply(new DataView(error.buffer), error.length, seq, true, () => {})).toEqual({
      done: true,
      errno: 2,
      interrupted: false,
      malformed: 0,
    });
    const done = endMessage(3, seq, 4);
    expect(walkReply(new DataView(done.buffer), done.length, seq, true, () => {}).errno).toBe(4);
    const ack = endMessage(2, seq, 0);
    expect(walkReply(new DataView(ack.buffer), ack.length, seq, true, () => {})).toMatchObject({
      done: true,
      errno: 0,
    });
  });

  it('notices an interrupted dump, and counts a cut message as malformed without reading past it', () => {
    const bytes = withSeq(capturedReply('tcp'), seq);
    new DataView(bytes.buffer).setUint16(6, 0x12, true); // NLM_F_MULTI | NLM_F_DUMP_INTR
    expect(
      walkReply(new DataView(bytes.buffer), bytes.length, seq, true, () => {}).interrupted,
    ).toBe(true);
    const cut = capturedReply('tcp').slice(0, 100);
    const progress = walkReply(new DataView(cut.buffer), cut.length, seq, true, () => {
      throw new Error('a cut message must not be decoded');
    });
    expect(progress).toMatchObject({ done: false, malformed: 100 });
  });

  it('refuses a message too short for an inet_diag_msg, or of an unknown family', () => {
    const bytes = capturedReply('tcp').slice();
    const [start, end] = messageBounds(bytes)[0]!;
    expect(decodeInetDiagSocket(contextOf(bytes), start + 16, start + 16 + 71, 'tcp')).toBeNull();
    bytes[start + 16] = 1; // AF_UNIX
    expect(decodeInetDiagSocket(contextOf(bytes), start + 16, end, 'tcp')).toBeNull();
    expect(readSocketIdentity(bytes, start + 16, end)).toBeNull();
  });
});

describe('SockDiagReader against a kernel that misbehaves', () => {
  const replaying = () =>
    new FakeKernel((request) => capturedDatagrams(tableOf(request), request.seq, 2));

  it('reads all TCP in one request, and per family from then on if the kernel refuses it', () => {
    let legacyAnswer: number | null = null;
    const kernel = new FakeKernel((request) =>
      request.type === 18 && legacyAnswer !== null
        ? [endMessage(2, request.seq, legacyAnswer)]
        : capturedDatagrams(tableOf(request), request.seq),
    );
    const reader = new SockDiagReader({ open: kernel.open, littleEndian: true });
    const one: RawSocket[] = [];
    reader.readTcp(TABLE_STATES, one);
    expect(one).toEqual(decodeCapture('tcp-both'));
    expect(kernel.requests.map((r) => r.type)).toEqual([18]);

    const refusing = new FakeKernel((request) =>
      request.type === 18
        ? [endMessage(2, request.seq, 22)] // EINVAL: a kernel without the older request
        : capturedDatagrams(tableOf(request), request.seq),
    );
    const fallback = new SockDiagReader({ open: refusing.open, littleEndian: true });
    for (let poll = 0; poll < 2; poll++) {
      const sockets: RawSocket[] = [];
      fallback.readTcp(TABLE_STATES, sockets);
      expect(sockets).toEqual([...decodeCapture('tcp'), ...decodeCapture('tcp6')]);
    }
    // Asked once; per family after that.
    expect(refusing.requests.map((r) => [r.type, r.family])).toEqual([
      [18, 2],
      [20, 2],
      [20, 10],
      [20, 2],
      [20, 10],
    ]);
    // Any other failure is not taken for a refusal of the request: it is passed on.
    legacyAnswer = 16; // EBUSY
    expect(() => reader.readTcp(TABLE_STATES, [])).toThrow(SockDiagRefused);
  });

  it('reads a table sent in many datagrams, and numbers each request anew', () => {
    const kernel = replaying();
    const reader = new SockDiagReader({ open: kernel.open, littleEndian: true });
    const sockets: RawSocket[] = [];
    reader.readTable('tcp', 4, TABLE_STATES, sockets);
    reader.readTable('udp', 6, TABLE_STATES, sockets);
    expect(sockets).toEqual([...decodeCapture('tcp'), ...decodeCapture('udp6')]);
    expect(kernel.requests.map((r) => [r.seq, r.family, r.protocol, r.ext])).toEqual([
      [1, 2, 6, 2],
      [2, 10, 17, 0],
    ]);
    expect(kernel.opened).toBe(1);
  });

  it('adds no rows when the kernel refuses, and starts on a new socket afterwards', () => {
    let refuse = true;
    const kernel = new FakeKernel((request) =>
      refuse
        ? [concat(capturedDatagrams('tcp', request.seq, 2)[0]!, endMessage(3, request.seq, 2))]
        : capturedDatagrams(tableOf(request), request.seq),
    );
    const reader = new SockDiagReader({ open: kernel.open, littleEndian: true });
    const sockets: RawSocket[] = [];
    expect(() => reader.readTable('tcp', 4, TABLE_STATES, sockets)).toThrow(SockDiagRefused);
    expect(sockets).toEqual([]);
    expect(kernel.closed).toBe(1);
    refuse = false;
    reader.readTable('tcp', 4, TABLE_STATES, sockets);
    expect(sockets.length).toBe(decodeCapture('tcp').length);
    expect(kernel.opened).toBe(2);
  });

  it('reads a reply larger than its buffer again, whole, with a larger buffer', () => {
    let first = true;
    const kernel = new FakeKernel((request) => {
      const whole = withSeq(capturedReply('tcp'), request.seq);
      if (!first) return [whole];
      first = false;
      const big = new Uint8Array(100_000); // more than the 64 KiB buffer: cut on receive
      big.set(whole);
      return [big];
    });
    const reader = new SockDiagReader({ open: kernel.open, littleEndian: true });
    const sockets: RawSocket[] = [];
    reader.readTable('tcp', 4, TABLE_STATES, sockets);
    expect(sockets).toEqual(decodeCapture('tcp'));
    expect(kernel.requests).toHaveLength(2);
  });

  it('passes on a channel that cannot be opened', () => {
    const reader = new SockDiagReader({
      open: () => {
        throw new NotSupported('no netlink here');
      },
    });
    expect(() => reader.readTable('tcp', 4, TABLE_STATES, [])).toThrow(/no netlink here/);
  });
});

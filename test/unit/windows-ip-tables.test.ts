// The Windows table decoders on byte buffers laid out as the documented structs (x64):
// MIB_TCPTABLE_OWNER_PID / MIB_TCP6TABLE_OWNER_PID / MIB_UDPTABLE_OWNER_PID /
// MIB_UDP6TABLE_OWNER_PID (tcpmib.h, udpmib.h; links in electron/platform/windows/ip-tables.ts).
// Real tables from Wine are read in test/integration/windows-wine.test.ts.
import { describe, expect, it } from 'vitest';
import { AddressText } from '../../electron/platform/address-text';
import { AccessDenied, PlatformError } from '../../electron/platform/errors';
import { GrowingBuffer } from '../../electron/platform/windows/growing-buffer';
import {
  TCP6_ROW_SIZE,
  TCP_ROW_SIZE,
  decodeTcpTable,
  decodeUdpTable,
} from '../../electron/platform/windows/ip-tables';
import { tcpStateFromMib } from '../../electron/platform/windows/tcp-states';
import { translateWin32Error } from '../../electron/platform/windows/win32-errors';

/** A DWORD port: the port in network order in the first two bytes, garbage in the others. */
function port(value: number, garbage = 0xabcd): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt16BE(value, 0);
  bytes.writeUInt16LE(garbage, 2);
  return bytes;
}
const dword = (value: number) => {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32LE(value >>> 0, 0);
  return bytes;
};
const v4 = (text: string) => Buffer.from(text.split('.').map(Number));
function v6(words: number[]): Buffer {
  const bytes = Buffer.alloc(16);
  words.forEach((word, i) => bytes.writeUInt16BE(word, i * 2));
  return bytes;
}
const table = (rows: Buffer[], count = rows.length) => Buffer.concat([dword(count), ...rows]);

/** MIB_TCPROW_OWNER_PID: dwState, dwLocalAddr, dwLocalPort, dwRemoteAddr, dwRemotePort, pid. */
function tcpRow(
  state: number,
  local: string,
  lport: number,
  remote: string,
  rport: number,
  pid: number,
) {
  return Buffer.concat([dword(state), v4(local), port(lport), v4(remote), port(rport), dword(pid)]);
}

/** MIB_TCP6ROW_OWNER_PID: local addr, scope, port, remote addr, scope, port, state, pid. */
function tcp6Row(
  local: Buffer,
  localScope: number,
  lport: number,
  remote: Buffer,
  remoteScope: number,
  rport: number,
  state: number,
  pid: number,
) {
  return Buffer.concat([
    local,
    dword(localScope),
    port(lport),
    remote,
    dword(remoteScope),
    port(rport),
    dword(state),
    dword(pid),
  ]);
}

describe('MIB_TCP_STATE', () => {
  it('maps every documented state (1–12) onto the shared names', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map(tcpStateFromMib)).toEqual([
      'CLOSE',
      'LISTEN',
      'SYN_SENT',
      'SYN_RECV',
      'ESTABLISHED',
      'FIN_WAIT1',
      'FIN_WAIT2',
      'CLOSE_WAIT',
      'CLOSING',
      'LAST_ACK',
      'TIME_WAIT',
      'CLOSE',
    ]);
    expect(tcpStateFromMib(0)).toBeUndefined();
    expect(tcpStateFromMib(13)).toBeUndefined();
  });
});

describe('decodeTcpTable', () => {
  it('decodes IPv4 rows: addresses and ports in network order, state, owning pid', () => {
    const bytes = table([
      tcpRow(2, '0.0.0.0', 445, '0.0.0.0', 0, 4),
      tcpRow(5, '192.168.1.20', 50123, '93.184.216.34', 443, 8124),
      tcpRow(11, '127.0.0.1', 8080, '127.0.0.1', 61000, 0),
    ]);
    expect(bytes.length).toBe(4 + 3 * TCP_ROW_SIZE);
    const { rows, malformed } = decodeTcpTable(bytes, bytes.length, 4, new AddressText());
    expect(malformed).toBe(0);
    expect(rows.map((row) => row.socket)).toEqual([
      expect.objectContaining({
        protocol: 'tcp',
        family: 4,
        localAddress: '0.0.0.0',
        localPort: 445,
        remoteAddress: null,
        remotePort: null,
        state: 'LISTEN',
        pid: 4,
        inode: null,
        socketUid: null,
        bytesSent: null,
      }),
      expect.objectContaining({
        localAddress: '192.168.1.20',
        localPort: 50123,
        remoteAddress: '93.184.216.34',
        remotePort: 443,
        state: 'ESTABLISHED',
        pid: 8124,
      }),
      expect.objectContaining({ localPort: 8080, remotePort: 61000, state: 'TIME_WAIT', pid: 0 }),
    ]);
    expect(rows.map((row) => row.stateCode)).toEqual([2, 5, 11]);
  });

  it('decodes IPv6 rows with their scope ids, RFC 5952 text, and IPv4-mapped peers as IPv4', () => {
    const linkLocal = v6([0xfe80, 0, 0, 0, 0x1234, 0x5678, 0x9abc, 0xdef0]);
    const bytes = table([
      tcp6Row(v6([0, 0, 0, 0, 0, 0, 0, 0]), 0, 135, v6([0, 0, 0, 0, 0, 0, 0, 0]), 0, 0, 2, 1044),
      tcp6Row(linkLocal, 12, 49700, v6([0xfe80, 0, 0, 0, 0, 0, 0, 1]), 12, 22, 5, 77),
      tcp6Row(
        v6([0, 0, 0, 0, 0, 0xffff, 0x7f00, 1]),
        0,
        3000,
        v6([0, 0, 0, 0, 0, 0xffff, 0x7f00, 1]),
        0,
        4000,
        5,
        9,
      ),
      tcp6Row(
        v6([0x2001, 0xdb8, 0, 0, 0, 0, 0, 1]),
        0,
        443,
        v6([0x2001, 0xdb8, 0, 1, 0, 0, 0, 0x2a]),
        0,
        50000,
        8,
        10,
      ),
    ]);
    expect(bytes.length).toBe(4 + 4 * TCP6_ROW_SIZE);
    const { rows } = decodeTcpTable(bytes, bytes.length, 6, new AddressText());
    expect(
      rows.map((row) => [row.socket.localAddress, row.socket.remoteAddress, row.socket.state]),
    ).toEqual([
      ['::', null, 'LISTEN'],
      ['fe80::1234:5678:9abc:def0', 'fe80::1', 'ESTABLISHED'],
      ['127.0.0.1', '127.0.0.1', 'ESTABLISHED'],
      ['2001:db8::1', '2001:db8:0:1::2a', 'CLOSE_WAIT'],
    ]);
    expect(rows[1]).toMatchObject({ localScopeId: 12, remoteScopeId: 12 });
    expect(rows[1]!.socket).toMatchObject({ family: 6, localPort: 49700, remotePort: 22, pid: 77 });
  });

  it('counts entries it cannot use: unknown states and rows cut off by the buffer', () => {
    const bytes = table(
      [tcpRow(5, '10.0.0.1', 1, '10.0.0.2', 2, 1), tcpRow(99, '10.0.0.1', 3, '10.0.0.2', 4, 1)],
      3,
    );
    const { rows, malformed } = decodeTcpTable(bytes, bytes.length, 4, new AddressText());
    expect(rows).toHaveLength(1);
    // One unknown state, one announced row that is not in the buffer.
    expect(malformed).toBe(2);
    expect(decodeTcpTable(Buffer.alloc(2), 2, 4, new AddressText())).toEqual({
      rows: [],
      malformed: 1,
    });
  });

  it('reads only the entries announced, whatever the buffer holds after them', () => {
    const bytes = Buffer.concat([
      table([tcpRow(5, '10.0.0.1', 1, '10.0.0.2', 2, 1)]),
      Buffer.alloc(100, 0xff),
    ]);
    expect(decodeTcpTable(bytes, bytes.length, 4, new AddressText()).rows).toHaveLength(1);
  });
});

describe('decodeUdpTable', () => {
  it('decodes IPv4 and IPv6 rows (local endpoint and pid only)', () => {
    const udp4 = table([
      Buffer.concat([v4('0.0.0.0'), port(5353), dword(2288)]),
      Buffer.concat([v4('127.0.0.1'), port(53), dword(0)]),
    ]);
    const format = new AddressText();
    expect(decodeUdpTable(udp4, udp4.length, 4, format)).toEqual({
      rows: [
        expect.objectContaining({
          protocol: 'udp',
          family: 4,
          localAddress: '0.0.0.0',
          localPort: 5353,
          pid: 2288,
          remoteAddress: null,
          state: null,
        }),
        expect.objectContaining({ localAddress: '127.0.0.1', localPort: 53, pid: 0 }),
      ],
      malformed: 0,
    });
    const udp6 = table([
      Buffer.concat([v6([0, 0, 0, 0, 0, 0, 0, 1]), dword(0), port(5355), dword(1500)]),
    ]);
    expect(udp6.length).toBe(4 + 28);
    expect(decodeUdpTable(udp6, udp6.length, 6, format).rows).toEqual([
      expect.objectContaining({ family: 6, localAddress: '::1', localPort: 5355, pid: 1500 }),
    ]);
  });
});

describe('GrowingBuffer (the grow-and-retry loop)', () => {
  it('grows to the size ERROR_INSUFFICIENT_BUFFER asked for, and keeps it for the next call', () => {
    const growing = new GrowingBuffer(64);
    const sizes: number[] = [];
    const call = (buffer: Buffer, size: [number]) => {
      sizes.push(buffer.length);
      if (buffer.length < 10_000) {
        size[0] = 10_000;
        return 122;
      }
      buffer.writeUInt32LE(0, 0);
      return 0;
    };
    const filled = growing.fill(call, 'the TCP table');
    expect(filled.length).toBeGreaterThanOrEqual(10_000);
    expect(sizes).toEqual([64, filled.length]);
    growing.fill(call, 'the TCP table');
    expect(sizes).toHaveLength(3);
  });

  it('gives up with a clear error when the table keeps outgrowing the buffer', () => {
    const growing = new GrowingBuffer(64, 1 << 20);
    const call = (buffer: Buffer, size: [number]) => {
      size[0] = buffer.length * 4;
      return 122;
    };
    expect(() => growing.fill(call, 'the TCP table')).toThrow(/kept growing/);
  });

  it('translates other failures: 5 and 317 mean "run as administrator"', () => {
    const growing = new GrowingBuffer(64);
    expect(() => growing.fill(() => 5, 'the TCP table')).toThrow(AccessDenied);
    expect(() => growing.fill(() => 5, 'the TCP table')).toThrow(/Run as administrator/i);
    const denied = translateWin32Error(317, 'the connection');
    expect(denied).toBeInstanceOf(AccessDenied);
    expect(translateWin32Error(87, 'process 12', { process: true }).code).toBe('NO_SUCH_PROCESS');
    expect(translateWin32Error(50, 'the TCP table').code).toBe('NOT_SUPPORTED');
    const other = translateWin32Error(1234, 'the TCP table');
    expect(other).toBeInstanceOf(PlatformError);
    expect(other.message).toMatch(/error 1234/);
  });
});

// The /proc/net parsers on text captured from this machine (test/fixtures/linux/README.md).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  AddressDecoder,
  decodeProcNetAddress,
} from '../../electron/platform/linux/address-decoder';
import { parseProcNetLine, parseProcNetTable } from '../../electron/platform/linux/proc-net-parser';
import { NO_TRAFFIC_COUNTERS, TCP_STATES } from '../../shared/model';

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/linux/${name}`, import.meta.url), 'latin1');

describe('decodeProcNetAddress', () => {
  it('decodes a little-endian IPv4 word', () => {
    expect(decodeProcNetAddress('0100007F')).toBe('127.0.0.1');
    expect(decodeProcNetAddress('0500000A')).toBe('10.0.0.5');
    expect(decodeProcNetAddress('00000000')).toBe('0.0.0.0');
  });

  it('decodes IPv6 as four host-order words, compressed per RFC 5952', () => {
    expect(decodeProcNetAddress('00000000000000000000000001000000')).toBe('::1');
    expect(decodeProcNetAddress('00000000000000000000000000000000')).toBe('::');
    expect(decodeProcNetAddress('B80D0120000000000000000001000000')).toBe('2001:db8::1');
    expect(decodeProcNetAddress('B80D012001000000000000002A000000')).toBe('2001:db8:0:1::2a');
    // fe80::1234:5678:9abc:def0: RFC 5952 lower case, longest zero run compressed
    expect(decodeProcNetAddress('000080FE0000000078563412F0DEBC9A')).toBe(
      'fe80::1234:5678:9abc:def0',
    );
  });

  it('shows IPv4-mapped IPv6 as IPv4', () => {
    expect(decodeProcNetAddress('0000000000000000FFFF00000100007F')).toBe('127.0.0.1');
  });

  it('decodes big-endian words when asked', () => {
    expect(decodeProcNetAddress('7F000001', false)).toBe('127.0.0.1');
  });

  it('rejects text that is not an address', () => {
    expect(decodeProcNetAddress('0100007G')).toBeNull();
    expect(decodeProcNetAddress('0100007')).toBeNull();
    expect(decodeProcNetAddress('')).toBeNull();
  });
});

describe('AddressDecoder', () => {
  it('answers from its cache and stays within its bound', () => {
    const decoder = new AddressDecoder(2);
    expect(decoder.decode('0100007F')).toBe('127.0.0.1');
    expect(decoder.decode('0100007F')).toBe('127.0.0.1');
    expect(decoder.size).toBe(1);
    decoder.decode('0200007F');
    decoder.decode('0300007F');
    expect(decoder.size).toBe(2);
    expect(decoder.decode('0100007F')).toBe('127.0.0.1');
  });
});

describe('parseProcNetLine', () => {
  it('reads the worked example', () => {
    const line =
      '   0: 0100007F:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 12345 1 0000000000000000 100 0 0 10 0';
    expect(parseProcNetLine(line, 'tcp', 4)).toEqual({
      protocol: 'tcp',
      family: 4,
      localAddress: '127.0.0.1',
      localPort: 22,
      remoteAddress: null,
      remotePort: null,
      state: 'LISTEN',
      inode: 12345,
      socketUid: 0,
      pid: null,
      ...NO_TRAFFIC_COUNTERS,
    });
  });
});

describe('parseProcNetTable on captured tables', () => {
  it('reads tcp: listeners, established pairs and TIME_WAIT', () => {
    const { sockets, malformedLines } = parseProcNetTable(fixture('proc/net/tcp'), 'tcp', 4);
    expect(malformedLines).toBe(0);
    expect(sockets).toHaveLength(6);
    expect(sockets).toContainEqual({
      protocol: 'tcp',
      family: 4,
      localAddress: '127.0.0.1',
      localPort: 47001,
      remoteAddress: null,
      remotePort: null,
      state: 'LISTEN',
      inode: 21845,
      socketUid: 0,
      pid: null,
      ...NO_TRAFFIC_COUNTERS,
    });
    expect(sockets).toContainEqual(
      expect.objectContaining({
        localAddress: '127.0.0.1',
        localPort: 47001,
        remoteAddress: '127.0.0.1',
        remotePort: 56872,
        state: 'ESTABLISHED',
        inode: 21872,
      }),
    );
    const timeWait = sockets.find((s) => s.state === 'TIME_WAIT');
    // TIME_WAIT has no socket inode and its uid column is a placeholder.
    expect(timeWait).toMatchObject({ localPort: 56878, remotePort: 47001, inode: null });
    expect(timeWait?.socketUid).toBeNull();
  });

  it('reads tcp6: ::1, the dual-stack listener and IPv4-mapped peers shown as IPv4', () => {
    const { sockets, malformedLines } = parseProcNetTable(fixture('proc/net/tcp6'), 'tcp', 6);
    expect(malformedLines).toBe(0);
    expect(sockets).toContainEqual(
      expect.objectContaining({ localAddress: '::1', localPort: 47002, state: 'LISTEN' }),
    );
    expect(sockets).toContainEqual(
      expect.objectContaining({
        localAddress: '::',
        localPort: 47003,
        remoteAddress: null,
        state: 'LISTEN',
      }),
    );
    const mapped = sockets.find((s) => s.localPort === 47003 && s.state === 'ESTABLISHED');
    // The socket is tcp6 (family 6) but its addresses are written as IPv4.
    expect(mapped).toMatchObject({
      family: 6,
      localAddress: '127.0.0.1',
      remoteAddress: '127.0.0.1',
      remotePort: 48246,
    });
    expect(sockets.every((s) => s.family === 6 && s.protocol === 'tcp')).toBe(true);
  });

  it('reads udp and udp6: bound and connected, with no TCP state', () => {
    const udp = parseProcNetTable(fixture('proc/net/udp'), 'udp', 4);
    const udp6 = parseProcNetTable(fixture('proc/net/udp6'), 'udp', 6);
    expect(udp.malformedLines + udp6.malformedLines).toBe(0);
    expect(udp.sockets).toContainEqual(
      expect.objectContaining({
        localAddress: '127.0.0.1',
        localPort: 47004,
        remoteAddress: null,
        remotePort: null,
        state: null,
      }),
    );
    expect(udp.sockets).toContainEqual(
      expect.objectContaining({ remoteAddress: '127.0.0.1', remotePort: 47004, state: null }),
    );
    expect(udp6.sockets).toContainEqual(
      expect.objectContaining({ localAddress: '::1', localPort: 47005, remoteAddress: null }),
    );
    expect(udp6.sockets).toContainEqual(
      expect.objectContaining({ remoteAddress: '::1', remotePort: 47005, state: null }),
    );
  });

  it('names every TCP state of tcp_states.h', () => {
    const { sockets, malformedLines } = parseProcNetTable(fixture('tcp-every-state.txt'), 'tcp', 4);
    expect(malformedLines).toBe(0);
    expect(sockets.map((s) => s.state)).toEqual([...TCP_STATES]);
  });

  it('reads a global IPv6 pair owned by another uid', () => {
    const { sockets } = parseProcNetTable(fixture('tcp6-global-nobody.txt'), 'tcp', 6);
    expect(sockets).toEqual([
      expect.objectContaining({
        localAddress: '2001:db8::1',
        localPort: 443,
        remoteAddress: '2001:db8:0:1::2a',
        remotePort: 50000,
        state: 'ESTABLISHED',
        socketUid: 65534,
      }),
    ]);
  });

  it('skips and counts malformed lines without losing the good ones', () => {
    const { sockets, malformedLines } = parseProcNetTable(fixture('tcp-malformed.txt'), 'tcp', 4);
    expect(malformedLines).toBe(6);
    expect(sockets.map((s) => s.localPort)).toEqual([47001, 2024]);
  });

  it('treats a table with only its header (no sockets) as empty', () => {
    const header = fixture('proc/net/udp').split('\n')[0]!;
    expect(parseProcNetTable(`${header}\n`, 'udp', 4)).toEqual({ sockets: [], malformedLines: 0 });
  });
});

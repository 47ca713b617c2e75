// The Windows process and statistics decoders on byte buffers laid out as the documented x64
// structs (PROCESSENTRY32W, FILETIME, UNICODE_STRING, ENUM_SERVICE_STATUS_PROCESSW,
// VS_VERSIONINFO, TCP_ESTATS_DATA_ROD_v0, MIB_TCPROW, MIB_TCP6ROW; links beside each decoder).
import { describe, expect, it } from 'vitest';
import { TCP_ESTATS_DATA_ROD_SIZE, decodeEstatsData } from '../../electron/platform/windows/estats';
import {
  ENUM_SERVICE_STATUS_PROCESSW_SIZE,
  PROCESSENTRY32W_SIZE,
  accountName,
  decodeProcessEntry,
  decodeRemoteUnicodeString,
  decodeServiceProcesses,
  decodeUnicodeStringInBuffer,
  filetimeToEpochMs,
  pebAddressOf,
} from '../../electron/platform/windows/process-decoders';
import {
  MIB_TCP6ROW_SIZE,
  MIB_TCPROW_SIZE,
  encodeTcp6Row,
  encodeTcpRow,
} from '../../electron/platform/windows/tcp-row-encoding';
import { decodeVersionInfo } from '../../electron/platform/windows/version-info';

const utf16z = (text: string) => Buffer.from(`${text}\0`, 'utf16le');

describe('PROCESSENTRY32W', () => {
  it('reads pid @8, parent @32 and szExeFile @44', () => {
    const entry = Buffer.alloc(PROCESSENTRY32W_SIZE);
    entry.writeUInt32LE(PROCESSENTRY32W_SIZE, 0);
    entry.writeUInt32LE(1044, 8);
    entry.writeUInt32LE(12, 28); // cntThreads
    entry.writeUInt32LE(712, 32);
    utf16z('svchost.exe').copy(entry, 44);
    expect(PROCESSENTRY32W_SIZE).toBe(568);
    expect(decodeProcessEntry(entry)).toEqual({ pid: 1044, parentPid: 712, name: 'svchost.exe' });
  });

  it('stops a name at MAX_PATH characters when no NUL comes', () => {
    const entry = Buffer.alloc(PROCESSENTRY32W_SIZE, 0x41);
    expect(decodeProcessEntry(entry).name).toHaveLength(260);
  });
});

describe('FILETIME', () => {
  it('converts 100-ns intervals since 1601 to Unix milliseconds', () => {
    expect(filetimeToEpochMs(116444736000000000n)).toBe(0);
    // 2024-01-01T00:00:00Z
    expect(filetimeToEpochMs(133485408000000000n)).toBe(Date.UTC(2024, 0, 1));
    expect(filetimeToEpochMs(0n)).toBeNull();
  });
});

describe('UNICODE_STRING', () => {
  it('decodes a command line that points into the same buffer', () => {
    const base = 0x7ff6_1000_0000n;
    const text = '"C:\\Windows\\system32\\svchost.exe" -k netsvcs -p';
    const bytes = Buffer.alloc(16 + text.length * 2 + 2);
    bytes.writeUInt16LE(text.length * 2, 0);
    bytes.writeUInt16LE(text.length * 2 + 2, 2);
    bytes.writeBigUInt64LE(base + 16n, 8);
    bytes.write(text, 16, 'utf16le');
    expect(decodeUnicodeStringInBuffer(bytes, base)).toBe(text);
  });

  it('refuses a pointer outside the buffer', () => {
    const bytes = Buffer.alloc(64);
    bytes.writeUInt16LE(20, 0);
    bytes.writeBigUInt64LE(0x1000n, 8);
    expect(decodeUnicodeStringInBuffer(bytes, 0x9000n)).toBeNull();
  });

  it('reads the remote form and the PEB address (PROCESS_BASIC_INFORMATION.PebBaseAddress @8)', () => {
    const header = Buffer.alloc(16);
    header.writeUInt16LE(42, 0);
    header.writeBigUInt64LE(0x1234_5678n, 8);
    expect(decodeRemoteUnicodeString(header)).toEqual({ lengthBytes: 42, address: 0x1234_5678n });
    const basic = Buffer.alloc(48);
    basic.writeBigUInt64LE(0xa000_0000n, 8);
    expect(pebAddressOf(basic)).toBe(0xa000_0000n);
  });

  it('writes accounts as DOMAIN\\user', () => {
    expect(accountName('NT AUTHORITY', 'SYSTEM')).toBe('NT AUTHORITY\\SYSTEM');
    expect(accountName('', 'alice')).toBe('alice');
  });
});

describe('ENUM_SERVICE_STATUS_PROCESSW', () => {
  it('groups service names by hosting pid (dwProcessId @44), names pointing into the buffer', () => {
    const base = 0x2000_0000n;
    const services: [string, number][] = [
      ['Dnscache', 1880],
      ['Dhcp', 1880],
      ['Spooler', 2600],
      ['Stopped', 0],
    ];
    const array = services.length * ENUM_SERVICE_STATUS_PROCESSW_SIZE;
    const strings = services.map(([name]) => utf16z(name));
    const bytes = Buffer.alloc(array + strings.reduce((sum, s) => sum + s.length, 0));
    let at = array;
    services.forEach(([, pid], i) => {
      const entry = i * ENUM_SERVICE_STATUS_PROCESSW_SIZE;
      bytes.writeBigUInt64LE(base + BigInt(at), entry); // lpServiceName
      bytes.writeBigUInt64LE(base + BigInt(at), entry + 8); // lpDisplayName (same text here)
      bytes.writeUInt32LE(0x20, entry + 16); // dwServiceType: SERVICE_WIN32_SHARE_PROCESS
      bytes.writeUInt32LE(4, entry + 20); // dwCurrentState: SERVICE_RUNNING
      bytes.writeUInt32LE(pid, entry + 44);
      strings[i]!.copy(bytes, at);
      at += strings[i]!.length;
    });
    expect(decodeServiceProcesses(bytes, services.length, base)).toEqual(
      new Map([
        [1880, ['Dnscache', 'Dhcp']],
        [2600, ['Spooler']],
      ]),
    );
  });
});

/** One VS_VERSIONINFO-style node: header, key, padding, value, padding, children. */
function versionNode(key: string, value: Buffer | string | null, children: Buffer[] = []): Buffer {
  const text = typeof value === 'string';
  const valueBytes = value === null ? Buffer.alloc(0) : text ? utf16z(value) : value;
  const pad = (buffer: Buffer) =>
    Buffer.concat([buffer, Buffer.alloc((4 - (buffer.length % 4)) % 4)]);
  const head = pad(Buffer.concat([Buffer.alloc(6), utf16z(key)]));
  const body = Buffer.concat([head, pad(valueBytes), ...children.map(pad)]);
  body.writeUInt16LE(body.length, 0);
  body.writeUInt16LE(text ? (value as string).length + 1 : valueBytes.length, 2);
  body.writeUInt16LE(text ? 1 : 0, 4);
  return body;
}

function fixedFileInfo(ms: number, ls: number): Buffer {
  const info = Buffer.alloc(52);
  info.writeUInt32LE(0xfeef04bd, 0);
  info.writeUInt32LE(0x00010000, 4);
  info.writeUInt32LE(ms, 8);
  info.writeUInt32LE(ls, 12);
  return info;
}

function translation(language: number, codePage: number): Buffer {
  const value = Buffer.alloc(4);
  value.writeUInt16LE(language, 0);
  value.writeUInt16LE(codePage, 2);
  return versionNode('VarFileInfo', null, [versionNode('Translation', value)]);
}

describe('decodeVersionInfo (VS_VERSIONINFO)', () => {
  const englishTable = versionNode('040904b0', null, [
    versionNode('CompanyName', 'PostgreSQL Global Development Group'),
    versionNode('FileDescription', 'PostgreSQL Server'),
    versionNode('FileVersion', '16.2'),
    versionNode('ProductName', 'PostgreSQL'),
  ]);

  it('reads company, product, description and version from the string table', () => {
    const block = versionNode('VS_VERSION_INFO', fixedFileInfo(0x00100002, 0), [
      versionNode('StringFileInfo', null, [englishTable]),
      translation(0x0409, 0x04b0),
    ]);
    expect(decodeVersionInfo(block)).toEqual({
      company: 'PostgreSQL Global Development Group',
      productName: 'PostgreSQL',
      fileDescription: 'PostgreSQL Server',
      fileVersion: '16.2',
    });
  });

  it('prefers the table of the first listed translation', () => {
    const german = versionNode('040704b0', null, [
      versionNode('CompanyName', 'Beispiel GmbH'),
      versionNode('ProductName', 'Beispiel'),
    ]);
    const block = versionNode('VS_VERSION_INFO', fixedFileInfo(0x00010000, 0), [
      versionNode('StringFileInfo', null, [englishTable, german]),
      translation(0x0407, 0x04b0),
    ]);
    expect(decodeVersionInfo(block)).toMatchObject({
      company: 'Beispiel GmbH',
      productName: 'Beispiel',
    });
  });

  it('falls back to the fixed file version, and leaves empty strings null', () => {
    const block = versionNode('VS_VERSION_INFO', fixedFileInfo(0x000a0000, 0x47ba0001), [
      versionNode('StringFileInfo', null, [
        versionNode('040904b0', null, [
          versionNode('CompanyName', ''),
          versionNode('ProductName', ' '),
        ]),
      ]),
    ]);
    expect(decodeVersionInfo(block)).toEqual({
      company: null,
      productName: null,
      fileDescription: null,
      fileVersion: '10.0.18362.1',
    });
  });

  it('rejects what is not a version block, and survives a truncated one', () => {
    expect(decodeVersionInfo(versionNode('SOMETHING_ELSE', null))).toBeNull();
    expect(decodeVersionInfo(Buffer.alloc(3))).toBeNull();
    const block = versionNode('VS_VERSION_INFO', fixedFileInfo(0x00010002, 0), [
      versionNode('StringFileInfo', null, [englishTable]),
    ]);
    const cut = Buffer.from(block.subarray(0, block.length - 30));
    cut.writeUInt16LE(cut.length, 0);
    expect(decodeVersionInfo(cut)).toMatchObject({ fileVersion: '1.2.0.0' });
  });
});

describe('TCP_ESTATS_DATA_ROD_v0', () => {
  it('reads DataBytesOut @0, DataBytesIn @16, SegsOut @32, SegsIn @40', () => {
    const rod = Buffer.alloc(TCP_ESTATS_DATA_ROD_SIZE);
    rod.writeBigUInt64LE(1_000_000n, 0);
    rod.writeBigUInt64LE(700n, 8); // DataSegsOut
    rod.writeBigUInt64LE(2_500n, 16);
    rod.writeBigUInt64LE(12n, 24); // DataSegsIn
    rod.writeBigUInt64LE(705n, 32);
    rod.writeBigUInt64LE(360n, 40);
    rod.writeBigUInt64LE(1_000_001n, 72); // ThruBytesAcked
    expect(TCP_ESTATS_DATA_ROD_SIZE).toBe(96);
    expect(decodeEstatsData(rod)).toEqual({
      bytesSent: 1_000_000,
      bytesReceived: 2_500,
      packetsSent: 705,
      packetsReceived: 360,
    });
  });
});

describe('MIB_TCPROW / MIB_TCP6ROW', () => {
  const tuple = {
    localAddress: '127.0.0.1',
    localPort: 8080,
    remoteAddress: '10.0.0.5',
    remotePort: 443,
  };

  it('lays out an IPv4 row: state, then address and port pairs in network order', () => {
    const row = encodeTcpRow(12, tuple);
    expect(row.length).toBe(MIB_TCPROW_SIZE);
    expect(row.toString('hex')).toBe(
      '0c000000' + '7f000001' + '1f900000' + '0a000005' + '01bb0000',
    );
    // The IPv4-mapped form of an address names the same IPv4 connection.
    expect(encodeTcpRow(12, { ...tuple, localAddress: '::ffff:127.0.0.1' })).toEqual(row);
    expect(() => encodeTcpRow(12, { ...tuple, remoteAddress: '2001:db8::1' })).toThrow(/IPv4/);
    expect(() => encodeTcpRow(12, { ...tuple, remotePort: 70000 })).toThrow(/port/);
  });

  it('lays out an IPv6 row with scope ids', () => {
    const row = encodeTcp6Row(
      5,
      { localAddress: 'fe80::1', localPort: 22, remoteAddress: '::1', remotePort: 50000 },
      { localScopeId: 12, remoteScopeId: 0 },
    );
    expect(row.length).toBe(MIB_TCP6ROW_SIZE);
    expect(row.readUInt32LE(0)).toBe(5);
    expect(row.subarray(4, 20).toString('hex')).toBe('fe800000000000000000000000000001');
    expect(row.readUInt32LE(20)).toBe(12);
    expect(row.readUInt16BE(24)).toBe(22);
    expect(row.subarray(28, 44).toString('hex')).toBe('00000000000000000000000000000001');
    expect(row.readUInt16BE(48)).toBe(50000);
  });
});

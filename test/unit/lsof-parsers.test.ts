// The lsof backend's parsers on real output captured on this machine (Linux) and on macOS-format
// output written from the tools' documentation and source (test/fixtures/lsof/README.md).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normalizeAddress, parseColonEndpoint } from '../../electron/platform/lsof/endpoint';
import {
  fieldSets,
  parseLsofExecutables,
  parseLsofSockets,
  socketName,
} from '../../electron/platform/lsof/lsof-field-parser';
import { classifyLsofStderr } from '../../electron/platform/lsof/lsof-stderr';
import {
  parseNetToolsLine,
  parseNetToolsTable,
} from '../../electron/platform/lsof/netstat-linux-parser';
import {
  parsePsArgs,
  parsePsStatus,
  parsePsStatusLine,
  psArgs,
} from '../../electron/platform/lsof/ps-parser';
import { displayName } from '../../electron/platform/lsof/process-details';
import { tcpStateFromName } from '../../electron/platform/lsof/tcp-state-names';
import { toNulFields } from '../support/lsof-fields';

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/lsof/${name}`, import.meta.url), 'utf8');

describe('endpoints as the tools print them', () => {
  it('normalizes addresses the way the model writes them', () => {
    expect(normalizeAddress('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(normalizeAddress('2001:0db8:0000::0001')).toBe('2001:db8::1');
    expect(normalizeAddress('fe80::1%lo0')).toBe('fe80::1');
    // KAME's embedded interface index (macOS kernel bytes) is not part of the address.
    expect(normalizeAddress('fe80:4::aede:48ff:fe00:1122')).toBe('fe80::aede:48ff:fe00:1122');
    expect(normalizeAddress('127.1')).toBeUndefined();
    expect(normalizeAddress('localhost')).toBeUndefined();
  });

  it('reads lsof names: brackets, wildcards, peers', () => {
    expect(parseColonEndpoint('[::1]:8080')).toEqual({ address: '::1', port: 8080 });
    expect(parseColonEndpoint('*:*')).toEqual({ address: null, port: null });
    expect(parseColonEndpoint('*:5353')).toEqual({ address: null, port: 5353 });
    expect(parseColonEndpoint('127.0.0.1:70000')).toBeUndefined();
    expect(parseColonEndpoint('[::1:80')).toBeUndefined();
    expect(socketName('127.0.0.1:57579->127.0.0.1:53638')).toEqual({
      local: { address: '127.0.0.1', port: 57579 },
      remote: { address: '127.0.0.1', port: 53638 },
    });
    expect(socketName('*:5353->*:*')).toEqual({
      local: { address: null, port: 5353 },
      remote: null,
    });
    expect(socketName('1.2.3.4:80->')).toBeUndefined();
  });

  it('maps Linux and BSD state names onto the model', () => {
    expect(tcpStateFromName('FIN_WAIT1')).toBe('FIN_WAIT1');
    expect(tcpStateFromName('FIN_WAIT_1')).toBe('FIN_WAIT1');
    expect(tcpStateFromName('SYN_RCVD')).toBe('SYN_RECV');
    expect(tcpStateFromName('CLOSED')).toBe('CLOSE');
    expect(tcpStateFromName('UNKNOWN')).toBeUndefined();
  });
});

describe('lsof field output captured on Linux', () => {
  const listed = parseLsofSockets(fixture('linux-lsof-F0.bin'));
  const ours = listed.sockets.filter((socket) => socket.pid === 8494);

  it('reads every socket of the process, with family, endpoints, state and inode', () => {
    expect(ours).toHaveLength(14);
    expect(listed.malformedRecords).toBe(0);
    expect(ours[0]).toEqual({
      pid: 8494,
      fd: '19',
      protocol: 'tcp',
      family: 4,
      local: { address: '127.0.0.1', port: 47101 },
      remote: null,
      state: 'LISTEN',
      inode: 182041,
    });
    expect(ours.find((s) => s.inode === 182045)).toMatchObject({
      family: 6,
      local: { address: '::1', port: 51134 },
      remote: { address: '::1', port: 47102 },
      state: 'ESTABLISHED',
    });
    // The dual-stack listener's wildcard, and its accepted IPv4 peer on an IPv6 socket.
    expect(ours.find((s) => s.inode === 182047)).toMatchObject({
      family: 6,
      local: { address: null, port: 47103 },
      remote: null,
    });
    expect(ours.find((s) => s.inode === 182049)).toMatchObject({
      family: 6,
      local: { address: '127.0.0.1', port: 47103 },
      remote: { address: '127.0.0.1', port: 56070 },
    });
    // UDP: no state; a connected one has its peer.
    expect(ours.find((s) => s.inode === 182052)).toMatchObject({
      protocol: 'udp',
      state: null,
      remote: { address: '127.0.0.1', port: 47104 },
    });
    expect(ours.find((s) => s.inode === 182051)).toMatchObject({
      protocol: 'udp',
      family: 6,
      local: { address: '::1', port: 47105 },
      remote: null,
    });
  });

  it('reads the process sets, and notices the process whose files root may not read', () => {
    expect(listed.processes.get(8494)).toEqual({
      pid: 8494,
      command: 'capture-lsof',
      uid: 0,
      login: 'root',
    });
    expect(listed.processes.get(47)?.command).toBe('kworker/R-xfs_mru_cache');
    expect([...listed.deniedPids]).toEqual([1]);
  });

  it('reads the executables, a deleted one and one it may not read', () => {
    const executables = parseLsofExecutables(fixture('linux-lsof-txt-F0.bin'));
    expect(executables.get(8494)).toEqual({ path: '/usr/bin/node', deleted: false });
    expect(executables.get(1)).toEqual({ path: null, deleted: false });
    expect(parseLsofExecutables('p7\0\nftxt\0n/tmp/a-long-program (deleted)\0\n').get(7)).toEqual({
      path: '/tmp/a-long-program',
      deleted: true,
    });
    expect(
      parseLsofExecutables(
        'p8\0\nftxt\0n/proc/8/exe (readlink: No such file or directory)\0\n',
      ).get(8),
    ).toEqual({ path: null, deleted: false });
  });

  it('skips and counts a malformed socket record, and survives a cut-off output', () => {
    const text =
      'p9\0cx\0u0\0Lroot\0\n' +
      'f3\0tIPv4\0d11\0PTCP\0n127.0.0.1:99999\0TST=LISTEN\0\n' +
      'f4\0tIPv4\0d12\0PTCP\0n127.0.0.1:80\0TST=LISTEN\0\n' +
      'f5\0tIPv6\0d13\0PTCP\0n[::1';
    const parsed = parseLsofSockets(text);
    expect(parsed.sockets.map((s) => s.inode)).toEqual([12]);
    expect(parsed.malformedRecords).toBe(2);
    // A file set before any process set has no owner: counted, not fatal.
    expect(parseLsofSockets('f3\0tIPv4\0PTCP\0n1.2.3.4:5\0\n').malformedRecords).toBe(1);
    expect(parseLsofSockets('')).toMatchObject({ sockets: [], malformedRecords: 0 });
  });
});

describe('lsof field output in the macOS format', () => {
  const nlText = fixture('darwin-lsof-F.txt');
  const listed = parseLsofSockets(toNulFields(nlText));

  it('reads the same sets from -F and -F…0', () => {
    expect([...fieldSets(nlText)]).toEqual([...fieldSets(toNulFields(nlText))]);
    expect(parseLsofSockets(nlText)).toEqual(listed);
  });

  it('reads macOS sockets: BSD states, v4 addresses on IPv6 sockets, KAME scopes', () => {
    const byFd = (pid: number, fd: string) =>
      listed.sockets.find((s) => s.pid === pid && s.fd === fd);
    expect(listed.sockets).toHaveLength(13);
    expect(listed.malformedRecords).toBe(1);
    expect(byFd(640, '22')).toMatchObject({
      family: 6,
      local: { address: '127.0.0.1', port: 3000 },
      remote: { address: '127.0.0.1', port: 52200 },
      inode: null,
    });
    expect(byFd(640, '26')?.state).toBe('FIN_WAIT1');
    expect(byFd(640, '29')?.state).toBe('CLOSE');
    expect(byFd(640, '33')?.local).toEqual({ address: 'fe80::aede:48ff:fe00:1122', port: 5353 });
    expect(byFd(501, '25')?.remote).toEqual({ address: '2a00:1450:4001:82b::200e', port: 443 });
    // Never bound (no name), ICMP, unix: not listed and not malformed.
    expect(byFd(640, '28')).toBeUndefined();
    expect(byFd(501, '31')).toBeUndefined();
    expect(listed.processes.get(501)).toEqual({
      pid: 501,
      command: 'Google Chrome Helper',
      uid: 501,
      login: 'ann',
    });
  });

  it('takes the first txt file as the executable', () => {
    const executables = parseLsofExecutables(toNulFields(fixture('darwin-lsof-txt-F.txt')));
    expect(executables.get(640)).toEqual({
      path: '/opt/homebrew/Cellar/node/22.3.0/bin/node',
      deleted: false,
    });
    expect(executables.get(501)?.path).toMatch(/MacOS\/Google Chrome Helper$/);
  });
});

describe('lsof stderr', () => {
  it('keeps warnings (with their continuation) apart from problems', () => {
    expect(
      classifyLsofStderr(
        "lsof: WARNING: can't stat() fuse.gvfsd-fuse file system /run/user/1000/gvfs\n" +
          '      Output information may be incomplete.\n' +
          'lsof: no pwd entry for UID 12345\n',
      ),
    ).toEqual({
      warnings: [
        "can't stat() fuse.gvfsd-fuse file system /run/user/1000/gvfs Output information may be incomplete.",
      ],
      problems: ['no pwd entry for UID 12345'],
    });
    expect(classifyLsofStderr('')).toEqual({ warnings: [], problems: [] });
  });
});

describe('net-tools netstat captured on Linux', () => {
  const table = parseNetToolsTable(fixture('linux-netstat-tuanWe.txt'));

  it('reads every socket line with uid and inode', () => {
    expect(table.malformedLines).toBe(0);
    expect(table.sockets).toHaveLength(16);
    expect(table.sockets.find((s) => s.inode === 128)).toEqual({
      protocol: 'tcp',
      family: 4,
      localAddress: '0.0.0.0',
      localPort: 2024,
      remoteAddress: null,
      remotePort: null,
      state: 'LISTEN',
      inode: 128,
      socketUid: 0,
      pid: null,
      bytesSent: null,
      bytesReceived: null,
      packetsSent: null,
      packetsReceived: null,
    });
    expect(table.sockets.find((s) => s.inode === 182047)).toMatchObject({
      family: 6,
      localAddress: '::',
      remoteAddress: null,
    });
    expect(table.sockets.find((s) => s.inode === 182049)).toMatchObject({
      family: 6,
      localAddress: '127.0.0.1',
      remoteAddress: '127.0.0.1',
      remotePort: 56070,
    });
    // Connected UDP prints ESTABLISHED: not a TCP state.
    expect(table.sockets.find((s) => s.inode === 182053)).toMatchObject({
      protocol: 'udp',
      state: null,
      remoteAddress: '::1',
      remotePort: 47105,
    });
  });

  it('shows TIME_WAIT without owner or inode (the kernel prints placeholders)', () => {
    expect(table.sockets.find((s) => s.localPort === 51296)).toMatchObject({
      state: 'TIME_WAIT',
      inode: null,
      socketUid: null,
    });
  });

  it('counts lines it cannot read and passes over headers', () => {
    const text =
      'Active Internet connections (servers and established)\n' +
      'Proto Recv-Q Send-Q Local Address Foreign Address State User Inode\n' +
      'tcp 0 0 127.0.0.1:80 0.0.0.0:* LISTEN 0 11\n' +
      'tcp 0 0 127.0.0.1:80 0.0.0.0:* NOSUCHSTATE 0 12\n' +
      'tcp 0 0 127.0.0.1 0.0.0.0:* LISTEN 0 13\n' +
      'udp 0 0 127.0.0.1:53 0.0.0.0:* 0\n' +
      'raw 0 0 0.0.0.0:1 0.0.0.0:* 7 0 14\n';
    const parsed = parseNetToolsTable(text);
    expect(parsed.sockets.map((s) => s.inode)).toEqual([11]);
    expect(parsed.malformedLines).toBe(3);
    expect(parseNetToolsLine('toString 0 0 1.2.3.4:5 0.0.0.0:* LISTEN 0 1')).toBeNull();
  });
});

describe('ps output', () => {
  it('asks for each keyword with an empty header, wide, for a list of pids', () => {
    expect(psArgs([1, 22], ['pid', 'lstart'])).toEqual([
      '-ww',
      '-o',
      'pid=',
      '-o',
      'lstart=',
      '-p',
      '1,22',
    ]);
  });

  it('reads procps output captured on Linux (start times in UTC, to the second)', () => {
    const status = parsePsStatus(fixture('linux-ps-status.txt'));
    expect(status.get(8494)).toEqual({
      pid: 8494,
      parentPid: 8490,
      uid: 0,
      startTime: Date.UTC(2026, 10, 29, 16, 10, 9),
      rest: '',
    });
    expect(status.get(1)?.parentPid).toBe(0);
    expect(parsePsArgs(fixture('linux-ps-args.txt')).get(8494)).toBe('capture-lsof');
  });

  it('reads BSD ps output in the macOS layout', () => {
    const status = parsePsStatus(fixture('darwin-ps-status.txt'));
    expect(status.get(640)).toMatchObject({
      parentPid: 612,
      uid: 501,
      startTime: Date.UTC(2024, 5, 3, 9, 1, 44),
    });
    const args = parsePsArgs(fixture('darwin-ps-args.txt'));
    expect(args.get(640)).toBe('node server.js --port 3000');
    // BSD ps shows a process whose arguments it may not read as "(name)": no command line.
    expect(parsePsArgs('  88 (sshd)\n').get(88)).toBeNull();
    // An exiting process (procps: "[name] <defunct>", BSD: "<defunct>") has no arguments left.
    expect(parsePsArgs(' 90 [node] <defunct>\n 91 <defunct>\n')).toEqual(
      new Map([
        [90, null],
        [91, null],
      ]),
    );
  });

  it('reads what follows lstart (state and name for the actions) and refuses other lines', () => {
    expect(
      parsePsStatusLine(' 812   1   0 Sun Nov  3 01:02:03 2024 Ss   /usr/sbin/sshd -D'),
    ).toMatchObject({
      pid: 812,
      startTime: Date.UTC(2024, 10, 3, 1, 2, 3),
      rest: 'Ss   /usr/sbin/sshd -D',
    });
    expect(parsePsStatusLine('  PID  PPID   UID STARTED')).toBeNull();
    expect(parsePsStatusLine(' 812 1 0 Sun Foo 3 01:02:03 2024')).toBeNull();
  });
});

describe('displayName', () => {
  it('extends a name the kernel cut with the command line, and keeps a short one', () => {
    expect(
      displayName('gnome-shell-cal', '/usr/libexec/gnome-shell-calendar-server', null, 15),
    ).toBe('gnome-shell-calendar-server');
    expect(displayName('node', '/usr/bin/nodejs x', null, 15)).toBe('node');
    expect(displayName('a-very-long-pro', 'other', null, 15)).toBe('a-very-long-pro');
    expect(displayName(null, null, '/bin/sh', 15)).toBe('sh');
  });
});

// The macOS backend, on this Linux machine: its BSD netstat parser, the join of netstat's table
// with lsof's sockets, and the whole backend answering through a runner that replies with
// macOS-format output written from the tools' source (test/fixtures/lsof/README.md).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Connection } from '../../shared/model';
import { buildRowMenu, closeUnavailableReason } from '../../electron/core/actions/row-menu-model';
import { createDarwinBackend } from '../../electron/platform/darwin';
import { DARWIN_CLOSE_REASON } from '../../electron/platform/darwin/close-connection';
import {
  bsdNetstatArgs,
  parseBsdNetstatLine,
  parseBsdNetstatTable,
} from '../../electron/platform/darwin/netstat-bsd-parser';
import { NotSupported } from '../../electron/platform/errors';
import type { CommandRunner, ToolName } from '../../electron/platform/lsof/command-runner';
import { parseLsofSockets } from '../../electron/platform/lsof/lsof-field-parser';
import { joinSockets } from '../../electron/platform/lsof/socket-join';
import { toNulFields } from '../support/lsof-fields';
import { makeConnection } from '../support/connection-fixture';

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/lsof/${name}`, import.meta.url), 'utf8');

function darwinTable() {
  const tcp = parseBsdNetstatTable(fixture('darwin-netstat-anlb-tcp.txt'));
  const udp = parseBsdNetstatTable(fixture('darwin-netstat-anlb-udp.txt'));
  return {
    sockets: [...tcp.sockets, ...udp.sockets],
    malformedLines: tcp.malformedLines + udp.malformedLines,
  };
}

describe('BSD netstat -anlb (macOS layout)', () => {
  it('asks for one protocol per run, numeric, full IPv6 addresses, byte counters', () => {
    expect(bsdNetstatArgs('tcp')).toEqual(['-a', '-n', '-l', '-b', '-p', 'tcp']);
  });

  it('reads sockets with families, wildcards, zones, states and counters', () => {
    const table = darwinTable();
    expect(table.sockets).toHaveLength(19);
    expect(table.malformedLines).toBe(1);
    const at = (port: number, remotePort?: number) =>
      table.sockets.filter(
        (s) => s.localPort === port && (remotePort === undefined || s.remotePort === remotePort),
      );
    expect(at(52100)[0]).toEqual({
      protocol: 'tcp',
      family: 4,
      localAddress: '192.168.1.20',
      localPort: 52100,
      remoteAddress: '142.250.74.110',
      remotePort: 443,
      state: 'ESTABLISHED',
      inode: null,
      socketUid: null,
      pid: null,
      bytesSent: 3112,
      bytesReceived: 48211,
      packetsSent: null,
      packetsReceived: null,
    });
    // tcp46: a dual-stack IPv6 listener, its address printed the IPv4 way.
    expect(at(3000, undefined).find((s) => s.state === 'LISTEN')).toMatchObject({
      family: 6,
      localAddress: '::',
      remoteAddress: null,
      remotePort: null,
    });
    expect(at(52101)[0]?.remoteAddress).toBe('2a00:1450:4001:82b::200e');
    expect(at(52211)[0]?.state).toBe('FIN_WAIT1');
    expect(at(5000)[0]?.state).toBe('CLOSE');
    expect(at(52199)[0]?.state).toBe('TIME_WAIT');
    const udp = table.sockets.filter((s) => s.protocol === 'udp');
    expect(udp.map((s) => s.state)).toEqual([null, null, null, null, null]);
    expect(udp.find((s) => s.family === 6 && s.localPort === 5353)?.localAddress).toBe(
      'fe80::aede:48ff:fe00:1122',
    );
    expect(udp.find((s) => s.localPort === 60123)).toMatchObject({
      remoteAddress: '142.250.74.110',
      remotePort: 443,
      bytesReceived: 880431,
      bytesSent: 20177,
    });
  });

  it('reads a line without counters and refuses what is not a socket line', () => {
    expect(parseBsdNetstatLine('tcp4  0  0  127.0.0.1.80  *.*  LISTEN')).toMatchObject({
      localPort: 80,
      bytesSent: null,
    });
    expect(parseBsdNetstatLine('tcp4  0  0  127.0.0.1.80  *.*  LISTEN  12')).toBeNull();
    expect(parseBsdNetstatLine('tcp4  0  0  127.0.0.1.80')).toBeNull();
    expect(parseBsdNetstatLine('icmp4  0  0  *.*  *.*')).toBeNull();
  });
});

describe('joining the table with lsof', () => {
  const listed = parseLsofSockets(toNulFields(fixture('darwin-lsof-F.txt')));
  const rows = joinSockets(darwinTable().sockets, listed.sockets, listed.processes);

  it('gives each table socket lsof saw its pid, and leaves the others owner unknown', () => {
    expect(rows).toHaveLength(19);
    const owned = rows.filter((r) => r.pid !== null);
    expect(owned.map((r) => `${r.pid} ${r.protocol} ${r.localPort}`).sort()).toEqual(
      [
        '501 tcp 52100',
        '501 tcp 52101',
        '501 udp 60123',
        '640 tcp 3000',
        '640 tcp 3000',
        '640 tcp 52200',
        '640 tcp 9229',
        '640 tcp 5432',
        '640 tcp 52211',
        '640 tcp 52212',
        '640 tcp 5000',
        '640 udp 5353',
        '640 udp 5353',
      ].sort(),
    );
    // Other users' sockets (sshd, mDNSResponder) and TIME_WAIT: in the table, no owner.
    expect(rows.find((r) => r.localPort === 22 && r.state === 'LISTEN')?.pid).toBeNull();
    expect(rows.find((r) => r.localPort === 52199)?.pid).toBeNull();
    // The counters stay with the table's row.
    expect(rows.find((r) => r.localPort === 52100)).toMatchObject({
      bytesReceived: 48211,
      socketUid: 501,
    });
  });

  it("takes the socket's family from lsof: an IPv6 socket netstat prints as tcp4", () => {
    expect(rows.find((r) => r.localPort === 3000 && r.remotePort === 52200)).toMatchObject({
      family: 6,
      localAddress: '127.0.0.1',
      pid: 640,
    });
    // Same endpoints, two sockets: the udp4 one is node's (exact family), the udp46 nobody's.
    const mdns = rows.filter((r) => r.protocol === 'udp' && r.localPort === 5353);
    expect(mdns.map((r) => `${r.family} ${r.localAddress} ${r.pid}`).sort()).toEqual([
      '4 0.0.0.0 640',
      '6 :: null',
      '6 fe80::aede:48ff:fe00:1122 640',
    ]);
  });

  it('joins by inode where both have one, and shows a shared socket once, by its lowest pid', () => {
    const inet = (pid: number, inode: number, port: number) =>
      `p${pid}\0cd\0u0\0Lroot\0\nf3\0tIPv4\0d${inode}\0PTCP\0n127.0.0.1:${port}\0TST=LISTEN\0\n`;
    const lsof = parseLsofSockets(inet(300, 77, 8080) + inet(200, 77, 8080) + inet(400, 78, 9090));
    const table = [
      {
        ...rows[0]!,
        localAddress: '127.0.0.1',
        localPort: 8080,
        remoteAddress: null,
        remotePort: null,
        state: 'LISTEN' as const,
        inode: 77,
        socketUid: 33,
        pid: null,
      },
    ];
    const joined = joinSockets(table, lsof.sockets, lsof.processes);
    expect(joined.map((r) => [r.localPort, r.pid, r.socketUid])).toEqual([
      [8080, 200, 33],
      // Opened between the two runs: only lsof saw it, so it is added.
      [9090, 400, 0],
    ]);
    expect(joinSockets(null, lsof.sockets, lsof.processes).map((r) => r.pid)).toEqual([200, 400]);
  });
});

/** A runner that answers like macOS would, and remembers what it was asked. */
function macRunner() {
  const calls: { tool: ToolName; args: readonly string[] }[] = [];
  const run: CommandRunner = async (tool, args) => {
    calls.push({ tool, args });
    const has = (value: string) => args.includes(value);
    let stdout = '';
    if (tool === 'lsof' && has('-iTCP')) stdout = toNulFields(fixture('darwin-lsof-F.txt'));
    else if (tool === 'lsof' && has('txt')) stdout = toNulFields(fixture('darwin-lsof-txt-F.txt'));
    else if (tool === 'netstat') stdout = fixture(`darwin-netstat-anlb-${args.at(-1)}.txt`);
    else if (tool === 'ps' && has('lstart=')) stdout = fixture('darwin-ps-status.txt');
    else if (tool === 'ps' && has('args=')) stdout = fixture('darwin-ps-args.txt');
    return { stdout, stderr: '', status: 0 };
  };
  return { run, calls };
}

describe('the darwin backend on macOS-format output', () => {
  it('reads sockets, owners and process details; an unprivileged read says so', async () => {
    const { run, calls } = macRunner();
    const backend = createDarwinBackend({ run, root: false });
    expect(backend.os).toBe('darwin');
    const read = await backend.readSockets();
    expect(read.sockets).toHaveLength(19);
    expect(read.malformedLines).toBe(2);
    expect(read.privileged).toBe(false);
    expect(read.warnings).toEqual([
      "Other users' sockets show as owner unknown: seeing which process owns them needs administrator rights (in the window: Show all processes…; on the command line: sudo).",
    ]);
    expect(read.processes.get(640)).toEqual({
      pid: 640,
      name: 'node',
      path: '/opt/homebrew/Cellar/node/22.3.0/bin/node',
      pathDeleted: false,
      commandLine: 'node server.js --port 3000',
      user: 'ann',
      uid: 501,
      parentPid: 612,
      startTime: Date.UTC(2024, 5, 3, 9, 1, 44),
      services: null,
      company: null,
      productName: null,
      fileDescription: null,
      fileVersion: null,
      note: null,
    });
    expect(read.processes.get(501)?.name).toBe('Google Chrome Helper');
    // One lsof and one ps per poll, two netstat (TCP, UDP); new processes once more each.
    expect(calls.map((c) => c.tool).sort()).toEqual([
      'lsof',
      'lsof',
      'netstat',
      'netstat',
      'ps',
      'ps',
    ]);
    expect(calls.find((c) => c.tool === 'lsof')?.args).not.toContain('cwd');

    calls.length = 0;
    await backend.readSockets();
    expect(calls.map((c) => c.tool).sort()).toEqual(['lsof', 'netstat', 'netstat', 'ps']);
    expect(backend.userName(501)).toBe('ann');
  });

  it('cannot close a connection, with the reason the row menu gives, and offers Kill', async () => {
    const backend = createDarwinBackend({ run: macRunner().run, root: false });
    const closing = backend.closeTcp({
      family: 4,
      localAddress: '192.168.1.20',
      localPort: 52100,
      remoteAddress: '142.250.74.110',
      remotePort: 443,
    });
    await expect(closing).rejects.toBeInstanceOf(NotSupported);
    await expect(closing).rejects.toThrow(DARWIN_CLOSE_REASON);
    const row: Connection = makeConnection({
      protocol: 'tcp',
      state: 'ESTABLISHED',
      remoteAddress: '142.250.74.110',
      remotePort: 443,
      pid: 501,
    });
    expect(closeUnavailableReason(row, 'darwin')).toBe(DARWIN_CLOSE_REASON);
    const menu = buildRowMenu([row], { os: 'darwin', selfPid: 1 });
    expect(menu.find((item) => item.command === 'close')).toMatchObject({
      enabled: false,
      label: `Close Connection (${DARWIN_CLOSE_REASON})`,
    });
    expect(menu.find((item) => item.command === 'kill')).toMatchObject({
      enabled: true,
      label: 'Kill Process',
    });
  });

  it('refuses an elevated kill (no per-action elevation on macOS) before signalling', async () => {
    const backend = createDarwinBackend({ run: macRunner().run, root: false });
    await expect(backend.killProcess(4242, 'SIGTERM', { elevate: true })).rejects.toThrow(
      /sudo portscope kill 4242/,
    );
  });
});

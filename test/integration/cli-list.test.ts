// The built CLI (out/main/cli.js) as a person or a script runs it: it finds this test's own
// child process and its sockets, and refuses a bad command line with a message and exit code 2.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONNECTION_FIELDS, type Connection } from '../../shared/model';
import { builtFile } from '../support/build-output';
import { spawnSocketChild, stopAllSocketChildren, type SocketChild } from '../support/socket-child';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = fileURLToPath(new URL('../../out/main/cli.js', import.meta.url));

function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [cli, ...args],
      { cwd: root, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

let child: SocketChild;
let port4: number;
let port6: number;
let clientPort: number;
const SENT = 1_500_000;

beforeAll(async () => {
  builtFile('out/main/cli.js');
  child = await spawnSocketChild({ title: 'ps-cli-list' });
  port4 = (await child.listenTcp('127.0.0.1')).port;
  port6 = (await child.bindUdp('::1')).port;
  // A connection to itself with traffic, for the counters in JSON and the table's human units.
  const sink = await child.listenTcp('127.0.0.1');
  const client = await child.connectTcp('127.0.0.1', sink.port);
  clientPort = client.localPort;
  const [accepted] = await child.waitForAccepted(sink.handle);
  await child.sendBytes(client.handle, SENT);
  await child.waitForReceived(accepted!.handle, SENT);
}, 180_000);

afterAll(async () => {
  await stopAllSocketChildren();
});

describe('portscope list', () => {
  it('prints JSON with the child’s sockets, its pid and every Connection field', async () => {
    const { code, stdout, stderr } = await runCli(['list', '--format', 'json']);
    expect(stderr).not.toMatch(/could not/);
    expect(code).toBe(0);
    const rows = JSON.parse(stdout) as Connection[];
    const tcp = rows.find((row) => row.protocol === 'tcp' && row.localPort === port4);
    expect(tcp).toMatchObject({
      id: `tcp|4|127.0.0.1:${port4}|*`,
      family: 4,
      localAddress: '127.0.0.1',
      remoteAddress: null,
      remotePort: null,
      state: 'LISTEN',
      pid: child.pid,
    });
    expect(tcp?.processName).toBeTruthy();
    // The child set process.title, which is what /proc/PID/cmdline shows.
    expect(tcp?.commandLine).toContain('ps-cli-list');
    const udp = rows.find((row) => row.protocol === 'udp' && row.localPort === port6);
    expect(udp).toMatchObject({ family: 6, localAddress: '::1', state: null, pid: child.pid });
    expect(Object.keys(tcp!)).toEqual([...CONNECTION_FIELDS]);
    // Traffic: exact numbers in JSON; rates need two polls, and list polls once.
    expect(tcp).toMatchObject({ bytesSent: 0, bytesReceived: 0, sendRate: null });
    const client = rows.find((row) => row.protocol === 'tcp' && row.localPort === clientPort);
    expect(client).toMatchObject({ bytesSent: SENT, sendRate: null, receiveRate: null });
    expect(client?.packetsSent).toBeGreaterThan(1);
    expect(udp).toMatchObject({ bytesSent: null, packetsReceived: null });
  });

  it('narrows rows with --filter and prints a table for people', async () => {
    const json = await runCli([
      'list',
      '-f',
      'json',
      '--filter',
      `lport:${port4} pid:${child.pid}`,
    ]);
    expect(json.code).toBe(0);
    const rows = JSON.parse(json.stdout) as Connection[];
    expect(rows.map((row) => row.id)).toEqual([`tcp|4|127.0.0.1:${port4}|*`]);

    const table = await runCli(['list', '--format', 'table', '--filter', `pid:${child.pid}`]);
    expect(table.code).toBe(0);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Protocol\s+Local Address\s+Local Port/);
    expect(lines.some((line) => line.includes(String(port4)) && line.includes('LISTEN'))).toBe(
      true,
    );
    expect(lines.some((line) => line.startsWith('UDPv6') && line.includes(String(port6)))).toBe(
      true,
    );
    // Traffic in human units, right-aligned under its header; '-' where unknown (UDP).
    expect(lines[0]).toMatch(/State\s+Sent Bytes\s+Rcvd Bytes\s+PID/);
    const clientLine = lines.find((line) =>
      new RegExp(`^TCP\\s+127\\.0\\.0\\.1\\s+${clientPort}\\s`).test(line),
    )!;
    expect(clientLine).toMatch(/ESTABLISHED\s+1\.5 MB\s+0 B\s/);
    expect(clientLine.indexOf('1.5 MB') + '1.5 MB'.length).toBe(
      lines[0]!.indexOf('Sent Bytes') + 'Sent Bytes'.length,
    );
    // remote address, remote port, state, sent, received: all unknown for a bound UDP socket
    expect(lines.find((line) => line.startsWith('UDPv6'))).toMatch(
      new RegExp(`(-\\s+){5}${child.pid}\\s`),
    );
  });

  it('refuses a bad flag, a bad filter and an unknown command with exit code 2', async () => {
    const flag = await runCli(['list', '--bogus']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/Unknown option '--bogus'/);
    expect(flag.stdout).toBe('');

    // ("port:abc" would be a service name: a port must be a number or a name.)
    const filter = await runCli(['list', '--filter', 'port:80x']);
    expect(filter.code).toBe(2);
    expect(filter.stderr).toMatch(/bad --filter/);

    const format = await runCli(['list', '--format', 'xml']);
    expect(format.code).toBe(2);
    expect(format.stderr).toMatch(/--format must be json or table/);

    const unknown = await runCli(['lsit']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command "lsit"/);
  });

  it('explains itself with --help', async () => {
    const general = await runCli(['--help']);
    expect(general.code).toBe(0);
    expect(general.stdout).toMatch(/Commands:\n.*list/);
    const list = await runCli(['list', '--help']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/--format json\|table/);
  });
});

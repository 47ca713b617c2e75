// The Windows backend for real, under Wine: Windows Node runs a program that opens TCP v4/v6
// listeners and connections and UDP v4/v6 sockets on loopback (socket-child-win.mjs); the built
// CLI, run by Windows Node, must list each with the right protocol, family, addresses, ports and
// state, and the backend's own modules (windows-probe.ts) must read that program's details,
// refuse to close what Wine cannot close, and really end it with TerminateProcess.
// What Wine 8.0 does, found here: real TCP/UDP tables (it reads /proc/net), pid 0 for every
// socket owner (its sockets live in wineserver, so Wine cannot tell; 9.17 and later can),
// ProcessCommandLineInformation missing (the PEB fallback reads the command line), no EStats
// functions, SetTcpEntry a stub answering success.
// CI installs wine64 (.ci/run), so this suite always runs; the first run prepares .cache/wine.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection, ProcessInfo } from '../../shared/model';
import type { ProcessIdentity } from '../../electron/platform/types';
import { builtFile } from '../support/build-output';
import {
  prepareWindowsNode,
  probe,
  toWindowsPath,
  type PreparedWine,
} from '../support/wine/windows-node';

const cliWine = fileURLToPath(new URL('../../scripts/cli-wine.mjs', import.meta.url));
const childScript = fileURLToPath(new URL('../support/wine/socket-child-win.mjs', import.meta.url));

interface ChildStatus {
  pid: number;
  tcp4: { listenPort: number; clientPort: number };
  tcp6: { listenPort: number; clientPort: number };
  udp4: number;
  udp6: number;
}

let wine: PreparedWine;
let probeFile: string;
let scratch: string;
let child: ChildProcess;
let childExit: Promise<number | null>;
let status: ChildStatus;
let childStartTime: number;

async function waitFor<T>(what: string, read: () => T | null, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  const cli = builtFile('out/main/cli.js');
  expect(existsSync(cli)).toBe(true);
  ({ wine, probe: probeFile } = await prepareWindowsNode());
  scratch = mkdtempSync(path.join(tmpdir(), 'portscope-wine-suite-'));
  const statusFile = path.join(scratch, 'status.json');
  const log = openSync(path.join(scratch, 'child.log'), 'w');
  child = spawn(
    wine.loader,
    [wine.nodeExe, toWindowsPath(childScript), toWindowsPath(statusFile)],
    {
      env: wine.env,
      stdio: ['ignore', log, log],
    },
  );
  closeSync(log);
  childExit = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  status = await waitFor(
    'the Windows socket child',
    () =>
      existsSync(statusFile) ? (JSON.parse(readFileSync(statusFile, 'utf8')) as ChildStatus) : null,
    60_000,
  );
}, 300_000);

afterAll(async () => {
  if (scratch) writeFileSync(path.join(scratch, 'status.json.stop'), '');
  // Only our own child, by its handle: it stops by itself on the stop file.
  if (child && child.exitCode === null && child.signalCode === null) {
    const stopped = await Promise.race([
      childExit.then(() => true),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 5000)),
    ]);
    if (!stopped) child.kill('SIGKILL');
  }
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

function rowsOf(connections: Connection[], protocol: 'tcp' | 'udp', port: number): Connection[] {
  return connections.filter(
    (row) => row.protocol === protocol && (row.localPort === port || row.remotePort === port),
  );
}

describe('the Windows backend under Wine', () => {
  let listed: Connection[];
  let listError: string;

  it("lists the Windows program's sockets through `npm run cli:wine -- list --format json`", () => {
    // `npm run cli:wine -- list --format json`: Windows Node's output relayed from its file.
    const run = spawnSync(process.execPath, [cliWine, 'list', '--format', 'json', '--no-resolve'], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status, run.stderr).toBe(0);
    listed = JSON.parse(run.stdout) as Connection[];
    listError = run.stderr;

    const { tcp4, tcp6, udp4, udp6 } = status;
    const v4 = rowsOf(listed, 'tcp', tcp4.listenPort);
    expect(v4).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          family: 4,
          localAddress: '127.0.0.1',
          localPort: tcp4.listenPort,
          remoteAddress: null,
          remotePort: null,
          state: 'LISTEN',
        }),
        expect.objectContaining({
          family: 4,
          localAddress: '127.0.0.1',
          localPort: tcp4.clientPort,
          remoteAddress: '127.0.0.1',
          remotePort: tcp4.listenPort,
          state: 'ESTABLISHED',
        }),
        expect.objectContaining({
          family: 4,
          localAddress: '127.0.0.1',
          localPort: tcp4.listenPort,
          remoteAddress: '127.0.0.1',
          remotePort: tcp4.clientPort,
          state: 'ESTABLISHED',
        }),
      ]),
    );
    const v6 = rowsOf(listed, 'tcp', tcp6.listenPort);
    expect(v6).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          family: 6,
          localAddress: '::1',
          localPort: tcp6.listenPort,
          remoteAddress: null,
          state: 'LISTEN',
        }),
        expect.objectContaining({
          family: 6,
          localAddress: '::1',
          localPort: tcp6.clientPort,
          remoteAddress: '::1',
          remotePort: tcp6.listenPort,
          state: 'ESTABLISHED',
        }),
        expect.objectContaining({
          family: 6,
          localAddress: '::1',
          localPort: tcp6.listenPort,
          remoteAddress: '::1',
          remotePort: tcp6.clientPort,
          state: 'ESTABLISHED',
        }),
      ]),
    );
    expect(rowsOf(listed, 'udp', udp4)).toEqual([
      expect.objectContaining({
        family: 4,
        localAddress: '127.0.0.1',
        localPort: udp4,
        remoteAddress: null,
        state: null,
      }),
    ]);
    expect(rowsOf(listed, 'udp', udp6)).toEqual([
      expect.objectContaining({
        family: 6,
        localAddress: '::1',
        localPort: udp6,
        remoteAddress: null,
        state: null,
      }),
    ]);
  });

  it('attributes the sockets to their process where Wine says, and says so where it does not', () => {
    const ours = [status.tcp4.listenPort, status.tcp6.listenPort, status.udp4, status.udp6].flatMap(
      (port) => [...rowsOf(listed, 'tcp', port), ...rowsOf(listed, 'udp', port)],
    );
    expect(ours.length).toBeGreaterThanOrEqual(8);
    // Wine 8.0 names the owner of the sockets the program itself holds a descriptor for (here
    // the connecting socket and the UDP ones) and reports pid 0 for the rest, which Portscope
    // shows as owner unknown with a warning; Wine 9.17 and later name them all.
    const attributed = ours.filter((row) => row.pid !== null);
    expect(attributed.length).toBeGreaterThan(0);
    for (const row of attributed) {
      expect(row).toMatchObject({ pid: status.pid, processName: 'node.exe', company: 'Node.js' });
    }
    if (attributed.length < ours.length) expect(listError).toMatch(/show as owner unknown/);
    // Wine has no TCP EStats: the counters stay null and the warning says why.
    expect(listError).toMatch(/Traffic counters are not available under Wine/);
    for (const row of ours) expect(row.bytesSent).toBeNull();
  });

  it('reads the process: name, parent, path, command line, user, start time, version resource', async () => {
    const answer = await probe<ProcessInfo>(wine, probeFile, ['process', status.pid]);
    expect(answer.ok).toBe(true);
    if (!answer.ok) return;
    const info = answer.result;
    expect(info.name).toBe('node.exe');
    expect(info.path).toBe(toWindowsPath(wine.nodeExe));
    expect(info.commandLine).toContain('socket-child-win.mjs');
    expect(info.user).toMatch(/^[^\\]+\\[^\\]+$/);
    expect(info.startTime).toBeGreaterThan(Date.now() - 10 * 60_000);
    expect(info.startTime).toBeLessThanOrEqual(Date.now());
    // node.exe carries a version resource: what CurrPorts shows, read by version-info.ts.
    expect(info).toMatchObject({
      company: 'Node.js',
      productName: 'Node.js',
      fileVersion: '22.22.2',
    });
    expect(info.fileDescription).toMatch(/Node\.js/);
    childStartTime = info.startTime!;
  });

  it('keeps a redirected stdout for the CLI in the packaged app (no console attached)', async () => {
    expect(await probe(wine, probeFile, ['console'])).toEqual({
      ok: true,
      result: { attached: false },
    });
  });

  it('reads the services Wine runs, each with its hosting process', async () => {
    const services = await probe<Record<string, string[]>>(wine, probeFile, ['services']);
    expect(services.ok).toBe(true);
    if (!services.ok) return;
    const all = Object.values(services.result).flat();
    expect(all).toEqual(expect.arrayContaining(['RpcSs']));
    const [hostPid] = Object.entries(services.result).find(([, names]) => names.includes('RpcSs'))!;
    const host = await probe<ProcessInfo>(wine, probeFile, ['process', hostPid]);
    expect(host.ok && host.result.services).toContain('RpcSs');
  });

  it('refuses to close under Wine, whose SetTcpEntry closes nothing, and IPv6 everywhere', async () => {
    const { tcp4, tcp6 } = status;
    const v4 = await probe(wine, probeFile, [
      'close',
      4,
      '127.0.0.1',
      tcp4.clientPort,
      '127.0.0.1',
      tcp4.listenPort,
    ]);
    expect(v4).toMatchObject({ ok: false, error: { code: 'NOT_SUPPORTED' } });
    expect(!v4.ok && v4.error.message).toMatch(
      /Wine .* cannot close connections.*still ESTABLISHED/,
    );
    const v6 = await probe(wine, probeFile, [
      'close',
      6,
      '::1',
      tcp6.clientPort,
      '::1',
      tcp6.listenPort,
    ]);
    expect(v6).toMatchObject({ ok: false, error: { code: 'NOT_SUPPORTED' } });
    expect(!v6.ok && v6.error.message).toMatch(/cannot close the IPv6 connection/);
    expect(child.exitCode).toBeNull();
  });

  it('reads who the pid is, and refuses to kill it when the start time does not match', async () => {
    const who = await probe<ProcessIdentity>(wine, probeFile, ['identity', status.pid]);
    expect(who).toMatchObject({
      ok: true,
      result: {
        pid: status.pid,
        name: 'node.exe',
        startTime: childStartTime,
        kernelThread: false,
        critical: null,
      },
    });
    const wrong = await probe(wine, probeFile, ['kill', status.pid, childStartTime - 1000]);
    expect(wrong).toMatchObject({ ok: false, error: { code: 'NO_SUCH_PROCESS' } });
    expect(child.exitCode).toBeNull();
  });

  it('ends the process with TerminateProcess when the start time matches', async () => {
    const killed = await probe(wine, probeFile, ['kill', status.pid, childStartTime]);
    expect(killed).toEqual({ ok: true, result: { killed: true } });
    const code = await Promise.race([
      childExit,
      new Promise((resolve) => setTimeout(() => resolve('still running'), 10_000)),
    ]);
    // The Wine process is gone (Wine 8 hands the Unix parent exit status 0, not
    // TerminateProcess's exit code 1).
    expect(code).not.toBe('still running');
    const gone = await probe(wine, probeFile, ['identity', status.pid]);
    expect(gone).toEqual({ ok: true, result: null });
  });
});

describe('npm run cli:wine without Wine', () => {
  it('says what to install and fails', () => {
    const run = spawnSync(process.execPath, [cliWine, 'list'], {
      encoding: 'utf8',
      env: { ...process.env, PORTSCOPE_WINE: '/nonexistent/wine64' },
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/Wine is not installed/);
    expect(run.stderr).toMatch(/apt-get install wine64/);
  });
});

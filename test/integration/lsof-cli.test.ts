// The built CLI with --backend lsof, as a person runs it on Linux: `list --backend lsof` reports
// this test's child's sockets as the default backend does, a bad --backend is a usage error, and
// `kill --backend lsof` ends the child after the pid-reuse check.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../shared/model';
import { builtFile } from '../support/build-output';
import { spawnSocketChild, stopAllSocketChildren, type SocketChild } from '../support/socket-child';

const root = fileURLToPath(new URL('../..', import.meta.url));
let cli = '';

function runCli(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [cli, ...args],
      { cwd: root, env, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

let child: SocketChild;
let ports: number[] = [];

beforeAll(async () => {
  cli = builtFile('out/main/cli.js');
  child = await spawnSocketChild({ title: 'ps-cli-lsof' });
  const listener = await child.listenTcp('127.0.0.1');
  const client = await child.connectTcp('127.0.0.1', listener.port);
  await child.waitForAccepted(listener.handle);
  const udp = await child.bindUdp('::1');
  ports = [listener.port, client.localPort, udp.port];
}, 180_000);

afterAll(async () => {
  await stopAllSocketChildren();
});

/** The fields that must agree; processStartTime is compared apart (ps: to the second). */
/**
 * What both backends must agree on: all but when each saw the row, the start time (ps prints
 * whole seconds) and traffic (lsof has none on Linux; the default backend's come from sock_diag).
 */
function comparable(row: Connection) {
  const {
    firstSeen: _firstSeen,
    processStartTime: _processStartTime,
    bytesSent: _bytesSent,
    bytesReceived: _bytesReceived,
    packetsSent: _packetsSent,
    packetsReceived: _packetsReceived,
    sendRate: _sendRate,
    receiveRate: _receiveRate,
    ...rest
  } = row;
  return rest;
}

describe('portscope list --backend lsof', () => {
  it("reports the child's sockets as the default backend does", async () => {
    const [lsof, linux] = await Promise.all([
      runCli(['list', '--backend', 'lsof', '--format', 'json', '--no-resolve']),
      runCli(['list', '--format', 'json', '--no-resolve']),
    ]);
    expect(lsof.code).toBe(0);
    expect(linux.code).toBe(0);
    const ours = (rows: Connection[]) =>
      rows.filter((row) => row.pid === child.pid && ports.includes(row.localPort));
    const fromLsof = ours(JSON.parse(lsof.stdout) as Connection[]);
    const fromLinux = ours(JSON.parse(linux.stdout) as Connection[]);
    expect(fromLsof).toHaveLength(4);
    expect(fromLsof.map(comparable)).toEqual(fromLinux.map(comparable));
    for (const [i, row] of fromLsof.entries()) {
      const delta = fromLinux[i]!.processStartTime! - row.processStartTime!;
      expect(delta).toBeGreaterThanOrEqual(0);
      expect(delta).toBeLessThan(1000);
    }
    expect(fromLsof[0]).toMatchObject({ processName: 'ps-cli-lsof', commandLine: 'ps-cli-lsof' });
  });

  it('documents --backend in list --help, and in every command that reads the table', async () => {
    const [list, ...others] = await Promise.all(
      ['list', 'export', 'watch', 'close', 'kill'].map((command) => runCli([command, '--help'])),
    );
    expect(list!.stdout).toMatch(/--backend NAME/);
    expect(list!.stdout).toMatch(/lsof \(lsof, ps and net-tools netstat/);
    for (const help of others) expect(help.stdout).toMatch(/--backend NAME/);
  });

  it('refuses a backend that is unknown or cannot run here, with exit code 2', async () => {
    const unknown = await runCli(['list', '--backend', 'bsd']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(
      /Unknown backend "bsd": use one of linux, windows, darwin, lsof/,
    );
    const elsewhere = await runCli(['list', '--backend', 'darwin']);
    expect(elsewhere.code).toBe(2);
    expect(elsewhere.stderr).toMatch(/darwin backend cannot run on linux; here use linux/);
  });

  it('takes PORTSCOPE_BACKEND when --backend is not given, and --backend over it', async () => {
    const env = (name: string) => ({ ...process.env, PORTSCOPE_BACKEND: name });
    const refused = await runCli(['list', '--format', 'json'], env('darwin'));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/darwin backend cannot run on linux/);
    const chosen = await runCli(['list', '--format', 'json', '--no-resolve'], env('lsof'));
    expect(chosen.code).toBe(0);
    expect((JSON.parse(chosen.stdout) as Connection[]).some((r) => r.pid === child.pid)).toBe(true);
    const flag = await runCli(['list', '--backend', 'lsof', '--format', 'json'], env('darwin'));
    expect(flag.code).toBe(0);
  });
});

describe('portscope kill --backend lsof', () => {
  it('ends a process that owns a row', async () => {
    const victim = await spawnSocketChild({ title: 'ps-cli-lsof-kill' });
    await victim.listenTcp('127.0.0.1');
    const { code, stdout, stderr } = await runCli([
      'kill',
      '--backend',
      'lsof',
      '--yes',
      String(victim.pid),
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`Ended .*${victim.pid}`));
    expect((await victim.exited).signal).toBe('SIGTERM');
  });
});

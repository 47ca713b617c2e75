// `portscope close` and `portscope kill` run in-process (runCli) against sockets and processes
// this test starts, and only those.
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/run';
import { spawnSocketChild, stopAllSocketChildren } from '../support/socket-child';

afterAll(() => stopAllSocketChildren());

async function cli(argv: string[]) {
  let stdout = '';
  let stderr = '';
  // Not a TTY: like a script or CI.
  const stdin = new PassThrough();
  const code = await runCli(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    stdin,
    isTTY: false,
  });
  return { code, stdout, stderr };
}

describe('portscope close / kill', () => {
  it('close with wildcards resets the matching connection and prints it', async () => {
    const server = await spawnSocketChild();
    const client = await spawnSocketChild();
    const listener = await server.listenTcp('127.0.0.1');
    const connection = await client.connectTcp('127.0.0.1', listener.port);
    const [accepted] = await server.waitForAccepted(listener.handle);

    const refused = await cli(['close', '127.0.0.1', String(connection.localPort), '*', '*']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/no terminal.*--yes/);

    const result = await cli([
      'close',
      '--yes',
      '*',
      String(connection.localPort),
      '127.0.0.1',
      String(listener.port),
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      `Closed 127.0.0.1:${connection.localPort} \u2192 127.0.0.1:${listener.port}`,
    );
    expect((await server.waitForEnd(accepted!.handle)).code).toBe('ECONNRESET');
    expect((await client.waitForEnd(connection.handle)).event).toBeDefined();

    // The exact tuple again, not a wildcard: once the port is free another test's connection may
    // take it, and a test closes only what it started.
    const nothing = await cli([
      'close',
      '--yes',
      '127.0.0.1',
      String(connection.localPort),
      '127.0.0.1',
      String(listener.port),
    ]);
    expect(nothing.code).toBe(1);
    expect(nothing.stderr).toMatch(/no connected TCP connection matches/);
  });

  it('kill refuses without a terminal or --yes, then ends the process with --yes', async () => {
    const child = await spawnSocketChild();
    await child.listenTcp('127.0.0.1');
    const refused = await cli(['kill', String(child.pid)]);
    expect(refused.code).toBe(1);
    expect(child.process.exitCode === null && child.process.signalCode === null).toBe(true);

    const result = await cli(['kill', '--yes', String(child.pid)]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`Ended .*pid ${child.pid}`));
    expect(await child.exited).toMatchObject({ signal: 'SIGTERM' });
  });

  it('kill reports a refusal with exit 1 and bad pids as usage errors', async () => {
    expect((await cli(['kill', '--yes', '1'])).stderr).toMatch(/init process/);
    expect((await cli(['kill', '--yes', 'abc'])).code).toBe(2);
    expect((await cli(['close', '--yes', '1.2.3', '*', '*', '*'])).code).toBe(2);
  });
});

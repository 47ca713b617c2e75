// The socket child is the ground truth of every integration test, so check it on its own:
// its sockets must really exist (seen by `ss`) and really end.
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSocketChild, stopAllSocketChildren } from '../support/socket-child';
import { requireTool } from '../support/required-tools';

afterAll(stopAllSocketChildren);

function ssListenersOf(pid: number): string {
  requireTool('ss');
  return execFileSync('ss', ['-tlnpH'], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes(`pid=${pid},`))
    .join('\n');
}

describe('socket child', () => {
  it('owns a real TCP listener and connection that ss sees, and reports a reset', async () => {
    const server = await spawnSocketChild();
    const client = await spawnSocketChild();
    const listener = await server.listenTcp('127.0.0.1');
    expect(ssListenersOf(server.pid)).toContain(`127.0.0.1:${listener.port}`);

    const connection = await client.connectTcp('127.0.0.1', listener.port);
    const [accepted] = await server.waitForAccepted(listener.handle);
    expect(accepted!.remotePort).toBe(connection.localPort);

    await server.close(accepted!.handle);
    const end = await client.waitForEnd(connection.handle);
    expect(end.event).toBe('close');

    await server.exit();
    expect(server.alive).toBe(false);
  });

  it('binds UDP on IPv6 loopback and survives SIGTERM when asked to', async () => {
    const child = await spawnSocketChild({ ignoreSigterm: true, title: 'sock-child-test' });
    const udp = await child.bindUdp('::1');
    const udpLines = execFileSync('ss', ['-ulnpH'], { encoding: 'utf8' });
    expect(udpLines).toContain(`[::1]:${udp.port}`);
    child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(child.alive).toBe(true);
    child.kill('SIGKILL');
    const exit = await child.exited;
    expect(exit.signal).toBe('SIGKILL');
  });
});

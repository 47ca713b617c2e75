// The Linux backend against the real kernel: sockets opened by child processes this test starts
// (loopback only), read back with their pid, process and state, cross-checked against `ss`.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RawSocket } from '../../shared/model';
import { createLinuxBackend, type LinuxBackend } from '../../electron/platform/linux';
import { readProcessInfo } from '../../electron/platform/linux/process-info';
import { NoSuchProcess } from '../../electron/platform/errors';
import { spawnSocketChild, stopAllSocketChildren, type SocketChild } from '../support/socket-child';
import { requireTool } from '../support/required-tools';

const isRoot = process.getuid?.() === 0;
let backend: LinuxBackend;
let child: SocketChild;

beforeAll(async () => {
  backend = createLinuxBackend();
  child = await spawnSocketChild({ title: 'portscope-linux-it' });
});

afterAll(async () => {
  await stopAllSocketChildren();
});

function findSocket(
  sockets: RawSocket[],
  match: Partial<
    Pick<RawSocket, 'protocol' | 'family' | 'localAddress' | 'localPort' | 'remotePort' | 'state'>
  >,
): RawSocket | undefined {
  return sockets.find((socket) =>
    Object.entries(match).every(([key, value]) => socket[key as keyof RawSocket] === value),
  );
}

describe('Linux backend on real sockets', () => {
  for (const [host, family] of [
    ['127.0.0.1', 4],
    ['::1', 6],
  ] as const) {
    it(`reports a TCP listener and both ends of a connection on ${host} with the child's pid`, async () => {
      const listener = await child.listenTcp(host);
      const client = await child.connectTcp(host, listener.port);
      await child.waitForAccepted(listener.handle);

      const read = backend.readSocketsSync();
      const listening = findSocket(read.sockets, {
        protocol: 'tcp',
        localPort: listener.port,
        state: 'LISTEN',
      });
      expect(listening).toMatchObject({
        family,
        localAddress: host,
        remoteAddress: null,
        remotePort: null,
        pid: child.pid,
        socketUid: 0,
      });
      // By both ports: on a busy machine connect() gives one local port to several connections
      // that go to different places.
      const outgoing = findSocket(read.sockets, {
        protocol: 'tcp',
        localPort: client.localPort,
        remotePort: listener.port,
      });
      expect(outgoing).toMatchObject({
        family,
        localAddress: host,
        remoteAddress: host,
        remotePort: listener.port,
        state: 'ESTABLISHED',
        pid: child.pid,
      });
      const incoming = findSocket(read.sockets, {
        protocol: 'tcp',
        localPort: listener.port,
        remotePort: client.localPort,
      });
      expect(incoming).toMatchObject({ state: 'ESTABLISHED', pid: child.pid });

      const info = read.processes.get(child.pid);
      expect(info).toMatchObject({
        pid: child.pid,
        // process.title sets comm, cut to 15 bytes ("portscope-linux"); argv[0] has it whole.
        name: 'portscope-linux-it',
        path: process.execPath,
        pathDeleted: false,
        user: 'root',
        uid: 0,
        parentPid: process.pid,
      });
      expect(info?.commandLine).toContain('portscope-linux-it');
      expect(info?.startTime).toBe(readProcessInfo(child.pid).startTime);

      await child.close(client.handle);
      await child.waitForEnd(client.handle);
      await child.close(listener.handle);
      await child.waitForEnd(listener.handle);
      const after = backend.readSocketsSync();
      expect(
        findSocket(after.sockets, { protocol: 'tcp', localPort: listener.port, state: 'LISTEN' }),
      ).toBeUndefined();
      // The client side closed first, so its end lingers in TIME_WAIT with no inode and no owner.
      const lingering = findSocket(after.sockets, {
        protocol: 'tcp',
        localPort: client.localPort,
        remotePort: listener.port,
      });
      if (lingering)
        expect(lingering).toMatchObject({ state: 'TIME_WAIT', inode: null, pid: null });
    });

    it(`reports UDP bound and connected on ${host} with no state`, async () => {
      const bound = await child.bindUdp(host);
      const sender = await child.bindUdp(host);
      await child.connectUdp(sender.handle, host, bound.port);

      const read = backend.readSocketsSync();
      expect(findSocket(read.sockets, { protocol: 'udp', localPort: bound.port })).toMatchObject({
        family,
        localAddress: host,
        remoteAddress: null,
        remotePort: null,
        state: null,
        pid: child.pid,
      });
      expect(findSocket(read.sockets, { protocol: 'udp', localPort: sender.port })).toMatchObject({
        family,
        remoteAddress: host,
        remotePort: bound.port,
        state: null,
        pid: child.pid,
      });

      await child.close(bound.handle);
      await child.waitForEnd(bound.handle);
      const after = backend.readSocketsSync();
      expect(findSocket(after.sockets, { protocol: 'udp', localPort: bound.port })).toBeUndefined();
      expect(findSocket(after.sockets, { protocol: 'udp', localPort: sender.port })?.pid).toBe(
        child.pid,
      );
      await child.close(sender.handle);
    });
  }

  it('shows an IPv4 peer of a dual-stack listener as IPv4 on a tcp6 socket', async () => {
    const listener = await child.listenTcp('::');
    const client = await child.connectTcp('127.0.0.1', listener.port);
    await child.waitForAccepted(listener.handle);
    const read = backend.readSocketsSync();
    expect(findSocket(read.sockets, { localPort: listener.port, state: 'LISTEN' })).toMatchObject({
      family: 6,
      localAddress: '::',
      pid: child.pid,
    });
    expect(
      findSocket(read.sockets, { localPort: listener.port, remotePort: client.localPort }),
    ).toMatchObject({
      family: 6,
      localAddress: '127.0.0.1',
      remoteAddress: '127.0.0.1',
      pid: child.pid,
    });
    await child.close(client.handle);
    await child.close(listener.handle);
  });

  it("agrees with `ss -tuanpH` on the child's sockets", async () => {
    const listener = await child.listenTcp('127.0.0.1');
    const client = await child.connectTcp('127.0.0.1', listener.port);
    await child.waitForAccepted(listener.handle);
    const udp = await child.bindUdp('::1');

    const read = backend.readSocketsSync();
    requireTool('ss');
    const ssOutput = execFileSync('ss', ['-tuanpH'], {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024, // other tests' benchmarks may hold 20,000 sockets
    });
    const key = (protocol: string, local: string, peer: string) => `${protocol} ${local} ${peer}`;
    const bracket = (address: string | null, port: number | null, family: number) => {
      if (address === null) return family === 6 ? '[::]:*' : '0.0.0.0:*';
      return `${family === 6 && address.includes(':') ? `[${address}]` : address}:${port}`;
    };
    const ours = (socket: RawSocket) =>
      socket.localPort === listener.port ||
      socket.localPort === client.localPort ||
      socket.localPort === udp.port;
    const fromBackend = read.sockets
      .filter((socket) => socket.pid === child.pid && ours(socket))
      .map((socket) =>
        key(
          socket.protocol,
          bracket(socket.localAddress, socket.localPort, socket.family),
          socket.remoteAddress === null
            ? '*'
            : bracket(socket.remoteAddress, socket.remotePort, socket.family),
        ),
      )
      .sort();
    // ss -H columns: Netid State Recv-Q Send-Q Local Peer Process
    const fromSs = ssOutput
      .split('\n')
      .filter((line) => line.includes(`pid=${child.pid},`))
      .map((line) => line.trim().split(/\s+/))
      .filter(([, , , , local]) =>
        [listener.port, client.localPort, udp.port].some((port) => local!.endsWith(`:${port}`)),
      )
      .map(([netid, , , , local, peer]) =>
        key(netid!, local!.replace(/^\*:/, '0.0.0.0:'), /(^|:)\*$/.test(peer!) ? '*' : peer!),
      )
      .sort();
    expect(fromSs.length).toBe(4);
    expect(fromBackend).toEqual(fromSs);
    await child.close(client.handle);
    await child.close(listener.handle);
    await child.close(udp.handle);
  });

  it('drops a pid that exited and attributes a new process without a stale cache', async () => {
    const second = await spawnSocketChild({ title: 'portscope-linux-it-2' });
    const listener = await second.listenTcp('127.0.0.1');
    let read = backend.readSocketsSync();
    expect(findSocket(read.sockets, { localPort: listener.port, state: 'LISTEN' })?.pid).toBe(
      second.pid,
    );
    await second.exit();
    read = backend.readSocketsSync();
    expect(findSocket(read.sockets, { localPort: listener.port, state: 'LISTEN' })).toBeUndefined();
    expect(read.processes.has(second.pid)).toBe(false);
    expect(() => readProcessInfo(second.pid)).toThrow(NoSuchProcess);
  });
});

describe.runIf(isRoot)("another user's socket, read as root", () => {
  it('is attributed to the process, with user "nobody"', async () => {
    const nobodyChild = await spawnSocketChild({
      title: 'portscope-linux-nobody',
      wrapper: ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'],
    });
    const listener = await nobodyChild.listenTcp('127.0.0.1');
    const read = backend.readSocketsSync();
    const socket = findSocket(read.sockets, { localPort: listener.port, state: 'LISTEN' });
    expect(socket).toMatchObject({ pid: nobodyChild.pid, socketUid: 65534 });
    expect(read.processes.get(nobodyChild.pid)).toMatchObject({ user: 'nobody', uid: 65534 });
    expect(read.privileged).toBe(true);
    expect(read.warnings).toEqual([]);
    await nobodyChild.exit();
  });
});

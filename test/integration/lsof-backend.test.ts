// The lsof backend against the real kernel, through the real lsof, netstat and ps: sockets opened
// by child processes this test starts (loopback only), read back with their pid, process and
// state, and cross-checked against the default Linux backend reading the same sockets.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_TRAFFIC_COUNTERS, type ProcessInfo, type RawSocket } from '../../shared/model';
import { createBackend } from '../../electron/core/backend';
import type { Dialogs } from '../../electron/core/context';
import { createMemorySettingsStore } from '../../electron/core/settings-store';
import { createLinuxBackend, type LinuxBackend } from '../../electron/platform/linux';
import {
  UNPRIVILEGED_WARNING,
  createLsofBackend,
  type LsofBackend,
} from '../../electron/platform/lsof';
import {
  createCommandRunner,
  type CommandRunner,
} from '../../electron/platform/lsof/command-runner';
import { bundleUserScript, type UserScript } from '../support/script-as-user';
import { spawnSocketChild, stopAllSocketChildren, type SocketChild } from '../support/socket-child';

const isRoot = process.getuid?.() === 0;
let lsof: LsofBackend;
let linux: LinuxBackend;
let child: SocketChild;

beforeAll(async () => {
  lsof = createLsofBackend();
  linux = createLinuxBackend();
  child = await spawnSocketChild({ title: 'portscope-lsof-it' });
});

afterAll(async () => {
  await stopAllSocketChildren();
});

const socketKey = (s: RawSocket) =>
  `${s.protocol}|${s.family}|${s.localAddress}|${s.localPort}|${s.remoteAddress}|${s.remotePort}`;

function findSocket(
  sockets: RawSocket[],
  match: Partial<Pick<RawSocket, 'protocol' | 'localPort' | 'remotePort' | 'state'>>,
): RawSocket | undefined {
  return sockets.find((socket) =>
    Object.entries(match).every(([key, value]) => socket[key as keyof RawSocket] === value),
  );
}

/**
 * Both backends' rows of these ports, sorted: they must be the same rows, field for field, but
 * for traffic. lsof has no counters (on macOS they come from BSD netstat -b, which Linux lacks),
 * so the lsof rows carry none; the Linux backend's come from sock_diag and are left out here.
 */
async function bothBackends(ports: number[]) {
  const ours = (s: RawSocket) => ports.includes(s.localPort);
  const fromLsof = (await lsof.readSockets()).sockets.filter(ours);
  for (const socket of fromLsof) expect(socket).toMatchObject(NO_TRAFFIC_COUNTERS);
  const fromLinux = linux
    .readSocketsSync()
    .sockets.filter(ours)
    .map((socket) => ({ ...socket, ...NO_TRAFFIC_COUNTERS }));
  const sort = (list: RawSocket[]) => list.sort((a, b) => socketKey(a).localeCompare(socketKey(b)));
  return { fromLsof: sort(fromLsof), fromLinux: sort(fromLinux) };
}

/** Process details agree; ps gives the start to the second, /proc to the clock tick. */
function expectSameProcess(fromLsof: ProcessInfo | undefined, fromLinux: ProcessInfo | undefined) {
  expect(fromLsof).toBeDefined();
  expect(fromLinux).toBeDefined();
  const { startTime: lsofStart, ...lsofRest } = fromLsof!;
  const { startTime: linuxStart, ...linuxRest } = fromLinux!;
  expect(lsofRest).toEqual(linuxRest);
  expect(linuxStart! - lsofStart!).toBeGreaterThanOrEqual(0);
  expect(linuxStart! - lsofStart!).toBeLessThan(1000);
}

describe('lsof backend on real sockets', () => {
  for (const [host, family] of [
    ['127.0.0.1', 4],
    ['::1', 6],
  ] as const) {
    it(`reports a TCP listener and both ends of a connection on ${host}, as the Linux backend does`, async () => {
      const listener = await child.listenTcp(host);
      const client = await child.connectTcp(host, listener.port);
      await child.waitForAccepted(listener.handle);

      const read = await lsof.readSockets();
      expect(findSocket(read.sockets, { localPort: listener.port, state: 'LISTEN' })).toMatchObject(
        {
          protocol: 'tcp',
          family,
          localAddress: host,
          remoteAddress: null,
          remotePort: null,
          pid: child.pid,
          socketUid: 0,
        },
      );
      expect(findSocket(read.sockets, { localPort: client.localPort })).toMatchObject({
        family,
        localAddress: host,
        remoteAddress: host,
        remotePort: listener.port,
        state: 'ESTABLISHED',
        pid: child.pid,
      });
      expect(
        findSocket(read.sockets, { localPort: listener.port, remotePort: client.localPort }),
      ).toMatchObject({ state: 'ESTABLISHED', pid: child.pid });
      expect(read.processes.get(child.pid)).toMatchObject({
        pid: child.pid,
        // comm is cut to "portscope-lsof-"; the command line has the whole title.
        name: 'portscope-lsof-it',
        path: process.execPath,
        commandLine: 'portscope-lsof-it',
        user: 'root',
        parentPid: process.pid,
      });

      const { fromLsof, fromLinux } = await bothBackends([listener.port, client.localPort]);
      expect(fromLsof).toHaveLength(3);
      expect(fromLsof).toEqual(fromLinux);
      expectSameProcess(
        (await lsof.readSockets()).processes.get(child.pid),
        linux.readSocketsSync().processes.get(child.pid),
      );

      // Closed by the child: gone at the next poll. The end that closed first lingers in
      // TIME_WAIT, from netstat's table, with no owner and no inode, as in /proc.
      await child.close(client.handle);
      await child.waitForEnd(client.handle);
      await child.close(listener.handle);
      await child.waitForEnd(listener.handle);
      const after = await lsof.readSockets();
      expect(
        findSocket(after.sockets, { localPort: listener.port, state: 'LISTEN' }),
      ).toBeUndefined();
      const lingering = findSocket(after.sockets, { localPort: client.localPort });
      if (lingering) {
        expect(lingering).toMatchObject({ state: 'TIME_WAIT', inode: null, pid: null });
      }
    });

    it(`reports UDP bound and connected on ${host} with no state, as the Linux backend does`, async () => {
      const bound = await child.bindUdp(host);
      const sender = await child.bindUdp(host);
      await child.connectUdp(sender.handle, host, bound.port);

      const read = await lsof.readSockets();
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
      const { fromLsof, fromLinux } = await bothBackends([bound.port, sender.port]);
      expect(fromLsof).toHaveLength(2);
      expect(fromLsof).toEqual(fromLinux);

      await child.close(bound.handle);
      await child.waitForEnd(bound.handle);
      const after = await lsof.readSockets();
      expect(findSocket(after.sockets, { protocol: 'udp', localPort: bound.port })).toBeUndefined();
      expect(findSocket(after.sockets, { protocol: 'udp', localPort: sender.port })?.pid).toBe(
        child.pid,
      );
      await child.close(sender.handle);
    });
  }

  it('shows an IPv4 peer of a dual-stack listener as IPv4 on an IPv6 socket', async () => {
    const listener = await child.listenTcp('::');
    const client = await child.connectTcp('127.0.0.1', listener.port);
    await child.waitForAccepted(listener.handle);
    const read = await lsof.readSockets();
    expect(findSocket(read.sockets, { localPort: listener.port, state: 'LISTEN' })).toMatchObject({
      family: 6,
      localAddress: '::',
      pid: child.pid,
    });
    expect(
      findSocket(read.sockets, { localPort: listener.port, remotePort: client.localPort }),
    ).toMatchObject({ family: 6, localAddress: '127.0.0.1', remoteAddress: '127.0.0.1' });
    const { fromLsof, fromLinux } = await bothBackends([listener.port, client.localPort]);
    expect(fromLsof).toHaveLength(3);
    expect(fromLsof).toEqual(fromLinux);
    await child.close(client.handle);
    await child.close(listener.handle);
  });

  it('reads no lsof warning and nothing malformed on this machine', async () => {
    const read = await lsof.readSockets();
    expect(read.malformedLines).toBe(0);
    expect(lsof.lastRead()).toMatchObject({ lsofProblems: [] });
    expect(read.warnings.some((w) => w.startsWith('lsof:'))).toBe(false);
  });

  it('drops a pid that exited and attributes a new process without a stale cache', async () => {
    const second = await spawnSocketChild({ title: 'portscope-lsof-it-2' });
    const listener = await second.listenTcp('127.0.0.1');
    let read = await lsof.readSockets();
    expect(findSocket(read.sockets, { localPort: listener.port, state: 'LISTEN' })?.pid).toBe(
      second.pid,
    );
    const identity = await lsof.readProcessIdentity(second.pid);
    // The actions' pid-reuse check compares exactly these two values.
    expect(identity).toMatchObject({ pid: second.pid, executable: process.execPath });
    expect(identity?.startTime).toBe(read.processes.get(second.pid)?.startTime);
    await second.exit();
    read = await lsof.readSockets();
    expect(findSocket(read.sockets, { localPort: listener.port })).toBeUndefined();
    expect(read.processes.has(second.pid)).toBe(false);
    expect(await lsof.readProcessIdentity(second.pid)).toBeNull();
  });

  /**
   * The real runner, with `between` run once after the first call of `tool`; `seen` collects
   * what each tool printed.
   */
  function runnerPausingAfter(tool: 'lsof' | 'ps', between: () => Promise<void>) {
    const real = createCommandRunner();
    const seen: string[] = [];
    let done = false;
    const run: CommandRunner = async (name, args) => {
      const result = await real(name, args);
      seen.push(`${name}: ${result.stdout}`);
      if (name === tool && !done) {
        done = true;
        await between();
      }
      return result;
    };
    return { run, seen };
  }

  it('is no error when an owner exits between lsof and ps: its sockets are not its any more', async () => {
    const leaving = await spawnSocketChild({ title: 'portscope-lsof-exit' });
    const listener = await leaving.listenTcp('127.0.0.1');
    const stays = await child.listenTcp('127.0.0.1');
    const { run, seen } = runnerPausingAfter('lsof', () => leaving.exit());
    const read = await createLsofBackend({ run }).readSockets();
    // lsof saw the process with its listener; by the time ps asked, it was gone.
    expect(seen.find((text) => text.startsWith('lsof:'))).toContain(
      `n127.0.0.1:${listener.port}\0`,
    );
    expect(read.processes.has(leaving.pid)).toBe(false);
    expect(read.sockets.filter((s) => s.pid === leaving.pid)).toEqual([]);
    expect(findSocket(read.sockets, { localPort: stays.port })?.pid).toBe(child.pid);
    await child.close(stays.handle);
  });

  it('is no error when a new owner exits while its details are read', async () => {
    const leaving = await spawnSocketChild({ title: 'portscope-lsof-exit2' });
    const listener = await leaving.listenTcp('127.0.0.1');
    const { run } = runnerPausingAfter('ps', () => leaving.exit());
    const backend = createLsofBackend({ run });
    const read = await backend.readSockets();
    // ps told its start time; its command line and executable were asked for after it exited.
    expect(read.processes.get(leaving.pid)).toMatchObject({
      pid: leaving.pid,
      commandLine: null,
      path: null,
      note: expect.stringMatching(/could not be read/),
    });
    expect(findSocket(read.sockets, { localPort: listener.port })?.pid).toBe(leaving.pid);
    const next = await backend.readSockets();
    expect(next.processes.has(leaving.pid)).toBe(false);
    expect(next.sockets.some((s) => s.pid === leaving.pid)).toBe(false);
  });

  /** The core backend (the handlers the window calls) over the lsof backend; dialogs say yes. */
  async function coreBackend() {
    const agree: Dialogs = {
      confirm: async () => ({ confirmed: true, checkboxChecked: false }),
      saveFile: async () => null,
      openFile: async () => null,
    };
    const backend = createBackend({
      platform: createLsofBackend(),
      settings: createMemorySettingsStore({ poll: { intervalMs: 1000, paused: true } }),
      dialogs: agree,
      emit: () => {},
      dataDir: fileURLToPath(new URL('../../.tmp/lsof-actions-data', import.meta.url)),
      pollSource: 'in-process',
      resolveNames: false,
    });
    await backend.start();
    return backend;
  }

  it('kills the process that owns a row, after checking it is still the same process', async () => {
    const victim = await spawnSocketChild({ title: 'portscope-lsof-kill' });
    const listener = await victim.listenTcp('127.0.0.1');
    const backend = await coreBackend();
    try {
      const row = [...backend.table.rows()].find((r) => r.localPort === listener.port);
      expect(row?.pid).toBe(victim.pid);
      const [report] = await backend.handlers.killProcesses([{ pid: victim.pid }]);
      expect(report).toMatchObject({ ok: true, outcome: 'done' });
      expect((await victim.exited).signal).toBe('SIGTERM');
      await backend.handlers.refreshNow();
      expect([...backend.table.rows()].some((r) => r.pid === victim.pid)).toBe(false);
    } finally {
      await backend.stop();
    }
  });

  it('closes a connection on Linux as the Linux backend does (ss -K), and the row goes', async () => {
    const listener = await child.listenTcp('127.0.0.1');
    const client = await child.connectTcp('127.0.0.1', listener.port);
    await child.waitForAccepted(listener.handle);
    const backend = await coreBackend();
    try {
      const row = [...backend.table.rows()].find((r) => r.localPort === client.localPort);
      expect(row).toMatchObject({ pid: child.pid, state: 'ESTABLISHED' });
      const [report] = await backend.handlers.closeConnections([
        {
          localAddress: row!.localAddress,
          localPort: row!.localPort,
          remoteAddress: row!.remoteAddress!,
          remotePort: row!.remotePort!,
        },
      ]);
      expect(report).toMatchObject({ ok: true, outcome: 'done' });
      const end = await child.waitForEnd(client.handle);
      expect(end.event === 'close' || end.code === 'ECONNABORTED').toBe(true);
      expect(backend.table.get(row!.id)).toBeUndefined();
    } finally {
      await backend.stop();
      await child.close(listener.handle);
    }
  });
});

describe.runIf(isRoot)("another user's socket", () => {
  let script: UserScript | null = null;

  afterAll(() => script?.remove());

  it('read as root: attributed to the process, with user "nobody"', async () => {
    const nobodyChild = await spawnSocketChild({
      title: 'portscope-lsof-nobody',
      wrapper: ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'],
    });
    const listener = await nobodyChild.listenTcp('127.0.0.1');
    const read = await lsof.readSockets();
    expect(findSocket(read.sockets, { localPort: listener.port, state: 'LISTEN' })).toMatchObject({
      pid: nobodyChild.pid,
      socketUid: 65534,
    });
    expect(read.processes.get(nobodyChild.pid)).toMatchObject({ user: 'nobody', uid: 65534 });
    await nobodyChild.exit();
  });

  it("read as nobody: root's socket is owner unknown, its own is attributed", async () => {
    const backendEntry = fileURLToPath(
      new URL('../../electron/platform/lsof/index.ts', import.meta.url),
    );
    script = await bundleUserScript(
      'lsof-as-nobody',
      `import { createLsofBackend } from ${JSON.stringify(backendEntry)};
const backend = createLsofBackend();
const read = await backend.readSockets();
process.stdout.write(JSON.stringify({ uid: process.getuid(), privileged: read.privileged,
  warnings: read.warnings, sockets: read.sockets, user: backend.userName(0) }));
`,
    );
    const rootListener = await child.listenTcp('127.0.0.1');
    const nobodyChild = await spawnSocketChild({
      title: 'portscope-lsof-nobody',
      wrapper: ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'],
    });
    const nobodyListener = await nobodyChild.listenTcp('::1');
    const read = JSON.parse(script.runAsNobody()) as {
      uid: number;
      privileged: boolean;
      warnings: string[];
      sockets: RawSocket[];
      user: string;
    };
    expect(read.uid).toBe(65534);
    expect(read.privileged).toBe(false);
    expect(read.warnings).toContain(UNPRIVILEGED_WARNING);
    expect(
      findSocket(read.sockets, { localPort: rootListener.port, state: 'LISTEN' }),
    ).toMatchObject({ localAddress: '127.0.0.1', pid: null, socketUid: 0 });
    expect(read.user).toBe('root');
    expect(
      findSocket(read.sockets, { localPort: nobodyListener.port, state: 'LISTEN' }),
    ).toMatchObject({ localAddress: '::1', pid: nobodyChild.pid, socketUid: 65534 });
    await nobodyChild.exit();
    await child.close(rootListener.handle);
  }, 60_000);
});

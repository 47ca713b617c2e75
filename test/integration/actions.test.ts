// Kill and close through the same handlers the renderer calls (createBackend), against real
// processes and real loopback sockets that this test starts, and only those.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseInvokeArgs } from '../../shared/contract';
import type { Connection } from '../../shared/model';
import { createActionHandlers } from '../../electron/core/actions/handlers';
import { createBackend, type Backend } from '../../electron/core/backend';
import type { ConfirmAnswer, ConfirmRequest, Dialogs } from '../../electron/core/context';
import { createMemorySettingsStore } from '../../electron/core/settings-store';
import { createLinuxBackend } from '../../electron/platform/linux';
import { spawnSocketChild, stopAllSocketChildren, type SocketChild } from '../support/socket-child';

/** The dialog is main-side: the test answers it the way a person would, and sees what it asked. */
class ScriptedDialogs implements Dialogs {
  asked: ConfirmRequest[] = [];
  answers: ConfirmAnswer[] = [];
  async confirm(request: ConfirmRequest): Promise<ConfirmAnswer> {
    this.asked.push(request);
    return this.answers.shift() ?? { confirmed: false, checkboxChecked: false };
  }
  async saveFile(): Promise<string | null> {
    return null;
  }
  async openFile(): Promise<string | null> {
    return null;
  }
  yes(times = 1, checkbox = false): void {
    for (let i = 0; i < times; i += 1) {
      this.answers.push({ confirmed: true, checkboxChecked: checkbox });
    }
  }
}

const dialogs = new ScriptedDialogs();
let backend: Backend;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'portscope-actions-'));
  backend = createBackend({
    platform: createLinuxBackend(),
    settings: createMemorySettingsStore({ poll: { intervalMs: 1000, paused: true } }),
    dialogs,
    emit: () => {},
    dataDir,
    pollSource: 'in-process',
  });
  await backend.start();
});

afterAll(async () => {
  await stopAllSocketChildren();
  await backend.stop();
  await rm(dataDir, { recursive: true, force: true });
});

beforeEach(() => {
  dialogs.asked = [];
  dialogs.answers = [];
});

function rowsOfPid(pid: number): Connection[] {
  return [...backend.table.rows()].filter((row) => row.pid === pid);
}

function isAlive(child: SocketChild): boolean {
  return child.process.exitCode === null && child.process.signalCode === null;
}

async function listenerChild(options: { ignoreSigterm?: boolean } = {}) {
  const child = await spawnSocketChild({ ...options, title: 'portscope-kill-me' });
  const listener = await child.listenTcp('127.0.0.1');
  await backend.handlers.refreshNow();
  const rows = rowsOfPid(child.pid);
  expect(rows.map((row) => row.localPort)).toContain(listener.port);
  return { child, listener, row: rows[0]! };
}

/** A client child connected to a listener child; both sides' rows are in the table. */
async function connectedPair(listenHost: string, connectHost: string) {
  const server = await spawnSocketChild();
  const client = await spawnSocketChild();
  const listener = await server.listenTcp(listenHost);
  const connection = await client.connectTcp(connectHost, listener.port);
  const [accepted] = await server.waitForAccepted(listener.handle);
  await backend.handlers.refreshNow();
  const clientRow = rowsOfPid(client.pid).find((row) => row.localPort === connection.localPort);
  const serverRow = rowsOfPid(server.pid).find(
    (row) => row.remotePort === connection.localPort && row.state === 'ESTABLISHED',
  );
  expect(clientRow?.state).toBe('ESTABLISHED');
  expect(serverRow).toBeDefined();
  return {
    server,
    client,
    connection,
    accepted: accepted!,
    clientRow: clientRow!,
    serverRow: serverRow!,
  };
}

function tupleOf(row: Connection) {
  return {
    localAddress: row.localAddress,
    localPort: row.localPort,
    remoteAddress: row.remoteAddress!,
    remotePort: row.remotePort!,
  };
}

describe('kill through the backend handlers', () => {
  it('ends a listener child with SIGTERM after one confirmation; its row goes', async () => {
    const { child, row } = await listenerChild();
    dialogs.yes();
    const reports = await backend.handlers.killProcesses([{ pid: child.pid }, { pid: child.pid }]);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ ok: true, outcome: 'done' });
    expect(dialogs.asked).toHaveLength(1);
    expect(dialogs.asked[0]!.message).toContain(`pid ${child.pid}`);
    expect(dialogs.asked[0]!.detail).toContain(row.processPath ?? '(path');
    expect(dialogs.asked[0]!.detail).toContain(`user ${row.user}`);
    expect(await child.exited).toMatchObject({ signal: 'SIGTERM' });
    expect(backend.table.get(row.id)).toBeUndefined();
    expect(rowsOfPid(child.pid)).toEqual([]);
  });

  it('offers a forced kill to a child that ignores SIGTERM, and SIGKILL ends it', async () => {
    const { child, row } = await listenerChild({ ignoreSigterm: true });
    dialogs.yes(2);
    const reports = await backend.handlers.killProcesses([{ pid: child.pid }]);
    expect(dialogs.asked.map((d) => d.confirmLabel)).toEqual(['Kill Process', 'Force Kill']);
    expect(reports[0]).toMatchObject({ ok: true, outcome: 'done' });
    expect(reports[0]!.message).toMatch(/Force-killed/);
    expect(await child.exited).toMatchObject({ signal: 'SIGKILL' });
    expect(backend.table.get(row.id)).toBeUndefined();
  });

  it('leaves a SIGTERM-ignoring child running when the forced kill is declined', async () => {
    const { child } = await listenerChild({ ignoreSigterm: true });
    dialogs.yes(1); // kill yes, force: no answer = declined
    const reports = await backend.handlers.killProcesses([{ pid: child.pid }]);
    expect(reports[0]).toMatchObject({ ok: false, outcome: 'still-running' });
    expect(isAlive(child)).toBe(true);
    child.kill('SIGKILL');
    await child.exited;
  });

  it('does nothing when the person cancels', async () => {
    const { child } = await listenerChild();
    const reports = await backend.handlers.killProcesses([{ pid: child.pid }]);
    expect(reports[0]).toMatchObject({ ok: false, outcome: 'cancelled' });
    expect(isAlive(child)).toBe(true);
    expect(rowsOfPid(child.pid).length).toBeGreaterThan(0);
  });

  it('force-kills at once with forceKillProcesses', async () => {
    const { child } = await listenerChild({ ignoreSigterm: true });
    dialogs.yes();
    const reports = await backend.handlers.forceKillProcesses([{ pid: child.pid }]);
    expect(dialogs.asked).toHaveLength(1);
    expect(reports[0]).toMatchObject({ ok: true, outcome: 'done' });
    expect(await child.exited).toMatchObject({ signal: 'SIGKILL' });
  });
});

describe('close through the backend handlers', () => {
  const cases = [
    { name: 'IPv4', listen: '127.0.0.1', connect: '127.0.0.1' },
    { name: 'IPv6', listen: '::1', connect: '::1' },
    // A v4 peer on a dual-stack listener: the server's socket is tcp6 with ::ffff:127.0.0.1.
    { name: 'IPv4-mapped on a tcp6 socket', listen: '::', connect: '127.0.0.1' },
  ];
  for (const { name, listen, connect } of cases) {
    it(`resets both ends of an ${name} connection and the row goes`, async () => {
      const pair = await connectedPair(listen, connect);
      // Close from the server's side for the mapped case: that is the tcp6 socket.
      const row = listen === '::' ? pair.serverRow : pair.clientRow;
      if (listen === '::') expect(row.family).toBe(6);
      dialogs.yes();
      const reports = await backend.handlers.closeConnections([tupleOf(row)]);
      expect(reports).toEqual([expect.objectContaining({ ok: true, outcome: 'done' })]);
      expect(dialogs.asked[0]!.checkboxLabel).toBe("Don't ask again");
      const [clientEnd, serverEnd] = await Promise.all([
        pair.client.waitForEnd(pair.connection.handle),
        pair.server.waitForEnd(pair.accepted.handle),
      ]);
      for (const end of [clientEnd, serverEnd]) {
        expect(
          end.event === 'close' || ['ECONNRESET', 'ECONNABORTED'].includes(end.code ?? ''),
        ).toBe(true);
      }
      // One of the two ends is the destroyed socket's peer and must see the RST.
      expect([clientEnd.code, serverEnd.code]).toContain('ECONNRESET');
      expect(backend.table.get(row.id)).toBeUndefined();
      expect(isAlive(pair.client) && isAlive(pair.server)).toBe(true);
    });
  }

  it('"Don\'t ask again" turns the confirmation off in settings', async () => {
    const pair = await connectedPair('127.0.0.1', '127.0.0.1');
    dialogs.yes(1, true);
    await backend.handlers.closeConnections([tupleOf(pair.clientRow)]);
    expect(backend.context.settings.get().actions.askBeforeClose).toBe(false);
    const second = await connectedPair('127.0.0.1', '127.0.0.1');
    const reports = await backend.handlers.closeConnections([tupleOf(second.clientRow)]);
    expect(dialogs.asked).toHaveLength(1);
    expect(reports[0]).toMatchObject({ ok: true });
    await backend.context.settings.update({
      actions: { askBeforeClose: true, askBeforeKill: true },
    });
  });
});

describe('refusals change nothing', () => {
  it('rejects wrong shapes before any handler runs', () => {
    const bad: [Parameters<typeof parseInvokeArgs>[0], unknown[]][] = [
      ['killProcesses', [[{ pid: -1 }]]],
      ['killProcesses', [[{ pid: 1.5 }]]],
      ['killProcesses', [[{ pid: '42' }]]],
      ['killProcesses', [[{ pid: 42, extra: true }]]],
      ['killProcesses', [[]]],
      ['forceKillProcesses', [{ pid: 42 }]],
      [
        'closeConnections',
        [[{ localAddress: '1.2.3', localPort: 1, remoteAddress: '::1', remotePort: 2 }]],
      ],
      [
        'closeConnections',
        [[{ localAddress: '0x7f.1', localPort: 1, remoteAddress: '::1', remotePort: 2 }]],
      ],
      [
        'closeConnections',
        [[{ localAddress: '::1', localPort: 70000, remoteAddress: '::1', remotePort: 2 }]],
      ],
      [
        'closeConnections',
        [[{ localAddress: 'fe80::1%eth0', localPort: 1, remoteAddress: '::1', remotePort: 2 }]],
      ],
      ['showRowMenu', [[]]],
      ['copyText', [42]],
    ];
    for (const [name, args] of bad) {
      expect(() => parseInvokeArgs(name, args), `${name} ${JSON.stringify(args)}`).toThrow(
        /Rejected/,
      );
    }
    expect(parseInvokeArgs('killProcesses', [[{ pid: 42 }]])).toEqual([[{ pid: 42 }]]);
  });

  it('refuses a pid that owns no connection in the table', async () => {
    const child = await spawnSocketChild();
    await backend.handlers.refreshNow();
    const reports = await backend.handlers.killProcesses([{ pid: child.pid }]);
    expect(reports[0]).toMatchObject({ ok: false, outcome: 'refused' });
    expect(reports[0]!.message).toMatch(/owns no connection in the table/);
    expect(dialogs.asked).toEqual([]);
    expect(isAlive(child)).toBe(true);
  });

  it('refuses a reused pid (start time differs from the table row)', async () => {
    const { child, row } = await listenerChild();
    // The table as it would be had the original process exited and its pid been given to this
    // child: same pid, a different recorded start time.
    const stale: Connection = { ...row, processStartTime: (row.processStartTime ?? 0) - 60_000 };
    const handlers = createActionHandlers({
      ...backend.context,
      table: {
        get: (id) => (id === stale.id ? stale : undefined),
        rows: () => [stale][Symbol.iterator](),
        size: 1,
      },
    });
    dialogs.yes(2);
    const reports = await handlers.killProcesses([{ pid: child.pid }]);
    expect(reports[0]).toMatchObject({ ok: false, outcome: 'refused' });
    expect(reports[0]!.message).toMatch(/different process.*reused/);
    expect(dialogs.asked).toEqual([]);
    expect(isAlive(child)).toBe(true);
  });

  it('refuses to close a UDP "connection"', async () => {
    const child = await spawnSocketChild();
    const peer = await child.bindUdp('127.0.0.1');
    const udp = await child.bindUdp('127.0.0.1');
    await child.connectUdp(udp.handle, '127.0.0.1', peer.port);
    await backend.handlers.refreshNow();
    const row = rowsOfPid(child.pid).find((r) => r.localPort === udp.port && r.remotePort !== null);
    expect(row?.protocol).toBe('udp');
    const reports = await backend.handlers.closeConnections([tupleOf(row!)]);
    expect(reports[0]).toMatchObject({ ok: false, outcome: 'refused' });
    expect(reports[0]!.message).toMatch(/UDP has no connection/);
    expect(dialogs.asked).toEqual([]);
    await backend.handlers.refreshNow();
    expect(backend.table.get(row!.id)).toBeDefined();
  });

  it('refuses a tuple that is not in the table, and a listener', async () => {
    const { child, listener, row } = await listenerChild();
    const reports = await backend.handlers.closeConnections([
      {
        localAddress: '127.0.0.1',
        localPort: listener.port,
        remoteAddress: '127.0.0.1',
        remotePort: 9,
      },
      {
        localAddress: row.localAddress,
        localPort: row.localPort,
        remoteAddress: '0.0.0.0',
        remotePort: 0,
      },
    ]);
    expect(reports.map((r) => r.outcome)).toEqual(['refused', 'refused']);
    expect(reports[0]!.message).toMatch(/not a connection in the table/);
    expect(dialogs.asked).toEqual([]);
    expect(isAlive(child)).toBe(true);
  });

  it('refuses pid 1 and Portscope itself', async () => {
    const reports = await backend.handlers.killProcesses([{ pid: 1 }, { pid: process.pid }]);
    expect(reports[0]).toMatchObject({ ok: false, outcome: 'refused' });
    expect(reports[0]!.message).toMatch(/init process/);
    expect(reports[1]).toMatchObject({ ok: false, outcome: 'refused' });
    expect(dialogs.asked).toEqual([]);
  });
});

describe('not permitted', () => {
  it('a kill or close run as nobody against root-owned sockets says "not permitted" and what to do', async () => {
    const pair = await connectedPair('127.0.0.1', '127.0.0.1');
    const { build } = await import('rolldown');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'portscope-nobody-'));
    const entry = path.join(dir, 'entry.ts');
    const out = path.join(dir, 'as-nobody.mjs');
    const root = path.resolve(import.meta.dirname, '../..');
    const { writeFile, chmod } = await import('node:fs/promises');
    await writeFile(
      entry,
      `import { killProcess } from ${JSON.stringify(`${root}/electron/platform/linux/kill-process`)};
import { closeTcpConnection } from ${JSON.stringify(`${root}/electron/platform/linux/close-socket`)};
const [pid, tuple] = [Number(process.argv[2]), JSON.parse(process.argv[3])];
const results = {};
try { await killProcess(pid, 'SIGTERM'); results.kill = 'done'; }
catch (e) { results.kill = { name: e.name, code: e.code, message: e.message }; }
try { await closeTcpConnection(tuple); results.close = 'done'; }
catch (e) { results.close = { name: e.name, code: e.code, message: e.message }; }
console.log(JSON.stringify(results));
`,
    );
    await build({
      input: entry,
      platform: 'node',
      logLevel: 'silent',
      output: { file: out, format: 'esm' },
    });
    await chmod(dir, 0o755);
    const tuple = { family: 4, ...tupleOf(pair.clientRow) };
    const run = spawnSync(
      'setpriv',
      [
        '--reuid=65534',
        '--regid=65534',
        '--clear-groups',
        process.execPath,
        out,
        String(pair.client.pid),
        JSON.stringify(tuple),
      ],
      { encoding: 'utf8' },
    );
    await rm(dir, { recursive: true, force: true });
    expect(run.status, run.stderr).toBe(0);
    const results = JSON.parse(run.stdout) as Record<
      string,
      { name: string; code: string; message: string }
    >;
    expect(results.kill).toMatchObject({ name: 'AccessDenied', code: 'ACCESS_DENIED' });
    expect(results.kill!.message).toMatch(/Not permitted.*pkexec/);
    expect(results.close).toMatchObject({ name: 'AccessDenied', code: 'ACCESS_DENIED' });
    expect(results.close!.message).toMatch(/Not permitted.*pkexec.*Show all processes/);
    expect(isAlive(pair.client)).toBe(true);
    await backend.handlers.refreshNow();
    expect(backend.table.get(pair.clientRow.id)?.state).toBe('ESTABLISHED');
  });
});

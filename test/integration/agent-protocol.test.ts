// The real agent (`node out/main/cli.js agent`, root here as in CI) against a test that acts as
// the window, including a window that lies or sends garbage: the agent answers everything with
// a reply or an error and keeps serving; it acts only on rows of its own table, with the
// window's refusals; it exits when its stdin closes. Only this test's own children are signalled
// or have connections closed.
import { spawnSync } from 'node:child_process';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { AgentRow } from '../../electron/core/agent/protocol';
import { AgentWire } from '../support/agent-wire';
import { PidNamespace, pidNamespaceUnavailable } from '../support/pid-namespace';
import { builtFile } from '../support/build-output';
import { spawnSocketChild, stopAllSocketChildren, type SocketChild } from '../support/socket-child';

const isRoot = process.getuid?.() === 0;
const agents: AgentWire[] = [];

function startAgent(): AgentWire {
  builtFile('out/main/cli.js');
  const agent = AgentWire.start();
  agents.push(agent);
  return agent;
}

afterEach(async () => {
  for (const agent of agents.splice(0)) {
    agent.end();
    const exited = await Promise.race([
      agent.exited,
      new Promise((resolve) => setTimeout(() => resolve(null), 5000)),
    ]);
    if (exited === null) agent.kill();
  }
});

afterAll(async () => {
  await stopAllSocketChildren();
});

function rowOf(agent: AgentWire, match: (row: AgentRow) => boolean): AgentRow {
  const row = [...agent.rows.values()].find(match);
  if (!row) throw new Error('no such row in the agent’s table');
  return row;
}

/** A child of this test listening on loopback, and its row in the agent's table. */
async function listenerChild(agent: AgentWire): Promise<{ child: SocketChild; row: AgentRow }> {
  const child = await spawnSocketChild({ title: 'portscope-agent-kill' });
  const { port } = await child.listenTcp('127.0.0.1');
  await agent.request({ type: 'refresh' });
  return { child, row: rowOf(agent, (row) => row.pid === child.pid && row.localPort === port) };
}

describe.runIf(isRoot)('the agent speaking to a window', () => {
  it('says hello first, then streams the table the window asked for, on its timer', async () => {
    const agent = startAgent();
    const hello = await agent.next((message) => message.type === 'hello');
    expect(hello).toEqual({ type: 'hello', protocol: 1, pid: agent.pid, uid: 0 });
    const child = await spawnSocketChild({ title: 'portscope-agent-rows' });
    const { port } = await child.listenTcp('127.0.0.1');

    const snapshot = await agent.hello({ intervalMs: 500, paused: false });
    expect(snapshot.status).toMatchObject({ privileged: true, intervalMs: 500, paused: false });
    expect(rowOf(agent, (row) => row.localPort === port)).toMatchObject({
      pid: child.pid,
      processName: 'portscope-agent-rows',
      state: 'LISTEN',
      remoteCountry: null,
      suspicion: null,
    });

    // Unpaused at 0.5 s: a socket opened now arrives in a delta without being asked for.
    const udp = await child.bindUdp('127.0.0.1');
    const from = agent.messages.length;
    await agent.next(
      (message) =>
        message.type === 'delta' &&
        (message.added as AgentRow[]).some((row) => row.localPort === udp.port),
      from,
    );
    const paused = await agent.request({ type: 'setPaused', paused: true });
    expect(paused).toEqual({ type: 'reply', id: paused.id });
    const status = agent.messages.findLast((message) => message.type === 'status');
    expect(status?.status).toMatchObject({ paused: true, intervalMs: 500 });
  });

  it('kills and closes only rows of its own table, with every refusal the window has', async () => {
    const agent = startAgent();
    await agent.hello();

    // Its own child: ended.
    const { child, row } = await listenerChild(agent);
    const killed = await agent.request({
      type: 'kill',
      pid: child.pid,
      startTime: row.processStartTime,
      signal: 'SIGTERM',
    });
    expect(killed).toMatchObject({ type: 'actionResult', outcome: 'done' });
    expect((await child.exited).signal).toBe('SIGTERM');

    // pid 1: refused whatever start time the window names (and whether the table lists it).
    const init = await agent.request({
      type: 'kill',
      pid: 1,
      startTime: [...agent.rows.values()].find((r) => r.pid === 1)?.processStartTime ?? 0,
      signal: 'SIGKILL',
    });
    expect(init).toMatchObject({ outcome: 'refused' });
    expect(init.message).toMatch(/init process/);

    // A live process of ours without sockets: not in the agent's table.
    const quiet = await spawnSocketChild({ title: 'portscope-no-sockets' });
    const notListed = await agent.request({
      type: 'kill',
      pid: quiet.pid,
      startTime: 0,
      signal: 'SIGKILL',
    });
    expect(notListed).toMatchObject({ outcome: 'refused' });
    expect(notListed.message).toMatch(/owns no connection in the agent's table/);
    expect(quiet.alive).toBe(true);

    // The window naming another start time than the agent's row: refused.
    const other = await listenerChild(agent);
    const wrongStart = await agent.request({
      type: 'kill',
      pid: other.child.pid,
      startTime: other.row.processStartTime! - 10_000,
      signal: 'SIGKILL',
    });
    expect(wrongStart).toMatchObject({ outcome: 'refused' });
    expect(wrongStart.message).toMatch(/not the process the window named/);
    expect(other.child.alive).toBe(true);

    // The agent itself has no sockets, so it is not in its table either.
    expect(
      await agent.request({ type: 'kill', pid: agent.pid, startTime: 0, signal: 'SIGKILL' }),
    ).toMatchObject({ outcome: 'refused' });
  });

  it('closes a TCP connection of its table, and refuses UDP, another family and unknown tuples', async () => {
    const agent = startAgent();
    await agent.hello();
    const server = await spawnSocketChild();
    const client = await spawnSocketChild();
    const listener = await server.listenTcp('127.0.0.1');
    const connection = await client.connectTcp('127.0.0.1', listener.port);
    const [accepted] = await server.waitForAccepted(listener.handle);
    const udp = await client.bindUdp('127.0.0.1');
    await client.connectUdp(udp.handle, '127.0.0.1', listener.port);
    await agent.request({ type: 'refresh' });
    const tuple = {
      family: 4,
      localAddress: '127.0.0.1',
      localPort: connection.localPort,
      remoteAddress: '127.0.0.1',
      remotePort: listener.port,
    };

    const udpClose = await agent.request({
      type: 'close',
      target: { ...tuple, localPort: udp.port },
    });
    expect(udpClose).toMatchObject({ outcome: 'refused' });
    expect(udpClose.message).toMatch(/UDP has no connection/);
    const unknown = await agent.request({
      type: 'close',
      target: { ...tuple, remotePort: tuple.remotePort === 1 ? 2 : 1 },
    });
    expect(unknown).toMatchObject({ outcome: 'refused' });
    expect(unknown.message).toMatch(/not a connection in the agent's table/);
    const wrongFamily = await agent.request({ type: 'close', target: { ...tuple, family: 6 } });
    expect(wrongFamily).toMatchObject({ outcome: 'refused' });

    const closed = await agent.request({ type: 'close', target: tuple });
    expect(closed).toMatchObject({ outcome: 'done' });
    const [clientEnd, serverEnd] = await Promise.all([
      client.waitForEnd(connection.handle),
      server.waitForEnd(accepted!.handle),
    ]);
    for (const end of [clientEnd, serverEnd]) {
      expect(end.event === 'close' || ['ECONNRESET', 'ECONNABORTED'].includes(end.code ?? '')).toBe(
        true,
      );
    }
  });

  it('answers garbage, broken and oversized messages with errors and keeps serving', async () => {
    const agent = startAgent();
    await agent.next((message) => message.type === 'hello');

    let from = agent.messages.length;
    agent.send({ type: 'refresh', id: 50 });
    expect(await agent.error(from)).toMatchObject({ id: 50, message: /before hello/ });
    await agent.hello();

    const cases: { send(): void; expect: RegExp; id?: number }[] = [
      {
        send: () => agent.write('GET / HTTP/1.1\r\n\r\n'),
        expect: /18 bytes that are not a message/,
      },
      { send: () => agent.write(frame(Buffer.from('{"type":"refre'))), expect: /not JSON/ },
      { send: () => agent.write(frame(Buffer.alloc(0))), expect: /empty message/ },
      { send: () => agent.send({ type: 'rm -rf', id: 3 }), expect: /invalid message/, id: 3 },
      {
        send: () => agent.send({ type: 'kill', id: 4, pid: -1, startTime: 0, signal: 'SIGKILL' }),
        expect: /invalid message.*pid/,
        id: 4,
      },
      {
        send: () => agent.send({ type: 'close', id: 5, target: { family: 4 } }),
        expect: /invalid message/,
        id: 5,
      },
      {
        // 1 MB of request, over the 64 KiB limit: skipped, not read into memory.
        send: () => agent.write(frame(Buffer.alloc(1_000_000, 'a'))),
        expect: /1000000 bytes, over the limit of 65536/,
      },
      {
        send: () => agent.send({ type: 'hello', protocol: 1, intervalMs: 1000, paused: true }),
        expect: /hello twice/,
      },
    ];
    for (const { send, expect: text, id } of cases) {
      from = agent.messages.length;
      send();
      // A frame after the bad bytes lets the reader find its place again, and shows it still works.
      const reply = agent.request({ type: 'refresh' });
      const error = await agent.error(from);
      expect(error.message).toMatch(text);
      expect(error.id ?? null).toBe(id ?? null);
      expect(await reply).toMatchObject({ type: 'reply' });
    }
    expect(agent.child.exitCode).toBeNull();

    // A frame cut off by the window going away: reported, then the agent exits cleanly.
    from = agent.messages.length;
    agent.write(frame(Buffer.from('{"type":"refresh","id":99}')).subarray(0, 12));
    agent.end();
    expect((await agent.error(from)).message).toMatch(/cut off after 12 of 31 bytes/);
    expect(await agent.exited).toEqual({ code: 0, signal: null });
    expect(agent.stderr).toMatch(/the window's side closed/);
  });

  it('exits when the window closes its pipe, and refuses a window of another protocol', async () => {
    const agent = startAgent();
    await agent.hello({ paused: false, intervalMs: 500 });
    agent.end();
    expect(await agent.exited).toEqual({ code: 0, signal: null });

    const other = startAgent();
    await other.next((message) => message.type === 'hello');
    other.send({ type: 'hello', protocol: 2, intervalMs: 1000, paused: true });
    expect((await other.error(0)).message).toMatch(/protocol 2; this agent speaks 1/);
    expect(await other.exited).toEqual({ code: 0, signal: null });
  });

  it('refuses to run for a person at a terminal', () => {
    // script(1) gives the agent a terminal for its stdin, as a person typing the command would.
    const run = spawnSync(
      'script',
      ['-qec', `${process.execPath} ${builtFile('out/main/cli.js')} agent`, '/dev/null'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 15_000 },
    );
    expect(run.status).toBe(2);
    expect(run.stdout).toMatch(/started by the Portscope window.*sudo portscope list/);
  });
});

// In a pid namespace of its own, so that making a pid come back changes nothing for other
// processes on the machine.
const noPidNamespace = isRoot ? pidNamespaceUnavailable() : 'not root';

describe.skipIf(noPidNamespace !== null)('the agent and a reused pid', () => {
  it('refuses a pid reused since its last poll, whichever process the window names', async () => {
    const ns = await PidNamespace.start();
    try {
      const agent = new AgentWire(ns.child);
      await ns.agent([process.execPath, builtFile('out/main/cli.js'), 'agent']);
      await agent.next((message) => message.type === 'hello');
      await agent.hello({ paused: true });
      const original = await ns.listener('portscope-original');
      await agent.request({ type: 'refresh' });
      const row = rowOf(agent, (r) => r.pid === original.pid && r.localPort === original.port);
      expect(row.processName).toBe('portscope-original');

      // The original exits; the agent is paused, so its table still lists the pid.
      await ns.kill(original.pid);
      const stranger = await ns.process('portscope-stranger', original.pid);
      expect(stranger.pid).toBe(original.pid);
      expect(stranger.startTicks).not.toBe(original.startTicks);

      // A window naming the process of the table: the agent finds another one there now.
      const named = await agent.request({
        type: 'kill',
        pid: row.pid,
        startTime: row.processStartTime,
        signal: 'SIGKILL',
      });
      expect(named).toMatchObject({ outcome: 'refused' });
      expect(named.message).toMatch(/now belongs to a different process.*reused/);
      // A window naming the process that has the pid now: not the one in the agent's table.
      const current = await agent.request({
        type: 'kill',
        pid: row.pid,
        startTime: row.processStartTime! + 1000,
        signal: 'SIGKILL',
      });
      expect(current).toMatchObject({ outcome: 'refused' });
      expect(current.message).toMatch(/not the process the window named/);
      expect(await ns.alive(stranger.pid)).toBe(true);
    } finally {
      await ns.end();
    }
  });
});

function frame(payload: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header[0] = 0xff;
  header.writeUInt32BE(payload.length, 1);
  return Buffer.concat([header, payload]);
}

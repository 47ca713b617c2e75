// "Show all processes…" for real: the window's backend runs as nobody and starts the agent as
// root, then sockets of root's processes get their owners, kill and close go through the agent,
// the agent goes when the window goes, and a killed agent leaves the window polling as nobody
// with a note. The agent's own refusals are also asked for past the window's checks (as a
// compromised window would), through the same route the window's actions take.
//
// How the window gets root for the agent: its process runs as nobody, but with CAP_SETUID and
// CAP_SETGID as ambient capabilities, so the elevation command it is given (setpriv --reuid=0)
// can start the agent as root the way pkexec would. Those two capabilities let it change uid and
// nothing else: it still cannot read other users' /proc/PID/fd (that needs CAP_SYS_PTRACE), send
// them signals (CAP_KILL) or destroy their sockets (CAP_NET_ADMIN), so what it sees and may do is
// what nobody sees and may do. pkexec itself is tested in agent-pkexec.test.ts.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionReport } from '../../shared/contract/actions';
import type { ElevationInfo, ShowAllResult } from '../../shared/contract/agent';
import type { Connection, PollStatus } from '../../shared/model';
import { builtFile } from '../support/build-output';
import { spawnSocketChild, stopAllSocketChildren, type SocketChild } from '../support/socket-child';
import {
  AS_NOBODY,
  bundleWindow,
  hasExited,
  stopAllWindows,
  until,
  WindowAsNobody,
} from '../support/window-as-nobody';

const isRoot = process.getuid?.() === 0;
const asNobodyWhoMaySetuid = [
  ...AS_NOBODY,
  '--inh-caps=+setuid,+setgid',
  '--ambient-caps=+setuid,+setgid',
];
const asRoot = ['setpriv', '--reuid=0', '--regid=0', '--clear-groups'];
let bundle: Awaited<ReturnType<typeof bundleWindow>> | null = null;

/** The root child's listener (its port alone could also be another socket's local port). */
let listenPort = 0;
const isRootListener = (row: Connection) =>
  row.localPort === listenPort && row.localAddress === '127.0.0.1' && row.state === 'LISTEN';

const agentCommand = () => [...asRoot, process.execPath, builtFile('out/main/cli.js'), 'agent'];

function startWindow(command: string[] = agentCommand()): Promise<WindowAsNobody> {
  return WindowAsNobody.start(bundle!, { kind: 'command', command }, asNobodyWhoMaySetuid);
}

beforeAll(async () => {
  if (!isRoot) return;
  builtFile('out/main/cli.js');
  bundle = await bundleWindow();
}, 120_000);

afterAll(async () => {
  await stopAllWindows();
  await stopAllSocketChildren();
  bundle?.dispose();
});

describe.runIf(isRoot)('Show all processes: the window as nobody, the agent as root', () => {
  let window: WindowAsNobody;
  let rootChild: SocketChild;

  it('attributes root’s sockets after one start of the agent', async () => {
    rootChild = await spawnSocketChild({ title: 'portscope-root-owned' });
    listenPort = (await rootChild.listenTcp('127.0.0.1')).port;
    window = await startWindow();
    expect((await window.call<{ uid: number }>('whoami')).uid).toBe(65534);

    await window.call('refresh');
    const before = (await window.call<Connection[]>('rows')).find(isRootListener);
    expect(before).toMatchObject({ pid: null, socketUid: 0, user: 'root' });
    const unprivileged = await window.call<PollStatus>('status');
    expect(unprivileged.privileged).toBe(false);
    expect(await window.call<ElevationInfo>('elevation')).toMatchObject({
      available: true,
      running: false,
      agentPid: null,
    });

    const shown = await window.call<ShowAllResult>('showAll');
    expect(shown.outcome).toBe('started');
    const after = (await window.call<Connection[]>('rows')).filter(isRootListener);
    // One row, the same row (an update, not a second one), now with its owner.
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({
      id: before!.id,
      pid: rootChild.pid,
      processName: 'portscope-root-owned',
      firstSeen: before!.firstSeen,
    });
    const status = await window.call<PollStatus>('status');
    expect(status.privileged).toBe(true);
    expect(status.warnings.join(' ')).not.toMatch(/owner unknown/);
    const elevation = await window.call<ElevationInfo>('elevation');
    expect(elevation.running).toBe(true);
    expect((await window.call<ShowAllResult>('showAll')).outcome).toBe('already-running');

    // The agent runs as root, started by the window.
    const agentStatus = readFileSync(`/proc/${elevation.agentPid}/status`, 'utf8');
    expect(agentStatus).toMatch(/^Uid:\s+0\s+0\s+0\s+0$/m);
    expect(agentStatus).toMatch(new RegExp(`^PPid:\\s+${window.child.pid}$`, 'm'));
  });

  it('kills and closes root’s processes and connections through the agent', async () => {
    const server = await spawnSocketChild({ title: 'portscope-root-server' });
    const client = await spawnSocketChild({ title: 'portscope-root-client' });
    const listener = await server.listenTcp('127.0.0.1');
    const connection = await client.connectTcp('127.0.0.1', listener.port);
    const [accepted] = await server.waitForAccepted(listener.handle);
    await window.call('refresh');
    const target = {
      localAddress: '127.0.0.1',
      localPort: connection.localPort,
      remoteAddress: '127.0.0.1',
      remotePort: listener.port,
    };
    const [closed] = await window.call<ActionReport[]>('close', { targets: [target] });
    expect(closed).toMatchObject({ ok: true, outcome: 'done' });
    const end = await client.waitForEnd(connection.handle);
    expect(end.event === 'close' || ['ECONNRESET', 'ECONNABORTED'].includes(end.code ?? '')).toBe(
      true,
    );
    await server.waitForEnd(accepted!.handle);

    const [killed] = await window.call<ActionReport[]>('kill', { pids: [server.pid] });
    expect(killed).toMatchObject({ ok: true, outcome: 'done' });
    expect((await server.exited).signal).toBe('SIGTERM');
    // The row went in the refresh after the kill.
    expect(await window.rowsOf(server.pid, listener.port)).toEqual([]);
  });

  it('has the agent refuse pid 1, a pid not in its table and an unknown tuple, past the window’s own checks', async () => {
    const init = await window.answer('platformKill', { pid: 1 });
    expect(init.error).toMatchObject({ name: 'Refused', code: 'REFUSED' });
    expect(init.error!.message).toMatch(/init process/);

    const quiet = await spawnSocketChild({ title: 'portscope-not-listed' });
    const notListed = await window.answer('platformKill', { pid: quiet.pid });
    expect(notListed.error).toMatchObject({ code: 'REFUSED' });
    expect(notListed.error!.message).toMatch(/owns no connection in the agent's table/);
    expect(quiet.alive).toBe(true);

    const unknown = await window.answer('platformClose', {
      target: {
        family: 4,
        localAddress: '127.0.0.1',
        localPort: 1,
        remoteAddress: '127.0.0.1',
        remotePort: 2,
      },
    });
    expect(unknown.error).toMatchObject({ code: 'REFUSED' });
    expect(unknown.error!.message).toMatch(/not a connection in the agent's table/);
  });

  it('falls back to polling as nobody, with a note, when the agent is killed', async () => {
    const { agentPid } = await window.call<ElevationInfo>('elevation');
    expect(agentPid).toBeGreaterThan(1);
    process.kill(agentPid!, 'SIGKILL');
    const status = await until('the window notes the agent stopped', async () => {
      const current = await window.call<PollStatus>('status');
      return current.warnings.some((warning) => /agent \(pid \d+\) stopped/.test(warning))
        ? current
        : null;
    });
    expect(status.privileged).toBe(false);
    expect(status.warnings.join('\n')).toMatch(
      /Showing only what Portscope can see as you: the agent \(pid \d+\) stopped \(killed by SIGKILL\)/,
    );
    const rows = (await window.call<Connection[]>('rows')).filter(isRootListener);
    // The same single row, owner unknown again; polling goes on.
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ pid: null, user: 'root' });
    expect(await window.call<ElevationInfo>('elevation')).toMatchObject({
      running: false,
      agentPid: null,
    });
    await window.call('refresh');
    // And it can be started again.
    expect((await window.call<ShowAllResult>('showAll')).outcome).toBe('started');
    expect((await window.rowsOf(rootChild.pid, listenPort)).length).toBe(1);
    expect((await window.call<PollStatus>('status')).warnings.join(' ')).not.toMatch(/stopped/);
  });

  it('ends the agent when the window stops, and when the window is killed', async () => {
    const { agentPid } = await window.call<ElevationInfo>('elevation');
    await window.call('stop');
    await window.exited;
    await until('the agent exits', () => hasExited(agentPid!) || null);

    const killedWindow = await startWindow();
    expect((await killedWindow.call<ShowAllResult>('showAll')).outcome).toBe('started');
    const second = (await killedWindow.call<ElevationInfo>('elevation')).agentPid!;
    expect(hasExited(second)).toBe(false);
    killedWindow.child.kill('SIGKILL');
    await killedWindow.exited;
    await until('the orphaned agent exits', () => hasExited(second) || null);
  });

  it('reports an agent that cannot start, and keeps polling', async () => {
    const broken = await startWindow([...asRoot, process.execPath, '-e', 'process.exit(3)']);
    const answer = await broken.answer('showAll');
    expect(answer.error?.message).toMatch(/The agent could not start \(the test: exit code 3\)/);
    expect((await broken.call<PollStatus>('status')).privileged).toBe(false);
    await broken.call('refresh');
    await broken.call('stop');
  });
});

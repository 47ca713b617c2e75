// Traffic counters and rates read for real: a child process this test starts sends exactly
// 1,000,000 bytes over a loopback connection it owns at both ends, and the poll pipeline (the
// same code the app's poll worker runs) sees them through sock_diag; the sock_diag table agrees
// with the /proc reader's on every kind of socket the test opens; a process's totals are the sum
// of its rows; and as an unprivileged user, closing another user's connection over sock_diag is
// refused by the kernel itself.
import { spawnSync } from 'node:child_process';
import { chmodSync, rmSync, writeFileSync } from 'node:fs';
import { nobodyWorkDir } from '../support/script-as-user';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection, RawSocket } from '../../shared/model';
import { processKey, trafficByProcess } from '../../shared/process-totals';
import { createPollPipeline, type PollResult } from '../../electron/core/poll-pipeline';
import { createLinuxBackend } from '../../electron/platform/linux';
import { spawnSocketChild, stopAllSocketChildren, type SocketChild } from '../support/socket-child';

const MEGABYTE = 1_000_000;
const root = fileURLToPath(new URL('../..', import.meta.url));
const isRoot = process.getuid?.() === 0;
let child: SocketChild;

beforeAll(async () => {
  child = await spawnSocketChild({ title: 'portscope-traffic' });
});

afterAll(async () => {
  await stopAllSocketChildren();
});

/** The whole table, kept up to date from each poll's delta. */
class Table {
  readonly rows = new Map<string, Connection>();
  apply(result: PollResult): this {
    for (const row of [...result.delta.added, ...result.delta.updated]) this.rows.set(row.id, row);
    for (const id of result.delta.removed) this.rows.delete(id);
    return this;
  }
  find(localPort: number, remotePort: number): Connection | undefined {
    return [...this.rows.values()].find(
      (row) => row.localPort === localPort && row.remotePort === remotePort,
    );
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('traffic of a real loopback connection, through sock_diag', () => {
  it('shows 1,000,000 bytes sent and received within two polls, rates positive then 0', async () => {
    const backend = createLinuxBackend();
    const pipeline = createPollPipeline(backend);
    const listener = await child.listenTcp('127.0.0.1');
    const client = await child.connectTcp('127.0.0.1', listener.port);
    const [accepted] = await child.waitForAccepted(listener.handle);
    const table = new Table().apply(await pipeline.poll());
    expect(backend.lastTableSources().tcp).toBe('sock-diag');
    // Before any data: nothing sent, although the client's SYN is in the kernel's bytes_acked.
    expect(table.find(client.localPort, listener.port)).toMatchObject({
      pid: child.pid,
      bytesSent: 0,
      bytesReceived: 0,
    });

    await child.sendBytes(client.handle, MEGABYTE);
    await child.waitForReceived(accepted!.handle, MEGABYTE);
    await sleep(100);
    let polls = 0;
    let sending: Connection | undefined;
    let receiving: Connection | undefined;
    while (polls < 2) {
      table.apply(await pipeline.poll());
      polls++;
      sending = table.find(client.localPort, listener.port);
      receiving = table.find(listener.port, client.localPort);
      if ((sending?.bytesSent ?? 0) >= MEGABYTE && (receiving?.bytesReceived ?? 0) >= MEGABYTE) {
        break;
      }
      await sleep(200);
    }
    expect(sending?.bytesSent).toBeGreaterThanOrEqual(MEGABYTE);
    expect(receiving?.bytesReceived).toBeGreaterThanOrEqual(MEGABYTE);
    // Exact: the SYN is not counted as data sent, and the receiver got what was sent.
    expect(sending?.bytesSent).toBe(MEGABYTE);
    expect(receiving?.bytesReceived).toBe(MEGABYTE);
    expect(sending?.packetsSent).toBeGreaterThan(1);
    expect(receiving?.packetsReceived).toBeGreaterThan(1);
    expect(sending?.sendRate).toBeGreaterThan(0);
    expect(receiving?.receiveRate).toBeGreaterThan(0);

    // Traffic stopped: the next poll's rates are 0, the counters stay.
    await sleep(200);
    table.apply(await pipeline.poll());
    expect(table.find(client.localPort, listener.port)).toMatchObject({
      bytesSent: MEGABYTE,
      sendRate: 0,
      receiveRate: 0,
    });
    expect(table.find(listener.port, client.localPort)).toMatchObject({
      bytesReceived: MEGABYTE,
      sendRate: 0,
      receiveRate: 0,
    });

    // The child's totals are the sum of its rows: one row sent the megabyte, another got it.
    const ownRows = [...table.rows.values()].filter((row) => row.pid === child.pid);
    const totals = trafficByProcess(ownRows).get(processKey(ownRows[0]!)!)!;
    const sum = (field: 'bytesSent' | 'bytesReceived' | 'packetsSent' | 'packetsReceived') =>
      ownRows.reduce((total, row) => total + (row[field] ?? 0), 0);
    expect(totals).toMatchObject({
      pid: child.pid,
      rows: ownRows.length,
      bytesSent: sum('bytesSent'),
      bytesReceived: sum('bytesReceived'),
      packetsSent: sum('packetsSent'),
      packetsReceived: sum('packetsReceived'),
      sendRate: 0,
      receiveRate: 0,
    });
    expect(totals.bytesSent).toBeGreaterThanOrEqual(MEGABYTE);
    expect(totals.bytesReceived).toBeGreaterThanOrEqual(MEGABYTE);

    await child.close(client.handle);
    await child.close(listener.handle);
  });
});

describe('the sock_diag table and the /proc table', () => {
  it('agree on every socket the test opens: TCP and UDP, v4, v6, IPv4-mapped, listeners', async () => {
    // Each socket by its exact endpoints: on a busy machine other programs' sockets share port
    // numbers with ours (connect() gives one local port to connections going to different places).
    const endpoints: string[] = [];
    const endpoint = (
      protocol: string,
      localAddress: string,
      local: number,
      remote: number | null,
    ) => `${protocol} ${localAddress}:${local} ${remote ?? '*'}`;
    for (const host of ['127.0.0.1', '::1', '::']) {
      const listener = await child.listenTcp(host);
      const client = await child.connectTcp(host === '::' ? '127.0.0.1' : host, listener.port);
      await child.waitForAccepted(listener.handle);
      const peer = host === '::' ? '127.0.0.1' : host;
      endpoints.push(
        endpoint('tcp', host, listener.port, null),
        endpoint('tcp', peer, client.localPort, listener.port),
        endpoint('tcp', peer, listener.port, client.localPort),
      );
    }
    // A connection closed by the client: its end lingers in TIME_WAIT, owned by no one.
    const closing = await child.listenTcp('127.0.0.1');
    const closed = await child.connectTcp('127.0.0.1', closing.port);
    await child.waitForAccepted(closing.handle);
    await child.close(closed.handle);
    endpoints.push(
      endpoint('tcp', '127.0.0.1', closing.port, null),
      endpoint('tcp', '127.0.0.1', closed.localPort, closing.port),
    );
    for (const host of ['127.0.0.1', '::1']) {
      const bound = await child.bindUdp(host);
      const connected = await child.bindUdp(host);
      await child.connectUdp(connected.handle, host, bound.port);
      endpoints.push(
        endpoint('udp', host, bound.port, null),
        endpoint('udp', host, connected.port, bound.port),
      );
    }
    await sleep(100);

    const ours = (socket: RawSocket) =>
      endpoints.includes(
        endpoint(socket.protocol, socket.localAddress, socket.localPort, socket.remotePort),
      );
    const sockDiagBackend = createLinuxBackend();
    const procBackend = createLinuxBackend({ socketTable: 'proc' });
    const fromSockDiag = sockDiagBackend.readSocketsSync().sockets.filter(ours);
    const fromProc = procBackend.readSocketsSync().sockets.filter(ours);
    expect(Object.values(sockDiagBackend.lastTableSources())).toEqual(Array(4).fill('sock-diag'));
    expect(Object.values(procBackend.lastTableSources())).toEqual(Array(4).fill('proc'));

    const withoutCounters = (socket: RawSocket): RawSocket => ({
      ...socket,
      bytesSent: null,
      bytesReceived: null,
      packetsSent: null,
      packetsReceived: null,
    });
    const key = (s: RawSocket) =>
      `${s.protocol}${s.family} ${s.localAddress}:${s.localPort} ${s.remoteAddress}:${s.remotePort}`;
    const sorted = (sockets: RawSocket[]) =>
      [...sockets].sort((a, b) => key(a).localeCompare(key(b)));
    // 3 listeners and 6 connected ends, a listener and a TIME_WAIT, 4 UDP sockets.
    expect(fromSockDiag).toHaveLength(15);
    expect(sorted(fromSockDiag.map(withoutCounters))).toEqual(sorted(fromProc));
    expect(fromSockDiag.filter((s) => s.state === 'TIME_WAIT')).toHaveLength(1);
    expect(fromSockDiag.some((s) => s.family === 6 && s.localAddress === '127.0.0.1')).toBe(true);

    // Counters: sock_diag has them for every full TCP socket; UDP, TIME_WAIT and /proc have none.
    for (const socket of fromSockDiag) {
      const counted = socket.protocol === 'tcp' && socket.state !== 'TIME_WAIT';
      expect(socket.bytesSent !== null, key(socket)).toBe(counted);
      expect(socket.packetsReceived !== null, key(socket)).toBe(counted);
    }
    expect(fromProc.every((s) => s.bytesSent === null && s.packetsSent === null)).toBe(true);
  });
});

describe.runIf(isRoot)('closing over sock_diag without the right to', () => {
  let workDir = '';
  afterAll(() => {
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it("is refused by the kernel for another user's connection, which stays open", async () => {
    const listener = await child.listenTcp('127.0.0.1');
    const client = await child.connectTcp('127.0.0.1', listener.port);
    await child.waitForAccepted(listener.handle);
    // Beside a copy of koffi, so that the bundle loads it as the app does.
    workDir = nobodyWorkDir('close-as-nobody-');
    const entry = path.join(workDir, 'entry.ts');
    const script = path.join(workDir, 'close-as-nobody.mjs');
    writeFileSync(
      entry,
      `import { closeWithSockDiag } from ${JSON.stringify(`${root}electron/platform/linux/close-socket`)};
let outcome;
try { outcome = { result: closeWithSockDiag(JSON.parse(process.argv[2])) }; }
catch (e) { outcome = { name: e.name, message: e.message }; }
console.log(JSON.stringify(outcome));
`,
    );
    const { build } = await import('rolldown');
    await build({ input: entry, platform: 'node', logLevel: 'silent', output: { file: script } });
    chmodSync(script, 0o644);
    const target = {
      family: 4,
      localAddress: '127.0.0.1',
      localPort: client.localPort,
      remoteAddress: '127.0.0.1',
      remotePort: listener.port,
    };
    const run = spawnSync(
      'setpriv',
      [
        '--reuid=65534',
        '--regid=65534',
        '--clear-groups',
        process.execPath,
        script,
        JSON.stringify(target),
      ],
      { encoding: 'utf8' },
    );
    expect(run.status, run.stderr).toBe(0);
    // Not null: sock_diag was opened and asked (the dump needs no privilege, the destroy does).
    expect(JSON.parse(run.stdout)).toEqual({
      name: 'AccessDenied',
      message: expect.stringMatching(/Not permitted.*CAP_NET_ADMIN.*pkexec/),
    });
    const still = createLinuxBackend().readSocketsSync().sockets;
    expect(
      still.find((s) => s.localPort === client.localPort && s.remotePort === listener.port)?.state,
    ).toBe('ESTABLISHED');
    await child.close(client.handle);
    await child.close(listener.handle);
  });
});

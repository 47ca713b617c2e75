// Both poll sources against the real Linux backend and real sockets of a child process this test
// spawns: the child's listener and connection appear with its pid, and are gone at the next poll
// after the child closes them. The worker source runs the built out/main/poll-worker.js.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../shared/model';
import { createInProcessPollSource, type PollSource } from '../../electron/core/poll-source';
import { createWorkerPollSource } from '../../electron/core/worker-poll-source';
import { createPlatformBackend } from '../../electron/platform';
import { builtFile } from '../support/build-output';
import { spawnSocketChild, stopAllSocketChildren } from '../support/socket-child';

beforeAll(() => {
  builtFile('out/main/poll-worker.js');
}, 180_000);

afterAll(async () => {
  await stopAllSocketChildren();
});

/** The table as the main thread rebuilds it from deltas. */
function tableOf(source: PollSource) {
  const rows = new Map<string, Connection>();
  return {
    rows,
    async poll() {
      const result = await source.poll();
      for (const id of result.delta.removed) rows.delete(id);
      for (const row of [...result.delta.added, ...result.delta.updated]) rows.set(row.id, row);
      expect(result.total).toBe(rows.size);
      return result;
    },
    find: (predicate: (row: Connection) => boolean) => [...rows.values()].filter(predicate),
  };
}

const sources: [string, () => PollSource][] = [
  ['in-process', () => createInProcessPollSource(createPlatformBackend())],
  ['worker', () => createWorkerPollSource()],
];

describe.each(sources)('%s poll source with the real Linux backend', (_kind, create) => {
  it('shows a child’s listener and connection with its pid, and drops them once closed', async () => {
    const source = create();
    try {
      const table = tableOf(source);
      const first = await table.poll();
      expect(first.delta.removed).toEqual([]);
      expect(first.delta.added.length).toBe(table.rows.size);

      const child = await spawnSocketChild({ title: 'ps-core-src' });
      const { handle: listenHandle, port } = await child.listenTcp('127.0.0.1');
      const { handle: clientHandle, localPort } = await child.connectTcp('127.0.0.1', port);
      const [accepted] = await child.waitForAccepted(listenHandle);

      const second = await table.poll();
      const [listener] = table.find(
        (row) => row.protocol === 'tcp' && row.localPort === port && row.state === 'LISTEN',
      );
      expect(listener).toMatchObject({
        id: `tcp|4|127.0.0.1:${port}|*`,
        pid: child.pid,
        localAddress: '127.0.0.1',
        remoteAddress: null,
      });
      expect(listener.processName).toBeTruthy();
      expect(second.delta.added.map((row) => row.id)).toContain(listener.id);
      const client = table.find((row) => row.localPort === localPort && row.remotePort === port);
      expect(client).toHaveLength(1);
      expect(client[0]).toMatchObject({ pid: child.pid, state: 'ESTABLISHED' });

      // A steady table sends no rows for the child's sockets.
      const steady = await table.poll();
      const childIds = new Set([listener.id, client[0].id]);
      expect(steady.delta.added.filter((row) => childIds.has(row.id))).toEqual([]);
      expect(steady.delta.removed.filter((id) => childIds.has(id))).toEqual([]);

      // Connections first: a Node server's close() waits for its connections to end. The
      // accepted side ends by itself when the client closes.
      await child.close(clientHandle);
      await child.waitForEnd(accepted.handle);
      await child.close(listenHandle);
      const afterClose = await table.poll();
      expect(afterClose.delta.removed).toContain(listener.id);
      expect(table.rows.has(listener.id)).toBe(false);
      // The closing side may linger in TIME_WAIT without a pid: same id, now updated.
      const lingering = table.rows.get(client[0].id);
      if (lingering) expect(lingering.pid).toBeNull();
      await child.exit();
    } finally {
      await source.close();
    }
  });
});

describe('worker poll source', () => {
  it('rejects polls after close instead of hanging', async () => {
    const source = createWorkerPollSource();
    await source.poll();
    await source.close();
    await expect(source.poll()).rejects.toThrow(/closed/);
  });
});

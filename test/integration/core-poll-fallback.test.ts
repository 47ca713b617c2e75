// When the poll worker cannot start, or dies, polling goes on in-process with a note in the
// status, and the first in-process delta is rebased on what the table already has (no duplicate
// rows, rows closed in between are removed). Real Linux backend, real sockets of a child.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../shared/model';
import { createFallbackPollSource, rebaseFullPoll } from '../../electron/core/fallback-poll-source';
import type { PollSource } from '../../electron/core/poll-source';
import { createWorkerPollSource } from '../../electron/core/worker-poll-source';
import { createPlatformBackend } from '../../electron/platform';
import { builtFile } from '../support/build-output';
import { makeConnection } from '../support/connection-fixture';
import { spawnSocketChild, stopAllSocketChildren } from '../support/socket-child';

const realWorker = fileURLToPath(new URL('../../out/main/poll-worker.js', import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'portscope-worker-'));

beforeAll(() => {
  builtFile('out/main/poll-worker.js');
}, 180_000);

afterAll(async () => {
  await stopAllSocketChildren();
  rmSync(dir, { recursive: true, force: true });
});

/** The table as the main thread keeps it from deltas; a duplicate "added" id is a bug. */
function tableOf(source: PollSource) {
  const rows = new Map<string, Connection>();
  return {
    rows,
    async poll() {
      const result = await source.poll();
      for (const id of result.delta.removed) rows.delete(id);
      for (const row of result.delta.added) {
        expect(rows.has(row.id)).toBe(false);
        rows.set(row.id, row);
      }
      for (const row of result.delta.updated) rows.set(row.id, row);
      expect(rows.size).toBe(result.total);
      return result;
    },
  };
}

describe('poll source with a worker that fails', () => {
  it('polls in-process when the worker module cannot load, and says so', async () => {
    const broken = path.join(dir, 'broken-worker.mjs');
    writeFileSync(broken, "throw new Error('cannot load this module');\n");
    const child = await spawnSocketChild();
    const { port } = await child.listenTcp('127.0.0.1');
    const source = createFallbackPollSource(createPlatformBackend(), () =>
      createWorkerPollSource({ workerFile: broken }),
    );
    try {
      const table = tableOf(source);
      const result = await table.poll();
      expect(source.kind).toBe('in-process');
      expect(result.warnings.join('\n')).toMatch(/Polling on the main thread.*poll worker/);
      expect(
        [...table.rows.values()].some((row) => row.pid === child.pid && row.localPort === port),
      ).toBe(true);
    } finally {
      await source.close();
    }
  });

  it('rebases on the table when the worker dies after serving polls', async () => {
    // The real worker, which exits on its second poll request.
    const dying = path.join(dir, 'dying-worker.mjs');
    writeFileSync(
      dying,
      // The real worker listens first (messages wait until a listener exists), then this one.
      `import { parentPort } from 'node:worker_threads';\n` +
        `await import(${JSON.stringify(realWorker)});\n` +
        `let polls = 0;\n` +
        `parentPort.on('message', () => { polls += 1; if (polls === 2) process.exit(3); });\n`,
    );
    const child = await spawnSocketChild();
    const kept = await child.listenTcp('127.0.0.1');
    const closed = await child.listenTcp('127.0.0.1');
    const source = createFallbackPollSource(createPlatformBackend(), () =>
      createWorkerPollSource({ workerFile: dying }),
    );
    try {
      const table = tableOf(source);
      await table.poll();
      expect(source.kind).toBe('worker');
      const ownPorts = () =>
        [...table.rows.values()]
          .filter((row) => row.pid === child.pid)
          .map((row) => row.localPort)
          .sort();
      expect(ownPorts()).toEqual([kept.port, closed.port].sort());

      await child.close(closed.handle);
      const after = await table.poll();
      expect(source.kind).toBe('in-process');
      expect(after.warnings.join('\n')).toMatch(/stopped unexpectedly \(exit code 3\)/);
      expect(ownPorts()).toEqual([kept.port]);
    } finally {
      await source.close();
    }
  });
});

describe('rebaseFullPoll', () => {
  it('turns a full poll into a delta against the rows the table has', () => {
    const a = makeConnection({ id: 'a' });
    const b = makeConnection({ id: 'b' });
    const delta = rebaseFullPoll(new Set(['a', 'gone']), {
      added: [a, b],
      updated: [],
      removed: [],
    });
    expect(delta).toEqual({ added: [b], updated: [a], removed: ['gone'] });
  });
});

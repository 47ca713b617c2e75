// The poll pipeline finds its delta while it makes the rows (no second pass): over a run of
// polls where sockets come, go, change state, owner and counters, and collide on one address,
// applying its deltas must give exactly the table the reads describe, with an update reported
// for every row that changed and for no other.
import { describe, expect, it } from 'vitest';
import { diffConnections, sameConnection } from '../../shared/diff';
import type { Connection, RawSocket } from '../../shared/model';
import { createPollPipeline } from '../../electron/core/poll-pipeline';
import { assignRowIds } from '../../electron/core/row-identity';
import type { PlatformBackend } from '../../electron/platform/types';
import { makeRawSocket } from '../support/connection-fixture';

/** A small deterministic random source, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

function scriptedPlatform(reads: RawSocket[][]): PlatformBackend {
  let next = 0;
  return {
    os: 'linux',
    readSockets: async () => ({
      sockets: reads[next++]!,
      processes: new Map(),
      malformedLines: 0,
      privileged: true,
      warnings: [],
    }),
    readProcessIdentity: async () => null,
    killProcess: async () => {},
    closeTcp: async () => ({ closed: 0, detail: '' }),
  };
}

describe('the poll pipeline’s delta', () => {
  it('rebuilds the table each read describes, reporting exactly the rows that changed', async () => {
    const next = random(42);
    const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
    const reads: RawSocket[][] = [];
    for (let poll = 0; poll < 40; poll++) {
      const sockets: RawSocket[] = [];
      for (let port = 1; port <= 30; port++) {
        if (next() < 0.2) continue; // this socket is not there in this poll
        sockets.push(
          makeRawSocket({
            localPort: port,
            // Ports 1-3 collide: two listeners on one address (SO_REUSEPORT).
            remotePort: port <= 3 ? null : 9000,
            remoteAddress: port <= 3 ? null : '127.0.0.1',
            state: port <= 3 ? 'LISTEN' : pick(['ESTABLISHED', 'ESTABLISHED', 'CLOSE_WAIT']),
            inode: port * 10 + (next() < 0.1 ? 1 : 0),
            pid: pick([7, 7, 8]),
            bytesSent: Math.floor(next() * 3),
          }),
        );
        if (port <= 3 && next() < 0.5) {
          sockets.push(
            makeRawSocket({
              localPort: port,
              remoteAddress: null,
              remotePort: null,
              state: 'LISTEN',
              inode: port * 10 + 5,
            }),
          );
        }
      }
      reads.push(sockets);
    }

    const pipeline = createPollPipeline(scriptedPlatform(reads));
    const table = new Map<string, Connection>();
    for (const sockets of reads) {
      const before = new Map(table);
      const { delta } = await pipeline.poll();
      for (const row of [...delta.added, ...delta.updated]) table.set(row.id, row);
      for (const id of delta.removed) table.delete(id);

      const ids = assignRowIds(sockets);
      expect([...table.keys()].sort()).toEqual([...ids].sort());
      sockets.forEach((socket, i) => {
        expect(table.get(ids[i]!)).toMatchObject({
          state: socket.state,
          inode: socket.inode,
          pid: socket.pid,
          bytesSent: socket.bytesSent,
        });
      });
      // The same delta diffConnections finds between the tables before and after.
      const found = diffConnections(before, [...table.values()]);
      expect(delta.added.map((r) => r.id).sort()).toEqual(found.added.map((r) => r.id).sort());
      expect(delta.updated.map((r) => r.id).sort()).toEqual(found.updated.map((r) => r.id).sort());
      expect([...delta.removed].sort()).toEqual([...found.removed].sort());
      for (const row of delta.updated) expect(sameConnection(before.get(row.id)!, row)).toBe(false);
    }
  });
});

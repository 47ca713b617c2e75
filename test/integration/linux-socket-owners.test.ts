// The attribution and process-detail caches on the real /proc: a steady poll walks no fd table,
// a new socket triggers one walk, an unowned inode is searched once then left alone until the
// retry time, and process details are re-read when a pid's start time changes (pid reuse).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseProcNetTable } from '../../electron/platform/linux/proc-net-parser';
import { ProcFileReader } from '../../electron/platform/linux/proc-file-reader';
import { UserNames } from '../../electron/platform/linux/passwd';
import {
  ProcessInfoCache,
  readBootTime,
  readProcStat,
} from '../../electron/platform/linux/process-info';
import { SocketOwnerIndex } from '../../electron/platform/linux/socket-owners';
import { spawnSocketChild, stopAllSocketChildren, type SocketChild } from '../support/socket-child';

const reader = new ProcFileReader();
let child: SocketChild;

/** Every socket inode in the kernel's tables right now, and the inode of one local TCP port. */
function liveInodes(): { all: Set<number>; byPort: Map<number, number> } {
  const all = new Set<number>();
  const byPort = new Map<number, number>();
  for (const [file, family] of [
    ['tcp', 4],
    ['tcp6', 6],
  ] as const) {
    for (const socket of parseProcNetTable(reader.read(`/proc/net/${file}`), 'tcp', family)
      .sockets) {
      if (socket.inode === null) continue;
      all.add(socket.inode);
      if (socket.state === 'LISTEN') byPort.set(socket.localPort, socket.inode);
    }
  }
  return { all, byPort };
}

beforeAll(async () => {
  child = await spawnSocketChild({ title: 'portscope-owners-it' });
});

afterAll(async () => {
  await stopAllSocketChildren();
});

describe('SocketOwnerIndex on the real /proc', () => {
  it('walks only when an unknown inode appears, and finds its owner', async () => {
    const index = new SocketOwnerIndex({
      startTicksOf: (pid) => readProcStat('/proc', pid)?.startTicks ?? null,
    });
    const first = await child.listenTcp('127.0.0.1');
    let live = liveInodes();
    const firstInode = live.byPort.get(first.port)!;
    expect(index.attribute(live.all).walked).toBe(true);
    expect(index.ownerOf(firstInode)).toBe(child.pid);

    // Sockets that opened or closed elsewhere on the machine meanwhile would rightly cause a walk,
    // so compare with the same set: nothing new, no walk.
    expect(index.attribute(live.all).walked).toBe(false);
    expect(index.ownerOf(firstInode)).toBe(child.pid);

    const second = await child.listenTcp('::1');
    live = liveInodes();
    const secondInode = live.byPort.get(second.port)!;
    expect(index.attribute(live.all).walked).toBe(true);
    expect(index.ownerOf(secondInode)).toBe(child.pid);

    await child.close(first.handle);
    await child.waitForEnd(first.handle);
    live = liveInodes();
    expect(live.all.has(firstInode)).toBe(false);
    index.attribute(live.all);
    expect(index.ownerOf(firstInode)).toBeNull();
    await child.close(second.handle);
  });

  it('searches an inode nobody owns once, then again only after the retry time', () => {
    const index = new SocketOwnerIndex({
      retryUnownedMs: 30_000,
      startTicksOf: (pid) => readProcStat('/proc', pid)?.startTicks ?? null,
    });
    // An inode number no socket has: stands for a socket whose owner we may not see.
    const unowned = new Set([...liveInodes().all, 4_000_000_000]);
    const start = 1_000_000;
    const first = index.attribute(unowned, start);
    expect(first.walked).toBe(true);
    expect(first.unownedInodes).toBeGreaterThanOrEqual(1);
    expect(index.attribute(unowned, start + 1_000).walked).toBe(false);
    expect(index.attribute(unowned, start + 30_000).walked).toBe(true);
    expect(index.ownerOf(4_000_000_000)).toBeNull();
  });

  it('drops the inodes of a pid that exited', async () => {
    const index = new SocketOwnerIndex({
      startTicksOf: (pid) => readProcStat('/proc', pid)?.startTicks ?? null,
    });
    const other = await spawnSocketChild({ title: 'portscope-owners-exit' });
    const listener = await other.listenTcp('127.0.0.1');
    const live = liveInodes();
    const inode = live.byPort.get(listener.port)!;
    index.attribute(live.all);
    expect(index.ownerOf(inode)).toBe(other.pid);
    await other.exit();
    // Same set as before (as if the table had not caught up): the dead pid still loses it.
    index.attribute(live.all);
    expect(index.ownerOf(inode)).toBeNull();
  });
});

describe('ProcessInfoCache', () => {
  it('re-reads details when the same pid has another start time (pid reuse)', () => {
    const cache = new ProcessInfoCache('/proc', readBootTime('/proc'), new UserNames());
    const stat = readProcStat('/proc', child.pid)!;
    const info = cache.get(stat);
    expect(info).toMatchObject({ pid: child.pid, user: 'root', parentPid: process.pid });
    expect(cache.get(stat)).toBe(info);
    const reused = cache.get({ ...stat, startTicks: stat.startTicks + 1 });
    expect(reused).not.toBe(info);
    expect(reused.startTime).toBe(info.startTime! + 10);
    cache.retainOnly(new Set());
    expect(cache.size).toBe(0);
  });
});

// SHA-256 of what a process runs, for "Mark as known" by content: a known program replaced by
// another file is judged again (issue 13.9).
//
// What is hashed is the running image: on Linux /proc/PID/exe, which opens the very file the
// process executes, whatever its path now names in our mount namespace (a container's
// /usr/bin/sshd is not the host's) and even after the path was replaced. Elsewhere the executable
// path is all there is. Either way the file is opened once and everything is checked on that
// descriptor (fstat: a regular file, not too big), never by stat-then-open of a path: a FIFO
// swapped in between the two would make the open wait for a writer forever, holding one of
// libuv's four threads. The open is O_NONBLOCK for that reason (opening a FIFO then returns at
// once; reading a regular file ignores the flag) and the descriptor's fstat refuses it.
import { createHash } from 'node:crypto';
import { constants, promises as fs } from 'node:fs';
import type { Connection } from '../../../shared/model';
import { translateFsError } from '../../platform/errors';

/** Larger than any real executable (Chromium is ~250 MB); stops a hash of a disk image. */
export const MAX_HASHED_BYTES = 1024 * 1024 * 1024;
const READ_BLOCK_BYTES = 1024 * 1024;

/** The process of a row, as much of it as names its executable. */
export type ImageOwner = Pick<Connection, 'pid' | 'processStartTime' | 'processPath'>;

/** The file holding what `row`'s process runs; null when there is none to read. */
export function imageFileOf(
  row: ImageOwner,
  os: NodeJS.Platform,
  procRoot = '/proc',
): string | null {
  if (row.processPath === null) return null;
  if (os === 'linux') return row.pid === null ? null : `${procRoot}/${row.pid}/exe`;
  return row.processPath;
}

/**
 * The SHA-256 (lowercase hex) of the file at `file`, read through one descriptor. `name` is how
 * messages call it. Errors are PlatformErrors (or an Error) with an actionable message.
 */
export async function hashFile(
  file: string,
  name: string,
  maxBytes = MAX_HASHED_BYTES,
): Promise<string> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw translateFsError(error, name);
  }
  try {
    let info;
    try {
      info = await handle.stat();
    } catch (error) {
      throw translateFsError(error, name);
    }
    if (!info.isFile()) throw new Error(`${name} is not a regular file, so it is not hashed.`);
    const tooBig = () =>
      new Error(
        `${name} is larger than ${Math.round(maxBytes / 1048576)} MB and is not hashed: mark it as known by path instead.`,
      );
    if (info.size > maxBytes) throw tooBig();
    const hash = createHash('sha256');
    const buffer = Buffer.allocUnsafe(READ_BLOCK_BYTES);
    let total = 0;
    for (;;) {
      let bytesRead: number;
      try {
        ({ bytesRead } = await handle.read(buffer, 0, buffer.length, null));
      } catch (error) {
        throw translateFsError(error, name);
      }
      if (bytesRead === 0) break;
      total += bytesRead;
      // The file may have grown since fstat: the cap holds for what is read.
      if (total > maxBytes) throw tooBig();
      hash.update(buffer.subarray(0, bytesRead));
    }
    return hash.digest('hex');
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** The file at a path (kept for callers that hash a path on purpose). */
export function hashExecutable(path: string, maxBytes = MAX_HASHED_BYTES): Promise<string> {
  return hashFile(path, `the executable ${path}`, maxBytes);
}

/** What `row`'s process runs (see the header). */
export function hashRunningImage(
  row: ImageOwner,
  os: NodeJS.Platform,
  procRoot = '/proc',
): Promise<string> {
  const file = imageFileOf(row, os, procRoot);
  if (file === null) {
    return Promise.reject(
      new Error('The process has no readable executable: mark it as known by path instead.'),
    );
  }
  return hashFile(file, `the executable ${row.processPath} (pid ${row.pid})`);
}

interface CacheEntry {
  hash: string | null;
  pending: boolean;
}

export interface ExecutableHashCache {
  /** The cached hash of what `row`'s process runs, or null; a miss starts hashing it. */
  get(row: ImageOwner): string | null;
  /** Store a hash computed elsewhere (markKnown hashes before the judge asks). */
  put(row: ImageOwner, hash: string): void;
  clear(): void;
  /** Resolves when every hash started so far has finished (and its onHashed has run). */
  idle(): Promise<void>;
  /** A hash is being computed right now. */
  busy(): boolean;
}

/**
 * One process image: pid, start time and path (an exec keeps pid and start time but changes the
 * image and its path). A running image does not change under a process (Linux refuses to write
 * to it: ETXTBSY), so an entry is computed once.
 */
function imageKey(row: ImageOwner): string {
  return `${row.pid}:${row.processStartTime}:${row.processPath}`;
}

/** `onHashed()` is called when a background hash finished (the caller re-judges the rows). */
export function createExecutableHashCache(options: {
  onHashed(): void;
  os: NodeJS.Platform;
  procRoot?: string;
}): ExecutableHashCache {
  const entries = new Map<string, CacheEntry>();
  const running = new Set<Promise<void>>();

  async function compute(row: ImageOwner, entry: CacheEntry): Promise<void> {
    try {
      entry.hash = await hashRunningImage(row, options.os, options.procRoot);
      options.onHashed();
    } catch {
      // Unreadable or gone: unknown content, so a hash-based known item cannot vouch for it.
      entry.hash = null;
    } finally {
      entry.pending = false;
    }
  }

  return {
    get(row) {
      const key = imageKey(row);
      let entry = entries.get(key);
      if (entry) return entry.hash;
      if (entries.size > 2000) entries.clear();
      entry = { hash: null, pending: true };
      entries.set(key, entry);
      const task = compute({ ...row }, entry);
      running.add(task);
      void task.finally(() => running.delete(task));
      return null;
    },
    put(row, hash) {
      entries.set(imageKey(row), { hash, pending: false });
    },
    clear: () => entries.clear(),
    async idle() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
    busy: () => running.size > 0,
  };
}

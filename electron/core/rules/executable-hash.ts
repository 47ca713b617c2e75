// SHA-256 of executables, for "Mark as known" by content: a known program that is replaced by
// another file at the same path is judged again. Files are streamed (never read whole) and capped
// in size, and results are cached by path and file identity (inode, size, mtime).
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { translateFsError } from '../../platform/errors';

/** Larger than any real executable (Chromium is ~250 MB); stops a hash of a disk image. */
export const MAX_HASHED_BYTES = 1024 * 1024 * 1024;

/** The file's SHA-256 as lowercase hex. Errors are PlatformErrors with an actionable message. */
export async function hashExecutable(path: string, maxBytes = MAX_HASHED_BYTES): Promise<string> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new Error(`${path} is not a regular file`);
    size = info.size;
  } catch (error) {
    throw translateFsError(error, `the executable ${path}`);
  }
  if (size > maxBytes) {
    throw new Error(
      `${path} is larger than ${Math.round(maxBytes / 1048576)} MB and is not hashed: mark it as known by path instead.`,
    );
  }
  const hash = createHash('sha256');
  try {
    for await (const chunk of createReadStream(path, { end: maxBytes })) {
      hash.update(chunk as Buffer);
    }
  } catch (error) {
    throw translateFsError(error, `the executable ${path}`);
  }
  return hash.digest('hex');
}

interface CacheEntry {
  identity: string;
  hash: string | null;
  checkedAt: number;
  pending: boolean;
}

export interface ExecutableHashCache {
  /** The cached hash, or null; a miss or a stale entry starts hashing in the background. */
  get(path: string): string | null;
  /** Store a hash computed elsewhere (markKnown hashes before the judge asks). */
  put(path: string, hash: string): void;
  clear(): void;
  /** Resolves when every hash started so far has finished (and its onHashed has run). */
  idle(): Promise<void>;
  /** A hash is being computed right now. */
  busy(): boolean;
}

/**
 * `onHashed(path)` is called when a background hash finished (the caller re-judges those rows).
 * An entry is re-checked against the file (stat) at most every `recheckMs`.
 */
export function createExecutableHashCache(options: {
  onHashed(path: string): void;
  recheckMs?: number;
  now?: () => number;
}): ExecutableHashCache {
  const recheckMs = options.recheckMs ?? 10_000;
  const now = options.now ?? Date.now;
  const entries = new Map<string, CacheEntry>();
  const running = new Set<Promise<void>>();

  async function refresh(path: string, entry: CacheEntry): Promise<void> {
    entry.pending = true;
    try {
      const info = await stat(path);
      const identity = `${info.ino}:${info.size}:${info.mtimeMs}`;
      if (identity !== entry.identity || entry.hash === null) {
        const hash = await hashExecutable(path);
        const changed = hash !== entry.hash;
        entry.identity = identity;
        entry.hash = hash;
        if (changed) options.onHashed(path);
      }
    } catch {
      // Unreadable or gone: unknown content, so a hash-based known item cannot vouch for it.
      const hadHash = entry.hash !== null;
      entry.hash = null;
      entry.identity = '';
      if (hadHash) options.onHashed(path);
    } finally {
      entry.pending = false;
      entry.checkedAt = now();
    }
  }

  return {
    get(path) {
      let entry = entries.get(path);
      if (!entry) {
        if (entries.size > 2000) entries.clear();
        entry = { identity: '', hash: null, checkedAt: 0, pending: false };
        entries.set(path, entry);
      }
      if (!entry.pending && now() - entry.checkedAt >= recheckMs) {
        const task = refresh(path, entry);
        running.add(task);
        void task.finally(() => running.delete(task));
      }
      return entry.hash;
    },
    put(path, hash) {
      entries.set(path, { identity: '', hash, checkedAt: 0, pending: false });
      // identity '' makes the next check stat the file and confirm the hash belongs to it.
    },
    clear: () => entries.clear(),
    async idle() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
    busy: () => running.size > 0,
  };
}

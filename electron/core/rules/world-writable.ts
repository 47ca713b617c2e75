// "Can anyone write to the directory this executable lives in?" One stat per directory, cached,
// because rules ask for every flagged-or-not row and must answer synchronously. A directory
// writable by others (mode o+w, S_IWOTH in include/uapi/linux/stat.h) lets anyone drop or swap
// the program, whatever the sticky bit says about deleting other people's files.
import { statSync } from 'node:fs';
import { dirname } from 'node:path';

const S_IWOTH = 0o002;

export interface WorldWritableCache {
  /** The nearest world-writable directory holding `path` (its directory or an ancestor). */
  dirOf(path: string): string | null;
  clear(): void;
}

export function createWorldWritableCache(options: { ttlMs?: number; now?: () => number } = {}) {
  const ttlMs = options.ttlMs ?? 30_000;
  const now = options.now ?? Date.now;
  const dirs = new Map<string, { writable: boolean; at: number }>();

  function isWorldWritable(dir: string): boolean {
    const cached = dirs.get(dir);
    const time = now();
    if (cached && time - cached.at < ttlMs) return cached.writable;
    let writable = false;
    try {
      // A directory we cannot stat (gone, another mount namespace) is not evidence of anything.
      writable = (statSync(dir).mode & S_IWOTH) !== 0;
    } catch {
      writable = false;
    }
    // Bounded: a machine has a few hundred executable directories, not millions.
    if (dirs.size > 5000) dirs.clear();
    dirs.set(dir, { writable, at: time });
    return writable;
  }

  const cache: WorldWritableCache = {
    dirOf(path) {
      if (!path.startsWith('/')) return null;
      let dir = dirname(path);
      for (;;) {
        if (isWorldWritable(dir)) return dir;
        const parent = dirname(dir);
        if (parent === dir) return null;
        dir = parent;
      }
    },
    clear: () => dirs.clear(),
  };
  return cache;
}

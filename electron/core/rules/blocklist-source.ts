// The blocklist file, kept current: read when the path is set, re-read when it changes. fs.watch
// on the file's directory notices edits and replacements (editors save by rename, which a watch
// on the file itself would lose); a periodic mtime/size/inode check catches what watchers miss
// (network filesystems, a directory created later). A file that cannot be read leaves an empty
// blocklist and a message saying why, never a failed poll.
import { watch, type FSWatcher } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { BlocklistStatus } from '../../../shared/contract/rules';
import { EMPTY_BLOCKLIST, parseBlocklist, type Blocklist } from '../../../shared/rules/blocklist';

/** A blocklist larger than this is refused (public lists of a few 100k entries are ~10 MB). */
export const MAX_BLOCKLIST_BYTES = 64 * 1024 * 1024;

export interface BlocklistSource {
  setPath(path: string | null): void;
  current(): Blocklist;
  status(): BlocklistStatus;
  /** Re-read now if the file changed (also runs on watch events and on a timer). */
  check(): Promise<void>;
  dispose(): void;
}

function readProblem(error: unknown, path: string): string {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return `The blocklist file ${path} does not exist: create it or choose another file.`;
    case 'EACCES':
    case 'EPERM':
      return `Permission denied reading the blocklist file ${path}: make it readable by the user running Portscope.`;
    case 'EISDIR':
      return `${path} is a directory: choose a text file of IP addresses and ranges.`;
    default:
      return `Could not read the blocklist file ${path}: ${error instanceof Error ? error.message : String(error)}`;
  }
}

export function createBlocklistSource(options: {
  /** Called after the blocklist in effect changed (rows must be judged again). */
  onChange(): void;
  pollMs?: number;
}): BlocklistSource {
  const pollMs = options.pollMs ?? 2000;
  let path: string | null = null;
  let blocklist: Blocklist = EMPTY_BLOCKLIST;
  let error: string | null = null;
  let loadedAt: number | null = null;
  let signature = '';
  let watcher: FSWatcher | null = null;
  let timer: NodeJS.Timeout | null = null;
  let generation = 0;
  let checking: Promise<void> | null = null;
  let again = false;

  async function load(forPath: string, forGeneration: number): Promise<void> {
    let nextSignature: string;
    let text: string | null = null;
    let nextError: string | null = null;
    try {
      const info = await stat(forPath);
      nextSignature = `${info.ino}:${info.size}:${info.mtimeMs}`;
      if (nextSignature === signature) return;
      if (info.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
      if (info.size > MAX_BLOCKLIST_BYTES) {
        nextError = `The blocklist file ${forPath} is larger than ${MAX_BLOCKLIST_BYTES / 1048576} MB and was not loaded.`;
      } else {
        text = await readFile(forPath, 'utf8');
      }
    } catch (err) {
      nextSignature = `error:${(err as { code?: string } | null)?.code ?? 'unknown'}`;
      if (nextSignature === signature) return;
      nextError = readProblem(err, forPath);
    }
    if (forGeneration !== generation) return; // the path changed meanwhile
    signature = nextSignature;
    const before = blocklist;
    blocklist = text === null ? EMPTY_BLOCKLIST : parseBlocklist(text);
    error = nextError;
    loadedAt = Date.now();
    if (before !== EMPTY_BLOCKLIST || blocklist !== EMPTY_BLOCKLIST) options.onChange();
  }

  function check(): Promise<void> {
    if (path === null) return Promise.resolve();
    if (checking) {
      again = true;
      return checking;
    }
    const run = async () => {
      do {
        again = false;
        if (path !== null) await load(path, generation);
      } while (again);
    };
    checking = run().finally(() => {
      checking = null;
    });
    return checking;
  }

  function stopWatching(): void {
    watcher?.close();
    watcher = null;
    if (timer) clearInterval(timer);
    timer = null;
  }

  function startWatching(file: string): void {
    try {
      const name = basename(file);
      watcher = watch(dirname(file), { persistent: false }, (_event, changed) => {
        if (changed === null || changed === name) void check();
      });
      watcher.on('error', () => {
        watcher?.close();
        watcher = null;
      });
    } catch {
      watcher = null; // directory missing or not watchable: the timer below still notices
    }
    timer = setInterval(() => void check(), pollMs);
    timer.unref();
  }

  return {
    setPath(next) {
      if (next === path) return;
      stopWatching();
      generation += 1;
      path = next;
      signature = '';
      error = null;
      loadedAt = null;
      const hadEntries = blocklist !== EMPTY_BLOCKLIST;
      blocklist = EMPTY_BLOCKLIST;
      if (hadEntries) options.onChange();
      if (next !== null) {
        startWatching(next);
        void check();
      }
    },
    current: () => blocklist,
    status: () => ({
      path,
      entries: blocklist.size,
      problems: blocklist.problems.slice(0, 100),
      error,
      loadedAt,
    }),
    check,
    dispose() {
      stopWatching();
      generation += 1;
    },
  };
}

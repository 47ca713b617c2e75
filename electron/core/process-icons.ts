// getProcessIcons: the Process column's icons. The page names pids; this looks each one up in the
// current table (only a process that owns a row here has an icon to give) and asks the attached
// icon source for its executable's icon. The source is Electron's app.getFileIcon in the app
// (electron/process-icons.ts); without one (CLI, tests that attach none) every answer is null and
// the page draws its generic icon. Answers are cached per executable path.
import { isAbsolute } from 'node:path';
import type { InvokeHandlers } from '../../shared/contract';
import type { ProcessIcon } from '../../shared/contract/process-icons';
import type { BackendContext } from './context';

/** What only the desktop can do: turn a file into its icon (a PNG data: URL), or null. */
export interface FileIconSource {
  iconForFile(path: string): Promise<string | null>;
}

/** What the handler needs of the backend: its table. */
type IconContext = Pick<BackendContext, 'table'>;

const sources = new WeakMap<IconContext, FileIconSource>();
const caches = new WeakMap<IconContext, Map<string, Promise<string | null>>>();

/** Executables remembered at most (a desktop runs a few hundred distinct programs). */
const MAX_CACHED = 512;
/** An icon bigger than this is not a small icon: refused rather than sent to the page. */
const MAX_ICON_CHARS = 256 * 1024;

/** Give this backend's getProcessIcons an icon source (electron/main.ts; tests pass their own). */
export function attachFileIconSource(context: IconContext, source: FileIconSource): void {
  sources.set(context, source);
  caches.set(context, new Map());
}

function acceptable(icon: string | null): string | null {
  if (icon === null || icon.length > MAX_ICON_CHARS) return null;
  return icon.startsWith('data:image/png;base64,') ? icon : null;
}

function iconOf(context: IconContext, source: FileIconSource, path: string) {
  const cache = caches.get(context)!;
  let icon = cache.get(path);
  if (icon === undefined) {
    icon = source.iconForFile(path).then(acceptable, () => null);
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
    cache.set(path, icon);
  }
  return icon;
}

export function createProcessIconHandlers(
  context: IconContext,
): Pick<InvokeHandlers, 'getProcessIcons'> {
  return {
    async getProcessIcons(pids): Promise<ProcessIcon[]> {
      const wanted = new Set(pids);
      const source = sources.get(context);
      const paths = new Map<number, string>();
      if (source) {
        for (const row of context.table.rows()) {
          if (row.pid === null || !wanted.has(row.pid) || paths.has(row.pid)) continue;
          // A deleted executable's path may now hold another file: no icon rather than its icon.
          const path = row.processPath;
          if (path !== null && isAbsolute(path) && !row.processPathDeleted)
            paths.set(row.pid, path);
        }
      }
      return Promise.all(
        [...wanted].map(async (pid) => {
          const path = paths.get(pid);
          return { pid, icon: source && path ? await iconOf(context, source, path) : null };
        }),
      );
    },
  };
}

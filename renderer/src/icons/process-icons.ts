// Icons of the processes in the table, asked of main by pid (main finds the executable itself:
// shared/contract/process-icons.ts) in one batched request for the rows being drawn, and kept by
// executable path, so every process of one program shares one icon and asks for it once.
import { create } from 'zustand';
import { MAX_ICON_PIDS } from '../../../shared/contract/process-icons';
import type { Connection } from '../../../shared/model';
import genericProgramIcon from './generic-program.svg';

export { genericProgramIcon };

interface IconState {
  /** Executable path → icon data: URL, or null when main has none (generic icon). */
  icons: Record<string, string | null>;
}

export const useIconStore = create<IconState>(() => ({ icons: {} }));

/** pid → the path its icon will be filed under, for the next request. */
const queued = new Map<number, string>();
const asked = new Set<string>();
let timer: ReturnType<typeof setTimeout> | null = null;
/** Rows drawn within this time go in one request. */
const BATCH_MS = 30;

type IconRow = Pick<Connection, 'pid' | 'processPath' | 'processPathDeleted'>;

/** The key an icon is filed under, or null for rows with no executable to ask about. */
export function iconKeyOf(row: IconRow): string | null {
  if (row.pid === null || row.processPath === null || row.processPathDeleted) return null;
  return row.processPath;
}

async function flush(): Promise<void> {
  timer = null;
  const batch = [...queued].slice(0, MAX_ICON_PIDS);
  for (const [pid] of batch) queued.delete(pid);
  if (queued.size > 0) timer = setTimeout(() => void flush(), BATCH_MS);
  if (batch.length === 0) return;
  const keyOf = new Map(batch);
  let answers: { pid: number; icon: string | null }[] = [];
  try {
    answers = await window.portscope.getProcessIcons(batch.map(([pid]) => pid));
  } catch {
    // No icons this time (main busy or gone): the generic icon stays, nothing to report.
  }
  const icons: Record<string, string | null> = {};
  for (const [pid, key] of keyOf) {
    icons[key] = answers.find((answer) => answer.pid === pid)?.icon ?? null;
  }
  useIconStore.setState((state) => ({ icons: { ...state.icons, ...icons } }));
}

/** Ask for this row's icon unless it is known or on its way. */
export function requestIcon(row: IconRow): void {
  const key = iconKeyOf(row);
  if (key === null || asked.has(key) || row.pid === null) return;
  asked.add(key);
  queued.set(row.pid, key);
  timer ??= setTimeout(() => void flush(), BATCH_MS);
}

/** The icon to draw for a row: its own when main gave one, else the generic one. */
export function useProcessIcon(row: IconRow | undefined): string {
  const key = row ? iconKeyOf(row) : null;
  const icon = useIconStore((state) => (key === null ? null : state.icons[key]));
  return icon ?? genericProgramIcon;
}

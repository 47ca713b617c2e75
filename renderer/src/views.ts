// Which view fills the window: the connection table, or the Processes view over the same rows.
// Choosing a process filters the table to it and goes back to the table.
import { focusGrid } from './grid/keyboard-selection';
import { registerMenuCommand } from './menu-commands';
import { updateView } from './poll-controls';
import { NO_PROCESS_KEY, type ProcessSummary } from './processes/process-summary';
import { useUiStore, type ActiveView } from './store';

export function showView(view: ActiveView): void {
  useUiStore.setState({ activeView: view });
  if (view === 'connections') requestAnimationFrame(() => focusGrid());
}

/** The filter that shows exactly one process's rows. */
export function filterForProcess(summary: Pick<ProcessSummary, 'key' | 'pid'>): string {
  return summary.key === NO_PROCESS_KEY || summary.pid === null ? 'pid:none' : `pid:${summary.pid}`;
}

/** A process chosen in the Processes view: the table, filtered to its rows. */
export function showProcessConnections(summary: Pick<ProcessSummary, 'key' | 'pid'>): void {
  updateView({ filter: filterForProcess(summary) });
  showView('connections');
}

/** Ctrl/Cmd+1 and Ctrl/Cmd+2 (View → Connections, Processes; the menu leaves the keys to us). */
function onViewKey(event: KeyboardEvent): void {
  if (!(event.ctrlKey || event.metaKey) || event.shiftKey || event.altKey) return;
  const view = event.key === '1' ? 'connections' : event.key === '2' ? 'processes' : null;
  if (!view) return;
  event.preventDefault();
  showView(view);
}

export function registerViewMenuCommands(): () => void {
  window.addEventListener('keydown', onViewKey);
  const offs = [
    registerMenuCommand('showConnections', () => showView('connections')),
    registerMenuCommand('showProcesses', () => showView('processes')),
  ];
  return () => {
    window.removeEventListener('keydown', onViewKey);
    offs.forEach((off) => off());
  };
}

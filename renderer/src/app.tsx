// The window: toolbar, the table (or the Processes view over the same rows), status bar, and the
// Preferences sheet.
import { useEffect } from 'react';
import { HostNamesNotice } from './features/first-run/host-names-notice';
import { ConnectionGrid } from './grid/connection-grid';
import type { SavedColumns } from './grid/column-state';
import { refreshNow, setPaused } from './poll-controls';
import { PreferencesSheet } from './preferences/preferences-sheet';
import { ProcessesView } from './processes/processes-view';
import { StatusBar } from './status/status-bar';
import { useUiStore } from './store';
import { Toolbar } from './toolbar/toolbar';

function isTextField(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLTextAreaElement ||
    (target instanceof HTMLInputElement &&
      !['checkbox', 'radio', 'button'].includes(target.type)) ||
    (target instanceof HTMLElement && target.isContentEditable)
  );
}

/**
 * F5 (and Ctrl+R, which would otherwise reload the page) polls at once, as in TCPView. Ctrl/Cmd+P
 * pauses or resumes, except while typing in a text field such as the filter box: the menu shows
 * it without registering it (electron/app-menu.ts), because Electron hands every key the page
 * does not handle to the menu's accelerators, the filter box's included.
 */
function onWindowKeyDown(event: KeyboardEvent): void {
  const mod = event.ctrlKey || event.metaKey;
  if (mod && !event.shiftKey && !event.altKey && event.key.toLowerCase() === 'p') {
    event.preventDefault();
    if (!isTextField(event.target)) setPaused(!useUiStore.getState().paused);
    return;
  }
  const reloadKey = event.key === 'F5' || (mod && event.key === 'r');
  if (!reloadKey) return;
  event.preventDefault();
  refreshNow();
}

export function App({ savedColumns }: { savedColumns: SavedColumns }) {
  const paused = useUiStore((s) => s.paused);
  useEffect(() => {
    window.addEventListener('keydown', onWindowKeyDown);
    return () => window.removeEventListener('keydown', onWindowKeyDown);
  }, []);

  return (
    <div className={paused ? 'app app-paused' : 'app'}>
      <HostNamesNotice />
      <Toolbar />
      <main className="view-area">
        <ConnectionGrid savedColumns={savedColumns} />
        <ProcessesView />
      </main>
      <StatusBar />
      <PreferencesSheet />
    </div>
  );
}

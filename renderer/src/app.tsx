// The window: toolbar, the table (or the Processes view over the same rows), status bar, and the
// Preferences sheet.
import { useEffect } from 'react';
import { ConnectionGrid } from './grid/connection-grid';
import type { SavedColumns } from './grid/column-state';
import { refreshNow } from './poll-controls';
import { PreferencesSheet } from './preferences/preferences-sheet';
import { ProcessesView } from './processes/processes-view';
import { StatusBar } from './status/status-bar';
import { useUiStore } from './store';
import { Toolbar } from './toolbar/toolbar';

/** F5 (and Ctrl+R, which would otherwise reload the page) polls at once, as in TCPView. */
function onWindowKeyDown(event: KeyboardEvent): void {
  const reloadKey = event.key === 'F5' || ((event.ctrlKey || event.metaKey) && event.key === 'r');
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

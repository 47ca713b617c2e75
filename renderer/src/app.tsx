// The window: toolbar, table, status bar.
import { useEffect } from 'react';
import { HostNamesNotice } from './features/first-run/host-names-notice';
import { ConnectionGrid } from './grid/connection-grid';
import type { SavedColumns } from './grid/column-state';
import { refreshNow } from './poll-controls';
import { PreferencesSheet } from './preferences';
import { StatusBar } from './status/status-bar';
import { Toolbar } from './toolbar/toolbar';

/** F5 (and Ctrl+R, which would otherwise reload the page) polls at once, as in TCPView. */
function onWindowKeyDown(event: KeyboardEvent): void {
  const reloadKey = event.key === 'F5' || ((event.ctrlKey || event.metaKey) && event.key === 'r');
  if (!reloadKey) return;
  event.preventDefault();
  refreshNow();
}

export function App({ savedColumns }: { savedColumns: SavedColumns }) {
  useEffect(() => {
    window.addEventListener('keydown', onWindowKeyDown);
    return () => window.removeEventListener('keydown', onWindowKeyDown);
  }, []);

  return (
    <div className="app">
      <HostNamesNotice />
      <Toolbar />
      <ConnectionGrid savedColumns={savedColumns} />
      <StatusBar />
      <PreferencesSheet />
    </div>
  );
}

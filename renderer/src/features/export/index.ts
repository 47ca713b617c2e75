// The export feature of the renderer: Ctrl/Cmd+S and File → Export… (menuCommand 'export') open
// the choice dialog for what the grid shows right now; main then asks where and writes the file.
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { registerMenuCommand } from '../../menu-commands';
import { getGridApi } from '../../rows/live-table';
import { useUiStore } from '../../store';
import { ExportLayer } from './export-dialog';
import type { ExportInput } from './export-request';
import { startExport } from './start-export';
import './export.css';

export { startExport } from './start-export';
export { buildExportRequest, type ExportInput, type ExportChoice } from './export-request';

/** What the grid shows now: visible columns in order, shown and selected rows in display order. */
export function currentExportInput(): ExportInput {
  const api = getGridApi();
  const filteredIds: string[] = [];
  const selectedIds: string[] = [];
  let totalRows = 0;
  api?.forEachNode((node) => {
    if (node.data && node.data.mark !== 'removed') totalRows += 1;
  });
  api?.forEachNodeAfterFilterAndSort((node) => {
    // Rows marked removed are closed already (shown red for a moment): not exported.
    if (!node.data || node.data.mark === 'removed') return;
    filteredIds.push(node.data.id);
    if (node.isSelected()) selectedIds.push(node.data.id);
  });
  return {
    visibleColumns: api?.getAllDisplayedColumns().map((column) => column.getColId()) ?? [],
    filteredIds,
    selectedIds,
    filterText: useUiStore.getState().view.filter,
    totalRows,
  };
}

export function openExport(): void {
  void startExport(window.portscope, currentExportInput());
}

function onKeyDown(event: KeyboardEvent): void {
  if (
    (event.ctrlKey || event.metaKey) &&
    !event.shiftKey &&
    !event.altKey &&
    event.key.toLowerCase() === 's'
  ) {
    // Also stops the browser's own "Save page" in a plain Chromium.
    event.preventDefault();
    openExport();
  }
}

let installed: (() => void) | null = null;

/** Register Ctrl/Cmd+S and the menu command, and mount the dialog layer, once for the page. */
export function installExport(): () => void {
  if (installed) return installed;
  window.addEventListener('keydown', onKeyDown);
  const offMenu = registerMenuCommand('export', openExport);
  const host = document.createElement('div');
  host.id = 'portscope-export-layer';
  document.body.appendChild(host);
  const root = createRoot(host);
  root.render(createElement(ExportLayer));
  installed = () => {
    window.removeEventListener('keydown', onKeyDown);
    offMenu();
    root.unmount();
    host.remove();
    installed = null;
  };
  return installed;
}

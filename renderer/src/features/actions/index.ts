// The actions feature of the renderer: keys and right-click on rows (through row-actions.ts, the
// grid's hook point), the rowCommand event from the native menu, and the Properties panel.
// Everything that acts (kill, close, the menu itself, the clipboard) happens in main, which checks
// the request against its own table and asks the person first.
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import type { ActionReport } from '../../../../shared/contract/actions';
import type { Connection } from '../../../../shared/model';
import { callMain, reportError } from '../../call-main';
import { onRowContextMenu, onRowKey, onRowOpen } from '../../row-actions';
import { getGridApi } from '../../rows/live-table';
import './actions.css';
import { openProperties } from './actions-store';
import { copyColumnsFrom, rowsToTsv } from './copy-rows';
import { PropertiesPanel } from './properties-panel';

export { rowsToTsv } from './copy-rows';
export { openProperties } from './actions-store';

/** Failures are shown in the status bar's error line; successes show as the row going red. */
function showReports(reports: ActionReport[] | undefined): void {
  const failed = (reports ?? []).filter((r) => !r.ok && r.outcome !== 'cancelled');
  if (failed.length > 0) reportError(new Error(failed.map((r) => r.message).join(' ')));
}

function closableTuples(rows: Connection[]) {
  return rows
    .filter(
      (row) => row.protocol === 'tcp' && row.remoteAddress !== null && row.remotePort !== null,
    )
    .map((row) => ({
      localAddress: row.localAddress,
      localPort: row.localPort,
      remoteAddress: row.remoteAddress as string,
      remotePort: row.remotePort as number,
    }));
}

export async function closeRows(rows: Connection[]): Promise<void> {
  const targets = closableTuples(rows);
  if (targets.length === 0) {
    reportError(
      new Error('Only TCP connections can be closed (UDP and listening sockets cannot).'),
    );
    return;
  }
  showReports(await callMain(() => window.portscope.closeConnections(targets)));
}

export async function killRows(rows: Connection[]): Promise<void> {
  const pids = [...new Set(rows.map((row) => row.pid).filter((pid) => pid !== null))];
  if (pids.length === 0) {
    reportError(
      new Error('The owning process is not visible: choose "Show all processes…" to see it.'),
    );
    return;
  }
  showReports(await callMain(() => window.portscope.killProcesses(pids.map((pid) => ({ pid })))));
}

export function copyRows(rows: Connection[]): void {
  if (rows.length === 0) return;
  const displayed =
    getGridApi()
      ?.getAllDisplayedColumns()
      .map((column) => column.getColId()) ?? [];
  const text = rowsToTsv(rows, copyColumnsFrom(displayed));
  void callMain(() => window.portscope.copyText(text));
}

function rowsById(ids: string[]): Connection[] {
  const api = getGridApi();
  if (!api) return [];
  const rows: Connection[] = [];
  for (const id of ids) {
    const data = api.getRowNode(id)?.data;
    if (data) {
      const { mark: _mark, ...row } = data;
      rows.push(row);
    }
  }
  return rows;
}

/** Keys on the table: Delete, Ctrl/Cmd+K, Ctrl/Cmd+C, Enter. */
export function handleActionKey(event: KeyboardEvent, rows: Connection[]): boolean {
  if (rows.length === 0) return false;
  const mod = event.ctrlKey || event.metaKey;
  if (event.key === 'Delete' && !mod) {
    void closeRows(rows);
    return true;
  }
  if (mod && !event.shiftKey && event.key.toLowerCase() === 'k') {
    void killRows(rows);
    return true;
  }
  if (mod && !event.shiftKey && event.key.toLowerCase() === 'c') {
    copyRows(rows);
    return true;
  }
  if (event.key === 'Enter' && !mod) {
    openProperties(rows[0]!);
    return true;
  }
  return false;
}

let installed: (() => void) | null = null;

/** Register the handlers and mount the Properties panel, once for the page. */
export function installRowActions(): () => void {
  if (installed) return installed;
  const offKey = onRowKey(handleActionKey);
  const offOpen = onRowOpen(openProperties);
  const offMenu = onRowContextMenu(({ rows }) => {
    void callMain(() => window.portscope.showRowMenu(rows.map((row) => row.id))).then((result) =>
      showReports(result?.reports),
    );
  });
  const offCommand = window.portscope.onRowCommand(({ command, ids }) => {
    const rows = rowsById(ids);
    if (command === 'copy') copyRows(rows);
    else if (command === 'properties' && rows[0]) openProperties(rows[0]);
    // whois: the whois feature listens for this DOM event (it owns its panel).
    else if (command === 'whois') {
      window.dispatchEvent(new CustomEvent('portscope:whois', { detail: { ids } }));
    }
  });
  const host = document.createElement('div');
  host.id = 'portscope-actions-layer';
  document.body.appendChild(host);
  const root = createRoot(host);
  root.render(createElement(PropertiesPanel));
  installed = () => {
    offKey();
    offOpen();
    offMenu();
    offCommand();
    root.unmount();
    host.remove();
    installed = null;
  };
  return installed;
}

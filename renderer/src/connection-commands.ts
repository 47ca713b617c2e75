// What the toolbar's buttons and the native Connection menu do: the same actions as the keys and
// the right-click menu, on the focused row and the selection it is part of (actionRows). Nothing
// selected is said in the message line rather than doing nothing silently.
import { closeRows, copyRows, killRows } from './features/actions';
import { openProperties } from './features/actions/actions-store';
import { openExport } from './features/export';
import { whoisRows } from './features/whois';
import { actionRows } from './grid/keyboard-selection';
import { registerMenuCommand } from './menu-commands';
import { showInfo } from './messages';
import type { Connection } from '../../shared/model';
import { getGridApi } from './rows/live-table';

export type ConnectionCommand = 'close' | 'kill' | 'whois' | 'properties' | 'copy' | 'export';

function withRows(act: (rows: Connection[]) => void): void {
  const rows = actionRows();
  if (rows.length === 0) {
    showInfo('Select a connection first (click a row, or move to it with the arrow keys).');
    return;
  }
  act(rows);
}

export function runConnectionCommand(command: ConnectionCommand): void {
  switch (command) {
    case 'close':
      return withRows((rows) => void closeRows(rows));
    case 'kill':
      return withRows((rows) => void killRows(rows));
    case 'whois':
      return withRows((rows) => whoisRows(rows.map((row) => row.id)));
    case 'properties':
      return withRows((rows) => openProperties(rows[0]!));
    case 'copy':
      return withRows((rows) => copyRows(rows));
    case 'export':
      return openExport();
  }
}

/** The Connection menu's items (electron/app-menu.ts) run the same commands. */
export function registerConnectionMenuCommands(): () => void {
  const offs = [
    registerMenuCommand('closeConnection', () => runConnectionCommand('close')),
    registerMenuCommand('killProcess', () => runConnectionCommand('kill')),
    registerMenuCommand('whois', () => runConnectionCommand('whois')),
    registerMenuCommand('properties', () => runConnectionCommand('properties')),
    registerMenuCommand('copy', () => runConnectionCommand('copy')),
    registerMenuCommand('selectAll', () => getGridApi()?.selectAll('filtered')),
  ];
  return () => offs.forEach((off) => off());
}

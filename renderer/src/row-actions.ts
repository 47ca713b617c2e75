// The one path from the grid to actions on rows: right-click and keys on the grid come here, and
// features (kill, close, whois, copy, properties) register handlers instead of touching the grid.
// Without any handler a right-click still selects the row under the cursor, like a file manager.
import type { CellContextMenuEvent, RowDoubleClickedEvent } from 'ag-grid-community';
import type { Connection } from '../../shared/model';
import { installRowActions } from './features/actions';
import { actionRows } from './grid/keyboard-selection';
import { getGridApi } from './rows/live-table';
import type { GridRow } from './rows/row-store';

export interface RowContextMenuRequest {
  /** The selection after the right-click (the clicked row is always in it). */
  rows: Connection[];
  /** The row under the cursor. */
  row: Connection;
  /** Where the pointer was, in client pixels. */
  x: number;
  y: number;
}

/** Return true when the key was handled (the grid then does nothing more with it). */
export type RowKeyHandler = (event: KeyboardEvent, rows: Connection[]) => boolean;
export type RowContextMenuHandler = (request: RowContextMenuRequest) => void;
/** A row was opened (double-click), as Enter opens the selection. */
export type RowOpenHandler = (row: Connection) => void;

const contextMenuHandlers = new Set<RowContextMenuHandler>();
const keyHandlers = new Set<RowKeyHandler>();
const openHandlers = new Set<RowOpenHandler>();

export function onRowContextMenu(handler: RowContextMenuHandler): () => void {
  contextMenuHandlers.add(handler);
  return () => contextMenuHandlers.delete(handler);
}

export function onRowKey(handler: RowKeyHandler): () => void {
  keyHandlers.add(handler);
  return () => keyHandlers.delete(handler);
}

export function onRowOpen(handler: RowOpenHandler): () => void {
  openHandlers.add(handler);
  return () => openHandlers.delete(handler);
}

/** Grid's onRowDoubleClicked (CurrPorts and TCPView open Properties on a double-click). */
export function handleRowDoubleClicked(event: RowDoubleClickedEvent<GridRow>): void {
  if (!event.data) return;
  const { mark: _mark, ...row } = event.data;
  for (const handler of openHandlers) handler(row);
}

/** Grid's onCellContextMenu. */
export function handleCellContextMenu(event: CellContextMenuEvent<GridRow>): void {
  const node = event.node;
  if (!node.data) return;
  // Right-click on an unselected row selects just it; on a selected row keeps the selection,
  // so a multi-row selection can be acted on as a whole.
  const api = getGridApi();
  if (!node.isSelected()) {
    api?.deselectAll();
    node.setSelected(true);
  }
  // The row under the pointer takes the focus too, so keys that follow act on it.
  if (api && node.rowIndex !== null) api.setFocusedCell(node.rowIndex, event.column);
  const pointer = event.event instanceof MouseEvent ? event.event : null;
  const { mark: _mark, ...row } = node.data;
  const request: RowContextMenuRequest = {
    rows: actionRows(),
    row,
    x: pointer?.clientX ?? 0,
    y: pointer?.clientY ?? 0,
  };
  for (const handler of contextMenuHandlers) handler(request);
}

/** Keydown inside the grid: the keys act on the focused row (with the selection it is part of). */
export function handleGridKeyDown(event: KeyboardEvent): void {
  if (keyHandlers.size === 0) return;
  const rows = actionRows();
  for (const handler of keyHandlers) {
    if (handler(event, rows)) {
      event.preventDefault();
      event.stopPropagation();
      return;
    }
  }
}

// Actions feature (owner: actions): Delete, Ctrl/Cmd+K, Ctrl/Cmd+C, Enter, the native menu, Properties.
installRowActions();

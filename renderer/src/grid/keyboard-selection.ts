// Keyboard and focus in the table, as in a file manager or TCPView's list: the arrow keys,
// Page Up/Down and Home/End move the focused row and the selection together (Shift extends it
// from where it started), Ctrl+A selects every row shown, and the keys that act (Delete, Ctrl+K,
// Enter) act on that row, never on one left behind. AG Grid keeps focus by row index, so when a
// poll inserts or re-sorts rows the focused row is followed by its id and focus re-pointed at it.
import type { CellFocusedEvent, GridApi, IRowNode } from 'ag-grid-community';
import type { Connection } from '../../../shared/model';
import type { GridRow } from '../rows/row-store';
import { actionTargets, rangeBetween } from './action-targets';

const NAVIGATION_KEYS = new Set(['ArrowUp', 'ArrowDown', 'PageUp', 'PageDown', 'Home', 'End']);
/** A key or pointer press and the focus change it causes happen within one task. */
const CAUSE_WINDOW_MS = 250;

let api: GridApi<GridRow> | null = null;
let focusedRowId: string | null = null;
let anchorRowId: string | null = null;
/**
 * Navigation keys pressed whose focus change has not come yet. AG Grid may take two quick presses
 * before it moves focus for the first, so each press is counted and each focus change takes one.
 */
let pendingNavigation: { shift: boolean; at: number; keys: number } | null = null;
let pendingPointerAt = 0;
let repointing = false;

export function attachKeyboardSelection(gridApi: GridApi<GridRow>): () => void {
  api = gridApi;
  return () => {
    if (api === gridApi) api = null;
    focusedRowId = null;
    anchorRowId = null;
  };
}

function plain(row: GridRow): Connection {
  const { mark: _mark, ...connection } = row;
  return connection;
}

/** The row with keyboard focus (followed by id across polls), or null. */
export function focusedRow(): GridRow | null {
  if (!api || focusedRowId === null) return null;
  const node = api.getRowNode(focusedRowId);
  return node?.data && node.displayed ? node.data : null;
}

/** What Delete, Ctrl+K, the toolbar and the Connection menu act on (see action-targets.ts). */
export function actionRows(): Connection[] {
  if (!api) return [];
  const selected = api
    .getSelectedNodes()
    .map((node) => node.data)
    .filter((row): row is GridRow => row !== undefined && row.mark !== 'removed');
  const focused = focusedRow();
  const live = focused && focused.mark !== 'removed' ? focused : null;
  return actionTargets(live, selected).map(plain);
}

function displayedIds(gridApi: GridApi<GridRow>): string[] {
  const ids: string[] = [];
  gridApi.forEachNodeAfterFilterAndSort((node) => {
    if (node.id !== undefined) ids.push(node.id);
  });
  return ids;
}

function selectOnly(gridApi: GridApi<GridRow>, nodes: IRowNode<GridRow>[]): void {
  const keep = new Set(nodes);
  const drop = gridApi.getSelectedNodes().filter((node) => !keep.has(node));
  if (drop.length > 0) gridApi.setNodesSelected({ nodes: drop, newValue: false });
  const add = nodes.filter((node) => !node.isSelected());
  if (add.length > 0) gridApi.setNodesSelected({ nodes: add, newValue: true });
}

/** Focus moved: follow it with the selection when a navigation key moved it. */
export function handleCellFocused(event: CellFocusedEvent<GridRow>): void {
  const gridApi = api;
  if (!gridApi || event.rowIndex === null || event.rowPinned) return;
  const node = gridApi.getDisplayedRowAtIndex(event.rowIndex);
  if (!node?.id) return;
  const now = performance.now();
  if (repointing) {
    repointing = false;
    focusedRowId = node.id;
    return;
  }
  const navigation = pendingNavigation && now - pendingNavigation.at < CAUSE_WINDOW_MS;
  if (navigation) {
    const shift = pendingNavigation!.shift;
    pendingNavigation!.keys -= 1;
    if (pendingNavigation!.keys <= 0) pendingNavigation = null;
    focusedRowId = node.id;
    if (shift && anchorRowId !== null) {
      const ids = new Set(rangeBetween(displayedIds(gridApi), anchorRowId, node.id));
      const nodes: IRowNode<GridRow>[] = [];
      gridApi.forEachNodeAfterFilterAndSort((n) => {
        if (n.id !== undefined && ids.has(n.id)) nodes.push(n);
      });
      selectOnly(gridApi, nodes);
    } else {
      anchorRowId = node.id;
      selectOnly(gridApi, [node]);
    }
    return;
  }
  if (now - pendingPointerAt < CAUSE_WINDOW_MS) {
    // A click: AG Grid selects (Ctrl toggles, Shift extends); the clicked row is the new anchor.
    focusedRowId = node.id;
    if (!pendingPointerShift) anchorRowId = node.id;
    return;
  }
  // Focus came back some other way (Tab, a refresh): keep it on the row it was on.
  const previous = focusedRowId === null ? null : gridApi.getRowNode(focusedRowId);
  if (previous?.displayed && previous.rowIndex !== null && previous.id !== node.id) {
    repointing = true;
    const column = event.column ?? gridApi.getAllDisplayedColumns()[0];
    if (column) gridApi.setFocusedCell(previous.rowIndex, column);
    return;
  }
  focusedRowId = node.id;
}

let pendingPointerShift = false;

/** Capture-phase pointer press on the grid: the focus change that follows is a click. */
export function notePointerDown(event: MouseEvent): void {
  pendingPointerAt = performance.now();
  pendingPointerShift = event.shiftKey;
}

/** True when the grid (a cell or row) has the browser's focus. */
function gridHasFocus(host: Element): boolean {
  const active = document.activeElement;
  return active !== null && host.contains(active) && active.closest('.ag-row') !== null;
}

/**
 * After the grid applied a poll (rows inserted above, a re-sort): AG Grid keeps focus at the
 * same index, which may now be another row; move it back onto the focused row.
 */
export function followFocusedRow(host: Element): void {
  const gridApi = api;
  if (!gridApi || focusedRowId === null || !gridHasFocus(host)) return;
  const node = gridApi.getRowNode(focusedRowId);
  const focused = gridApi.getFocusedCell();
  if (!node?.displayed || node.rowIndex === null || !focused) return;
  if (focused.rowIndex === node.rowIndex) return;
  repointing = true;
  gridApi.setFocusedCell(node.rowIndex, focused.column);
}

/**
 * Capture-phase keydown inside the grid's rows. Navigation keys are noted so the focus change
 * AG Grid makes for them moves the selection too; Home/End go to the first/last row (AG Grid
 * would go to the first/last column) and Ctrl/Cmd+A selects every row shown.
 */
export function handleGridKeyDownCapture(event: KeyboardEvent): void {
  const gridApi = api;
  const target = event.target instanceof Element ? event.target : null;
  if (!gridApi || !target?.closest('.ag-row')) return;
  const mod = event.ctrlKey || event.metaKey;
  if (mod && !event.shiftKey && !event.altKey && event.key.toLowerCase() === 'a') {
    event.preventDefault();
    event.stopPropagation();
    gridApi.selectAll('filtered');
    return;
  }
  if (!NAVIGATION_KEYS.has(event.key) || event.altKey) return;
  const now = performance.now();
  const stillPending = pendingNavigation && now - pendingNavigation.at < CAUSE_WINDOW_MS;
  pendingNavigation = {
    shift: event.shiftKey,
    at: now,
    keys: (stillPending ? pendingNavigation!.keys : 0) + 1,
  };
  // A key after a click: the focus changes from here on are the keyboard's, not the click's.
  pendingPointerAt = 0;
  // Shift+arrow: move the focus here, so the selection extends from its anchor as in a list
  // (AG Grid's own Shift handling would select only the row it lands on).
  if (event.shiftKey && !mod && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
    event.preventDefault();
    event.stopPropagation();
    // From the focused row as tracked by id (AG Grid's own focus may not be back yet after a
    // sheet closed).
    const row = focusedRow();
    const current = (row ? gridApi.getRowNode(row.id)?.rowIndex : null) ?? null;
    const focused = gridApi.getFocusedCell();
    const from = current ?? focused?.rowIndex ?? null;
    const column = focused?.column ?? gridApi.getAllDisplayedColumns()[0];
    if (from === null || !column) return;
    const index = from + (event.key === 'ArrowUp' ? -1 : 1);
    if (index < 0 || index >= gridApi.getDisplayedRowCount()) return;
    gridApi.ensureIndexVisible(index);
    gridApi.setFocusedCell(index, column);
    return;
  }
  if (event.key === 'Home' || event.key === 'End') {
    event.preventDefault();
    event.stopPropagation();
    const count = gridApi.getDisplayedRowCount();
    if (count === 0) return;
    const index = event.key === 'Home' ? 0 : count - 1;
    const column = gridApi.getFocusedCell()?.column ?? gridApi.getAllDisplayedColumns()[0];
    gridApi.ensureIndexVisible(index);
    gridApi.setFocusedCell(index, column ?? '');
  }
}

/** Put keyboard focus on the table (on its focused row, else the first row). */
export function focusGrid(): void {
  const gridApi = api;
  if (!gridApi || gridApi.getDisplayedRowCount() === 0) return;
  const row = focusedRow();
  const node = row ? gridApi.getRowNode(row.id) : null;
  const index = node?.rowIndex ?? 0;
  const column = gridApi.getFocusedCell()?.column ?? gridApi.getAllDisplayedColumns()[0];
  if (!column) return;
  gridApi.ensureIndexVisible(index);
  if (!node) pendingNavigation = { shift: false, at: performance.now(), keys: 1 };
  gridApi.setFocusedCell(index, column);
}

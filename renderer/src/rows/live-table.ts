// The live table: snapshot and deltas from main go into the RowStore, and the transactions it
// produces go to AG Grid with applyTransactionAsync. Nothing here is React state; the few numbers
// the status bar shows are pushed into the zustand store.
import type { GridApi, IRowNode } from 'ag-grid-community';
import type { Connection, DeltaEvent, PollStatus } from '../../../shared/model';
import { defaultSettings } from '../../../shared/settings';
import { decodeDelta, decodeSnapshotRows } from '../../../shared/wire';
import { callMain } from '../call-main';
import {
  countSuspicion,
  onSuspiciousOnlyChange,
  passesSuspiciousOnly,
  suspiciousOnlyActive,
} from '../features/rules';
import { useUiStore } from '../store';
import { RowStore, isEmptyTransaction, type GridRow, type RowChange } from './row-store';
import { ViewFilter, type ViewSettings } from './view-filter';
import {
  DELTA_APPLIED_MEASURE,
  DELTA_HANDLED_MEASURE,
  DELTA_RECEIVED_MARK,
  GRID_READY_MARK,
  SNAPSHOT_BATCH_MEASURE,
  SNAPSHOT_HANDLED_MEASURE,
  SNAPSHOT_LOADED_MARK,
  SNAPSHOT_RECEIVED_MARK,
} from './live-table-marks';

/**
 * Rows the store and the grid take per task while loading a snapshot: half of what one poll's
 * delta carries at 10,000 rows. The first batches also pay for collecting the garbage the
 * snapshot's decoding left and for laying out the first rows, and 1,000 then came near 50 ms.
 */
const LOAD_BATCH_ROWS = 500;

const rowStore = new RowStore();
const viewFilter = new ViewFilter(defaultSettings.view);
let gridApi: GridApi<GridRow> | null = null;
let expiryTimer: ReturnType<typeof setTimeout> | null = null;

export function getGridApi(): GridApi<GridRow> | null {
  return gridApi;
}

/** The rows the person selected, as plain connections (rows already marked removed left out). */
export function getSelectedRows(): Connection[] {
  if (!gridApi) return [];
  return gridApi
    .getSelectedRows()
    .filter((row) => row.mark !== 'removed')
    .map(toConnection);
}

export function toConnection(row: GridRow): Connection {
  const { mark: _mark, ...connection } = row;
  return connection;
}

/** The current row for an id (including rows marked removed), as the grid shows it. */
export function getRow(id: string): GridRow | undefined {
  return rowStore.get(id);
}

// AG Grid's external filter hooks.
export function isExternalFilterPresent(): boolean {
  return viewFilter.active || suspiciousOnlyActive();
}

export function doesExternalFilterPass(node: IRowNode<GridRow>): boolean {
  return node.data !== undefined && viewFilter.passes(node.data) && passesSuspiciousOnly(node.data);
}

/** New toggles or filter text: recompile, show any syntax error, re-filter the grid. */
export function applyView(view: ViewSettings): void {
  const filterError = viewFilter.setView(view);
  useUiStore.setState({ view, filterError });
  gridApi?.onFilterChanged();
}

/**
 * Connect the grid to main: subscribe to deltas, load the snapshot, keep applying. Deltas that
 * arrive before the snapshot is fully in the grid are applied after it (a row already in the snapshot is then an
 * update without a mark, so nothing flashes twice).
 */
export function attachGrid(api: GridApi<GridRow>): () => void {
  performance.mark(GRID_READY_MARK);
  gridApi = api;
  const offSuspiciousOnly = onSuspiciousOnlyChange(() => api.onFilterChanged());
  let loaded = false;
  const early: DeltaEvent[] = [];
  // Rows arrive with each process's details once per message (shared/wire.ts); they are made
  // Connection rows again here, before the row store, and nowhere else.
  const unsubscribe = window.portscope.onDelta((wire) => {
    const event = decodeDelta(wire);
    if (loaded) applyDelta(event);
    else early.push(event);
  });
  let batchTimer: ReturnType<typeof setTimeout> | null = null;
  void callMain(() => window.portscope.getSnapshot()).then((snapshot) => {
    if (!snapshot || gridApi !== api) return;
    performance.mark(SNAPSHOT_RECEIVED_MARK);
    // The store and the grid take the snapshot in batches, one task each, so 10,000 rows do not
    // freeze the window for the length of one copy, sort, filter and render of them all. Deltas
    // keep queueing until every row is in: they then apply to the whole set, exactly as they
    // would have after a single load. Until then the counts follow the rows loaded so far.
    const connections = snapshot.connections;
    // Decoded batch by batch (shared/wire.ts), as the batches go in.
    const batch = (from: number) => decodeSnapshotRows(snapshot, from, from + LOAD_BATCH_ROWS);
    rowStore.clear();
    api.setGridOption('rowData', rowStore.addSnapshotRows(batch(0)));
    const addBatch = (from: number) => {
      batchTimer = null;
      if (gridApi !== api) return;
      if (from < connections.length) {
        const start = performance.now();
        // Sync, not applyTransactionAsync: queued async transactions would all flush together.
        // With deltaSort the grid sorts only the batch and merges it into the sorted rows.
        const rows = rowStore.addSnapshotRows(batch(from));
        api.applyTransaction({ add: rows });
        performance.measure(SNAPSHOT_BATCH_MEASURE, { start });
        batchTimer = setTimeout(() => addBatch(from + LOAD_BATCH_ROWS), 0);
        return;
      }
      showStatus(snapshot.status);
      loaded = true;
      for (const event of early.splice(0)) applyDelta(event);
      refreshCounts();
      performance.mark(SNAPSHOT_LOADED_MARK);
    };
    batchTimer = setTimeout(() => addBatch(LOAD_BATCH_ROWS), 0);
    performance.measure(SNAPSHOT_HANDLED_MEASURE, SNAPSHOT_RECEIVED_MARK);
  });
  return () => {
    if (batchTimer !== null) clearTimeout(batchTimer);
    unsubscribe();
    offSuspiciousOnly();
    if (expiryTimer !== null) clearTimeout(expiryTimer);
    expiryTimer = null;
    if (gridApi === api) gridApi = null;
  };
}

function applyDelta(event: DeltaEvent): void {
  performance.mark(DELTA_RECEIVED_MARK);
  const change = rowStore.applyDelta(event, Date.now());
  showStatus(event.status);
  sendToGrid(change, true);
  performance.measure(DELTA_HANDLED_MEASURE, DELTA_RECEIVED_MARK);
}

function sendToGrid(change: RowChange, measure: boolean): void {
  const api = gridApi;
  if (!api) return;
  if (!isEmptyTransaction(change.tx)) {
    // Counts follow from the grid's modelUpdated event, once per flush of batched transactions.
    api.applyTransactionAsync(change.tx, () => {
      if (measure) performance.measure(DELTA_APPLIED_MEASURE, DELTA_RECEIVED_MARK);
      repaintMarked(api, change.marksChanged);
    });
  } else {
    repaintMarked(api, change.marksChanged);
    refreshCounts();
  }
  scheduleExpiry();
}

/** Marks change in place (see row-store.ts): repaint the marked rows that are on screen. */
function repaintMarked(api: GridApi<GridRow>, ids: string[]): void {
  if (ids.length === 0) return;
  const wanted = new Set(ids);
  const rowNodes = api
    .getRenderedNodes()
    .filter((node) => node.id !== undefined && wanted.has(node.id));
  if (rowNodes.length > 0) api.redrawRows({ rowNodes });
}

/** One timer for the earliest mark due, so red rows leave on time between polls too. */
function scheduleExpiry(): void {
  if (expiryTimer !== null) clearTimeout(expiryTimer);
  expiryTimer = null;
  const due = rowStore.nextExpiry();
  if (due === null) return;
  expiryTimer = setTimeout(
    () => {
      expiryTimer = null;
      sendToGrid(rowStore.expireMarks(Date.now()), false);
    },
    Math.max(50, due - Date.now()),
  );
}

function showStatus(status: PollStatus): void {
  useUiStore.setState({ status, intervalMs: status.intervalMs, paused: status.paused });
}

/** Totals (from the store) and rows shown (after the grid's filter) for the status bar. */
export function refreshCounts(): void {
  const shown = gridApi ? gridApi.getDisplayedRowCount() : 0;
  const live = [...rowStore.values()].filter((row) => row.mark !== 'removed');
  useUiStore.setState({ counts: rowStore.counts(), suspicion: countSuspicion(live), shown });
}

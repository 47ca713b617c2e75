// The live table: snapshot and deltas from main go into the RowStore, and the transactions it
// produces go to AG Grid with applyTransactionAsync. Nothing here is React state; the few numbers
// the status bar shows are pushed into the zustand store.
import type { GridApi, IRowNode } from 'ag-grid-community';
import type { Connection, DeltaEvent, PollStatus } from '../../../shared/model';
import { defaultSettings } from '../../../shared/settings';
import { decodeDelta, decodeSnapshotRows } from '../../../shared/wire';
import { callMain } from '../call-main';
import { emptySuspicionCounts, type SuspicionCounts } from '../features/rules/severity';
import {
  onSuspiciousOnlyChange,
  passesSuspiciousOnly,
  suspiciousOnlyActive,
} from '../features/rules/suspicious-only';
import { processKeyOf } from '../processes/process-summary';
import { useUiStore } from '../store';
import { connectionRates, processRates } from '../traffic/histories';
import { addTraffic, NO_TRAFFIC, type TrafficSum } from '../../../shared/process-totals';
import {
  RowStore,
  isEmptyTransaction,
  type GridRow,
  type RowChange,
  type RowCounts,
} from './row-store';
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
/** Views that read the rows (Processes, Properties) and want to hear when they change. */
const rowListeners = new Set<() => void>();
/** Histories of keys no longer live are dropped this often. */
const HISTORY_RETAIN_MS = 15_000;
let lastRetain = 0;

/** Call `listener` after each change of the rows (a poll, a mark that fades); returns unsubscribe. */
export function onRowsChanged(listener: () => void): () => void {
  rowListeners.add(listener);
  return () => rowListeners.delete(listener);
}

/** Every row the table holds now (rows marked removed included, with their mark). */
export function allRows(): IterableIterator<GridRow> {
  return rowStore.values();
}

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

/** Whether a row passes the toggles, the filter and "suspicious only" (what the grid shows). */
export function rowPassesView(row: Connection): boolean {
  return viewFilter.passes(row) && passesSuspiciousOnly(row);
}

/** New toggles or filter text: recompile, show any syntax error, re-filter the grid. */
export function applyView(view: ViewSettings): void {
  const filterError = viewFilter.setView(view);
  useUiStore.setState({ view, filterError });
  if (gridApi) refilter(gridApi);
}

/**
 * Filter again, and let go of selected rows the filter now hides: what is acted on (Delete,
 * Ctrl+K, Export "selected") is always what the person can see selected.
 */
function refilter(api: GridApi<GridRow>): void {
  api.onFilterChanged();
  const hidden = api.getSelectedNodes().filter((node) => !node.data || !rowPassesView(node.data));
  if (hidden.length > 0) api.setNodesSelected({ nodes: hidden, newValue: false });
}

/**
 * Connect the grid to main: subscribe to deltas, load the snapshot, keep applying. Deltas that
 * arrive before the snapshot is fully in the grid are applied after it (a row already in the snapshot is then an
 * update without a mark, so nothing flashes twice).
 */
export function attachGrid(api: GridApi<GridRow>): () => void {
  performance.mark(GRID_READY_MARK);
  gridApi = api;
  const offSuspiciousOnly = onSuspiciousOnlyChange(() => refilter(api));
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
    if (countsTimer !== null) clearTimeout(countsTimer);
    countsTimer = null;
    if (gridApi === api) gridApi = null;
  };
}

function applyDelta(event: DeltaEvent): void {
  performance.mark(DELTA_RECEIVED_MARK);
  const now = Date.now();
  const change = rowStore.applyDelta(event, now);
  showStatus(event.status);
  for (const rows of [event.added, event.updated]) {
    for (const row of rows) {
      if (row.sendRate !== null || row.receiveRate !== null) {
        connectionRates.record(row.id, now, row.sendRate, row.receiveRate);
      }
    }
  }
  sendToGrid(change, true);
  performance.measure(DELTA_HANDLED_MEASURE, DELTA_RECEIVED_MARK);
}

/** True while no column sorts the table (new rows then go on top, where their flash is seen). */
function unsorted(api: GridApi<GridRow>): boolean {
  return !api.getColumnState().some((column) => column.sort);
}

function sendToGrid(change: RowChange, measure: boolean): void {
  const api = gridApi;
  if (!api) return;
  if (!isEmptyTransaction(change.tx)) {
    // Unsorted, the grid appends: new rows (marked green) would land below the fold.
    const tx =
      change.tx.add.length > 0 && unsorted(api) ? { ...change.tx, addIndex: 0 } : change.tx;
    // Counts follow from the grid's modelUpdated event, once per flush of batched transactions.
    api.applyTransactionAsync(tx, () => {
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

/**
 * The status bar's numbers, in one pass over the rows: totals by protocol and state, suspicious
 * rows, traffic, and how many of the live rows the filter shows (rows shown red are already
 * closed: counted in neither, so "Showing" never exceeds the total). Also notes each process's
 * summed rates for the chart in Properties, and tells the views that read rows. A grid update
 * asks for it; several asks within one short moment (a poll's transaction, then an enricher's
 * answer) are served by one pass, since it walks every row.
 */
export function refreshCounts(): void {
  if (countsTimer !== null) return;
  countsTimer = setTimeout(countNow, COUNTS_COALESCE_MS);
}

/** Asks for the counts within this long share one pass over the rows. */
const COUNTS_COALESCE_MS = 40;
let countsTimer: ReturnType<typeof setTimeout> | null = null;

function countNow(): void {
  countsTimer = null;
  const now = Date.now();
  const counts: RowCounts = { total: 0, tcp: 0, udp: 0, ipv4: 0, ipv6: 0, byState: {} };
  const suspicion: SuspicionCounts = { ...emptySuspicionCounts };
  const traffic: TrafficSum = { ...NO_TRAFFIC };
  const processRatesNow = new Map<string, [number, number]>();
  // The grid's displayed rows, less the red ones among them (few: they leave within seconds).
  let shown = gridApi ? gridApi.getDisplayedRowCount() : 0;
  for (const row of rowStore.values()) {
    if (row.mark === 'removed') {
      if (gridApi && rowPassesView(row)) shown -= 1;
      continue;
    }
    counts.total += 1;
    counts[row.protocol] += 1;
    if (row.family === 4) counts.ipv4 += 1;
    else counts.ipv6 += 1;
    if (row.state !== null) counts.byState[row.state] = (counts.byState[row.state] ?? 0) + 1;
    if (row.suspicion) {
      suspicion[row.suspicion.severity] += 1;
      suspicion.total += 1;
    }
    // Most rows carry no counters (UDP on Linux, tables read without them): one test skips them.
    if (row.bytesSent !== null || row.bytesReceived !== null || row.sendRate !== null) {
      addTraffic(traffic, row);
      if (row.sendRate !== null || row.receiveRate !== null) {
        const key = processKeyOf(row);
        const sum = processRatesNow.get(key) ?? [0, 0];
        sum[0] += row.sendRate ?? 0;
        sum[1] += row.receiveRate ?? 0;
        processRatesNow.set(key, sum);
      }
    }
  }
  for (const [key, [send, receive]] of processRatesNow) {
    processRates.record(key, now, send, receive);
  }
  if (now - lastRetain > HISTORY_RETAIN_MS) {
    lastRetain = now;
    connectionRates.retain((id) => rowStore.get(id) !== undefined);
    processRates.retain((key) => processRatesNow.has(key));
  }
  // A poll that arrived within the grid's 50 ms batching window is in the store, not yet in the
  // grid: never let that moment read as more shown than there are.
  shown = Math.max(0, Math.min(shown, counts.total));
  useUiStore.setState({ counts, suspicion, traffic, shown });
  for (const listener of rowListeners) listener();
}

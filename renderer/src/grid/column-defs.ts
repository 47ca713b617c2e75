// The grid's columns, derived from shared/columns.ts so the grid, the exports and the CLI agree on
// ids and headers. The default layout (which show, widths, pinning) is default-layout.ts; here is
// how each cell sorts and looks: traffic in human units sorted by value, addresses sorted as
// addresses, outside text with hidden characters revealed and marked, the Process column with its
// icon, and the Why column with the verdict's sign.
import type {
  ColDef,
  SuppressKeyboardEventParams,
  ValueFormatterParams,
  ValueGetterParams,
} from 'ag-grid-community';
import {
  columnById,
  formatTimestamp,
  OUTSIDE_TEXT_COLUMNS,
  type ColumnDef,
  type ColumnId,
} from '../../../shared/columns';
import type { Severity } from '../../../shared/model';
import { formatBytes, formatCount, formatRate } from '../../../shared/units';
import { hasHiddenControls, revealControls } from '../../../shared/visible-text';
import { WhyCell } from '../features/rules/why-cell';
import { whyCellText, whyTooltipText } from '../features/rules/why-text';
import type { GridRow } from '../rows/row-store';
import { HIDDEN_CONTROLS_WARNING } from '../text/hidden-controls';
import { compareAddresses, compareNullableNumbers } from './address-order';
import { AddressCell } from './cells/address-cell';
import { ProcessCell } from './cells/process-cell';
import { DEFAULT_LAYOUT, defaultLayoutOf } from './default-layout';

/** Plain numbers (ids, ports): shown as they are, sorted as numbers. */
const NUMBERS: ReadonlySet<ColumnId> = new Set([
  'pid',
  'localPort',
  'remotePort',
  'parentPid',
  'inode',
  'remoteAsn',
]);
/** Traffic: human units in the cell, the exact number in the tooltip, sorted by value. */
const TRAFFIC: Partial<Record<ColumnId, (value: number | null) => string>> = {
  bytesSent: formatBytes,
  bytesReceived: formatBytes,
  packetsSent: formatCount,
  packetsReceived: formatCount,
  sendRate: formatRate,
  receiveRate: formatRate,
};
const TRAFFIC_UNIT: Partial<Record<ColumnId, string>> = {
  bytesSent: 'bytes',
  bytesReceived: 'bytes',
  packetsSent: 'packets',
  packetsReceived: 'packets',
  sendRate: 'bytes per second',
  receiveRate: 'bytes per second',
};
const ADDRESSES: ReadonlySet<ColumnId> = new Set(['localAddress', 'remoteAddress']);
const TIMESTAMPS: ReadonlySet<ColumnId> = new Set(['processStartTime', 'firstSeen']);
/** Long text: the full value shows as a tooltip. */
const LONG_TEXT: ReadonlySet<ColumnId> = new Set(['processPath', 'commandLine', 'remoteHostName']);

const SEVERITY_RANK: Record<Severity, number> = { notice: 1, warning: 2, danger: 3 };

/**
 * Shorter headers in the grid where the units say the rest ("1.2 MB" is bytes), so the default
 * columns fit 1280 px and still read whole; the tooltip, Properties, copy and exports keep the
 * full names (shared/columns.ts).
 */
export const GRID_HEADERS: Partial<Record<ColumnId, string>> = {
  bytesSent: 'Sent',
  bytesReceived: 'Received',
};

function field(p: ValueGetterParams<GridRow>, id: ColumnId): unknown {
  return p.data ? p.data[id as keyof GridRow] : null;
}

/**
 * Text, case-insensitive and with numbers in order ("nginx2" before "nginx10"); rows without a
 * value last in both directions, so a sort never opens on a block of placeholders.
 */
function compareText(
  a: string | null,
  b: string | null,
  _nodeA?: unknown,
  _nodeB?: unknown,
  descending = false,
): number {
  if (a === b) return 0;
  // AG Grid reverses the comparator's answer for a descending sort: undo that for empty values.
  const last = descending ? -1 : 1;
  if (a === null || a === '') return last;
  if (b === null || b === '') return -last;
  return a.localeCompare(b, undefined, { sensitivity: 'base', numeric: true });
}

function columnDef(column: ColumnDef): ColDef<GridRow> {
  const id = column.id;
  const layout = defaultLayoutOf(id);
  const def: ColDef<GridRow> = {
    colId: id,
    headerName: GRID_HEADERS[id] ?? column.header,
    headerTooltip: column.header,
    hide: !layout.visible,
    width: layout.width,
    // Types are known; AG Grid's inference from the first row would guess "object" for nulls.
    cellDataType: false,
  };
  if (layout.pinned) {
    def.pinned = layout.pinned;
    // Process and PID stay put: whose row it is must never scroll away.
    def.lockPinned = true;
  }
  const format = TRAFFIC[id];
  if (format) {
    def.valueGetter = (p) => field(p, id) as number | null;
    def.comparator = compareNullableNumbers;
    def.valueFormatter = (p: ValueFormatterParams<GridRow, number | null>) =>
      format(p.value ?? null);
    def.tooltipValueGetter = (p) =>
      typeof p.value === 'number'
        ? `${formatCount(p.value)} ${TRAFFIC_UNIT[id] ?? ''}`.trim()
        : null;
    def.type = 'rightAligned';
  } else if (NUMBERS.has(id)) {
    def.valueGetter = (p) => field(p, id) as number | null;
    def.comparator = compareNullableNumbers;
    def.valueFormatter = (p: ValueFormatterParams<GridRow>) => (p.data ? column.text(p.data) : '');
    def.type = 'rightAligned';
  } else if (TIMESTAMPS.has(id)) {
    def.valueGetter = (p) => field(p, id) as number | null;
    def.comparator = compareNullableNumbers;
    def.valueFormatter = (p: ValueFormatterParams<GridRow, number | null>) =>
      formatTimestamp(p.value ?? null);
  } else if (ADDRESSES.has(id)) {
    def.valueGetter = (p) => field(p, id) as string | null;
    def.comparator = compareAddresses;
    def.cellRenderer = AddressCell;
    def.tooltipValueGetter = (p) =>
      typeof p.value === 'string' && p.value.includes(':') ? p.value : null;
  } else if (id === 'processName') {
    def.valueGetter = (p) => p.data?.processName ?? null;
    def.comparator = compareText;
    def.cellRenderer = ProcessCell;
  } else if (id === 'suspicion') {
    // Sorted by severity, then by the reasons' text; drawn by the rules feature.
    def.valueGetter = (p) => p.data?.suspicion ?? null;
    def.comparator = (a: GridRow['suspicion'], b: GridRow['suspicion']) => {
      const rank = (s: GridRow['suspicion']) => (s ? SEVERITY_RANK[s.severity] : 0);
      return rank(b) - rank(a) || compareText(whyCellText(a), whyCellText(b));
    };
    def.cellRenderer = WhyCell;
    def.tooltipValueGetter = (p) =>
      p.data?.suspicion ? whyTooltipText(p.data.suspicion) || null : null;
  } else if (OUTSIDE_TEXT_COLUMNS.has(id)) {
    def.valueGetter = (p) => {
      if (!p.data) return '';
      const text = column.text(p.data);
      return id === 'processPath' && p.data.processPathDeleted && text ? `${text} (deleted)` : text;
    };
    def.comparator = compareText;
    def.valueFormatter = (p: ValueFormatterParams<GridRow, string>) =>
      revealControls(p.value ?? '');
    def.cellClassRules = {
      'ps-hidden-controls': (p) => typeof p.value === 'string' && hasHiddenControls(p.value),
      ...(id === 'processPath'
        ? { 'ps-deleted-path': (p) => p.data?.processPathDeleted === true }
        : {}),
    };
    def.tooltipValueGetter = (p) => {
      const text = typeof p.value === 'string' ? p.value : '';
      if (hasHiddenControls(text)) return `${HIDDEN_CONTROLS_WARNING}\n${revealControls(text)}`;
      return LONG_TEXT.has(id) && text !== '' ? text : null;
    };
  } else {
    def.valueGetter = (p) => (p.data ? column.text(p.data) : '');
    def.comparator = compareText;
  }
  return def;
}

/** Every column in the default layout's order (saved settings then reorder and resize them). */
export const columnDefs: ColDef<GridRow>[] = DEFAULT_LAYOUT.map(({ id }) =>
  columnDef(columnById(id)),
);

/**
 * Keys the table handles itself rather than AG Grid (see keyboard-selection.ts and
 * row-actions.ts): Home/End go to the first/last row, Ctrl+A selects the rows shown.
 */
function suppressGridKey(params: SuppressKeyboardEventParams<GridRow>): boolean {
  const { key, ctrlKey, metaKey } = params.event;
  return key === 'Home' || key === 'End' || ((ctrlKey || metaKey) && key.toLowerCase() === 'a');
}

export const defaultColDef: ColDef<GridRow> = {
  sortable: true,
  resizable: true,
  minWidth: 40,
  suppressHeaderMenuButton: true,
  suppressKeyboardEvent: suppressGridKey,
};

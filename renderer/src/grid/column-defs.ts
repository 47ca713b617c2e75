// The grid's columns, derived from shared/columns.ts so the grid, the exports and the CLI agree on
// ids, headers and which columns show by default. Only how a cell sorts and looks is added here.
import type { ColDef, ValueFormatterParams, ValueGetterParams } from 'ag-grid-community';
import { COLUMNS, formatTimestamp, type ColumnDef, type ColumnId } from '../../../shared/columns';
import { WhyCell, whyTooltipText } from '../features/rules';
import type { GridRow } from '../rows/row-store';
import { compareAddresses, compareNullableNumbers } from './address-order';

const NUMERIC: ReadonlySet<ColumnId> = new Set([
  'pid',
  'localPort',
  'remotePort',
  'parentPid',
  'inode',
  'remoteAsn',
  'bytesSent',
  'bytesReceived',
  'packetsSent',
  'packetsReceived',
  'sendRate',
  'receiveRate',
]);
const ADDRESSES: ReadonlySet<ColumnId> = new Set(['localAddress', 'remoteAddress']);
const TIMESTAMPS: ReadonlySet<ColumnId> = new Set(['processStartTime', 'firstSeen']);
/** Long text: the full value shows as a tooltip. */
const LONG_TEXT: ReadonlySet<ColumnId> = new Set(['processPath', 'commandLine', 'suspicion']);

const WIDTHS: Partial<Record<ColumnId, number>> = {
  processName: 150,
  pid: 80,
  protocolLabel: 90,
  localAddress: 150,
  localPort: 95,
  remoteAddress: 170,
  remotePort: 105,
  remoteHostName: 180,
  state: 120,
  remoteCountry: 85,
  remoteAsOrg: 160,
  suspicion: 160,
  user: 100,
  processPath: 220,
  commandLine: 320,
  processStartTime: 160,
  firstSeen: 160,
};

function columnDef(column: ColumnDef): ColDef<GridRow> {
  const id = column.id;
  const def: ColDef<GridRow> = {
    colId: id,
    headerName: column.header,
    hide: !column.visible,
    width: WIDTHS[id] ?? 120,
    // Types are known; AG Grid's inference from the first row would guess "object" for nulls.
    cellDataType: false,
  };
  if (NUMERIC.has(id)) {
    def.valueGetter = (p: ValueGetterParams<GridRow>) =>
      p.data ? (p.data[id as keyof GridRow] as number | null) : null;
    def.comparator = compareNullableNumbers;
    def.valueFormatter = (p: ValueFormatterParams<GridRow>) => (p.data ? column.text(p.data) : '');
    def.type = 'rightAligned';
  } else if (TIMESTAMPS.has(id)) {
    def.valueGetter = (p: ValueGetterParams<GridRow>) =>
      p.data ? (p.data[id as keyof GridRow] as number | null) : null;
    def.comparator = compareNullableNumbers;
    def.valueFormatter = (p: ValueFormatterParams<GridRow, number | null>) =>
      formatTimestamp(p.value ?? null);
  } else if (ADDRESSES.has(id)) {
    def.valueGetter = (p: ValueGetterParams<GridRow>) =>
      p.data ? (p.data[id as keyof GridRow] as string | null) : null;
    def.comparator = compareAddresses;
  } else if (id === 'processPath') {
    def.valueGetter = (p: ValueGetterParams<GridRow>) => {
      if (!p.data?.processPath) return p.data?.processPath ?? null;
      return p.data.processPathDeleted ? `${p.data.processPath} (deleted)` : p.data.processPath;
    };
  } else {
    def.valueGetter = (p: ValueGetterParams<GridRow>) => (p.data ? column.text(p.data) : '');
  }
  if (LONG_TEXT.has(id)) {
    def.tooltipValueGetter = (p) =>
      typeof p.value === 'string' && p.value !== '' ? p.value : null;
  }
  if (id === 'suspicion') {
    // The rules feature draws the Why cell (severity badge + reasons) and its tooltip.
    def.cellRenderer = WhyCell;
    def.tooltipValueGetter = (p) =>
      p.data?.suspicion ? whyTooltipText(p.data.suspicion) || null : null;
  }
  if (id === 'processPath') {
    def.cellClassRules = { 'ps-deleted-path': (p) => p.data?.processPathDeleted === true };
  }
  return def;
}

export const columnDefs: ColDef<GridRow>[] = COLUMNS.map((column) => columnDef(column));

export const defaultColDef: ColDef<GridRow> = {
  sortable: true,
  resizable: true,
  minWidth: 50,
  suppressHeaderMenuButton: true,
};

// "Fit columns to content": each shown column as wide as its header and the widest value among
// the rows shown (measured with the cells' own font on a canvas), within bounds. AG Grid's own
// auto-size module is not used: it queues a timer for every row each transaction updates (about
// 1,000 per poll at 10,000 rows), and this measures only when asked.
import type { GridApi } from 'ag-grid-community';
import { columnById, isColumnId, type ColumnId } from '../../../shared/columns';
import { formatBytes, formatCount, formatRate } from '../../../shared/units';
import { revealControls } from '../../../shared/visible-text';
import { whyCellText } from '../features/rules/why-text';
import type { GridRow } from '../rows/row-store';
import { GRID_HEADERS } from './column-defs';
import { saveColumns } from './column-state';

/** Rows measured at most: enough to find the long values, cheap at 10,000 rows. */
const MAX_ROWS = 3000;
const MIN_WIDTH = 50;
const MAX_WIDTH = 420;
/** Cell padding (8 px a side) plus room for the sort arrow in the header. */
const CELL_PADDING = 18;
const HEADER_EXTRA = 22;
/** The Process column's icon and the Why column's sign. */
const LEADING: Partial<Record<ColumnId, number>> = { processName: 22, suspicion: 18 };

function cellText(id: ColumnId, row: GridRow): string {
  switch (id) {
    case 'bytesSent':
    case 'bytesReceived':
      return formatBytes(row[id]);
    case 'sendRate':
    case 'receiveRate':
      return formatRate(row[id]);
    case 'packetsSent':
    case 'packetsReceived':
      return formatCount(row[id]);
    case 'suspicion':
      return whyCellText(row.suspicion);
    case 'processName':
      return row.processName === null ? 'owner unknown' : revealControls(row.processName);
    default:
      return revealControls(columnById(id).text(row));
  }
}

function fontOf(selector: string, fallback: string): string {
  const element = document.querySelector(selector);
  if (!element) return fallback;
  const style = getComputedStyle(element);
  return `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
}

export function fitColumnsToContent(api: GridApi<GridRow>): void {
  const context = document.createElement('canvas').getContext('2d');
  if (!context) return;
  const cellFont = fontOf('.ag-cell', '12px system-ui, sans-serif');
  const headerFont = fontOf('.ag-header-cell-text', '600 12px system-ui, sans-serif');
  const rows: GridRow[] = [];
  api.forEachNodeAfterFilterAndSort((node) => {
    if (node.data && rows.length < MAX_ROWS) rows.push(node.data);
  });
  const widths: { key: string; newWidth: number }[] = [];
  for (const column of api.getAllDisplayedColumns()) {
    const id = column.getColId();
    if (!isColumnId(id)) continue;
    context.font = headerFont;
    const header = GRID_HEADERS[id] ?? columnById(id).header;
    let widest = context.measureText(header).width + HEADER_EXTRA;
    context.font = cellFont;
    const seen = new Set<string>();
    for (const row of rows) {
      const text = cellText(id, row);
      if (seen.has(text)) continue;
      seen.add(text);
      widest = Math.max(widest, context.measureText(text).width + (LEADING[id] ?? 0));
    }
    const width = Math.round(Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, widest + CELL_PADDING)));
    widths.push({ key: id, newWidth: width });
  }
  api.setColumnWidths(widths);
  saveColumns(api);
}

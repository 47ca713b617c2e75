// `list --format table`: aligned columns for people, using the grid's column headers and cell
// text (shared/columns.ts), so the terminal and the window say the same thing. Traffic is shown
// as the grid shows it, in human units ("1.2 MB", "12.5 KB/s"); JSON and CSV keep exact numbers.
import { columnById, type ColumnId } from '../../shared/columns';
import type { Connection } from '../../shared/model';
import { formatBytes, formatCount, formatRate } from '../../shared/units';
import { revealControls } from '../../shared/visible-text';

export const DEFAULT_TABLE_COLUMNS: readonly ColumnId[] = [
  'protocolLabel',
  'localAddress',
  'localPort',
  'remoteAddress',
  'remotePort',
  'state',
  'bytesSent',
  'bytesReceived',
  'pid',
  'processName',
  'user',
];

/** Cells for people where the column's plain text is for machines. */
const HUMAN_TEXT: Partial<Record<ColumnId, (row: Connection) => string>> = {
  bytesSent: (row) => formatBytes(row.bytesSent),
  bytesReceived: (row) => formatBytes(row.bytesReceived),
  packetsSent: (row) => formatCount(row.packetsSent),
  packetsReceived: (row) => formatCount(row.packetsReceived),
  sendRate: (row) => formatRate(row.sendRate),
  receiveRate: (row) => formatRate(row.receiveRate),
};

/** Right-align numbers, as ss and netstat do. */
const NUMERIC: ReadonlySet<ColumnId> = new Set<ColumnId>([
  'localPort',
  'remotePort',
  'pid',
  'parentPid',
  'inode',
  'bytesSent',
  'bytesReceived',
  'packetsSent',
  'packetsReceived',
  'sendRate',
  'receiveRate',
]);

export function formatTable(rows: readonly Connection[], columnIds: readonly ColumnId[]): string {
  const columns = columnIds.map((id) => {
    const column = columnById(id);
    return { header: column.header, text: HUMAN_TEXT[id] ?? column.text };
  });
  // Revealed here as well as at the stream (io.ts): a bidi override shown as ⟦U+202E⟧ takes eight
  // columns, and the widths must be those of what the terminal will print.
  const cells = rows.map((row) => columns.map((column) => revealControls(column.text(row)) || '-'));
  const widths = columns.map((column, i) =>
    Math.max(column.header.length, ...cells.map((line) => line[i].length)),
  );
  const render = (line: readonly string[]) =>
    line
      .map((text, i) => {
        if (i === line.length - 1 && !NUMERIC.has(columnIds[i])) return text;
        return NUMERIC.has(columnIds[i]) ? text.padStart(widths[i]) : text.padEnd(widths[i]);
      })
      .join('  ')
      .trimEnd();
  const header = render(columns.map((column) => column.header));
  return [header, ...cells.map(render)].join('\n') + '\n';
}

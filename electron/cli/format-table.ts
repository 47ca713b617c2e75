// `list --format table`: aligned columns for people, using the grid's column headers and cell
// text (shared/columns.ts), so the terminal and the window say the same thing.
import { columnById, type ColumnId } from '../../shared/columns';
import type { Connection } from '../../shared/model';
import { revealControls } from '../../shared/visible-text';

export const DEFAULT_TABLE_COLUMNS: readonly ColumnId[] = [
  'protocolLabel',
  'localAddress',
  'localPort',
  'remoteAddress',
  'remotePort',
  'state',
  'pid',
  'processName',
  'user',
];

/** Right-align numbers, as ss and netstat do. */
const NUMERIC: ReadonlySet<ColumnId> = new Set(['localPort', 'remotePort', 'pid', 'parentPid']);

export function formatTable(rows: readonly Connection[], columnIds: readonly ColumnId[]): string {
  const columns = columnIds.map((id) => columnById(id));
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

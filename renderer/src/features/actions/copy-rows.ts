// Ctrl+C on the table: the selected rows as tab-separated text with a header line (CurrPorts'
// "copy selected items"), in the grid's displayed column order, the same text as every export.
import { COLUMNS, columnById, isColumnId, type ColumnId } from '../../../../shared/columns';
import type { Connection } from '../../../../shared/model';

/** Tabs and line breaks inside a value would break the columns: they become spaces. */
function cell(text: string): string {
  return text.replace(/[\t\r\n]+/g, ' ');
}

/** "Process\tPID…\nfirefox\t1234…\n" */
export function rowsToTsv(rows: readonly Connection[], columnIds: readonly ColumnId[]): string {
  const columns = columnIds.map(columnById);
  const lines = [columns.map((column) => column.header).join('\t')];
  for (const row of rows) lines.push(columns.map((column) => cell(column.text(row))).join('\t'));
  return `${lines.join('\n')}\n`;
}

/** Column ids shown by default, for when the grid cannot tell which are displayed. */
export const DEFAULT_COPY_COLUMNS: ColumnId[] = COLUMNS.filter((c) => c.visible).map((c) => c.id);

export function copyColumnsFrom(displayedColIds: readonly string[]): ColumnId[] {
  const ids = displayedColIds.filter(isColumnId);
  return ids.length > 0 ? ids : DEFAULT_COPY_COLUMNS;
}

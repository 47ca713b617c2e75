// Which columns an export writes, resolved once per export.
import { COLUMNS, columnById, type ColumnDef, type ColumnId } from '../columns';

export function resolveColumns(ids: readonly ColumnId[] | null): ColumnDef[] {
  if (ids === null) return [...COLUMNS];
  const seen = new Set<ColumnId>();
  const columns: ColumnDef[] = [];
  for (const id of ids) {
    if (seen.has(id)) continue;
    seen.add(id);
    columns.push(columnById(id));
  }
  if (columns.length === 0) throw new Error('Choose at least one column to export.');
  return columns;
}

/** Rows per chunk a formatter yields: big enough to amortise, small enough to stream. */
export const ROWS_PER_CHUNK = 500;

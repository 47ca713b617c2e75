// Column order, widths, visibility and sort persist in the `grid` settings section. AG Grid reports
// its full ColumnState; the settings schema keeps the subset that matters across runs.
import type { ColumnState, GridApi } from 'ag-grid-community';
import { isColumnId } from '../../../shared/columns';
import type { Settings } from '../../../shared/settings';
import type { GridRow } from '../rows/row-store';

export type SavedColumns = Settings['grid']['columns'];

export function toSavedColumns(state: ColumnState[]): SavedColumns {
  return state
    .filter((column) => isColumnId(column.colId))
    .map((column) => ({
      colId: column.colId,
      ...(typeof column.width === 'number'
        ? { width: Math.round(Math.max(10, column.width)) }
        : {}),
      hide: column.hide ?? false,
      sort: column.sort ?? null,
      sortIndex: column.sortIndex ?? null,
    }));
}

/** Apply saved state; columns unknown to this version are skipped, new ones keep defaults. */
export function restoreColumns(api: GridApi<GridRow>, saved: SavedColumns): void {
  const state = saved.filter((column) => isColumnId(column.colId));
  if (state.length === 0) return;
  api.applyColumnState({ state, applyOrder: true, defaultState: { sort: null } });
}

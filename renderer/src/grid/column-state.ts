// Column order, widths, visibility and sort persist in the `grid` settings section. AG Grid reports
// its full ColumnState; the settings schema keeps the subset that matters across runs. "Reset
// columns" goes back to default-layout.ts (and saves an empty list: defaults from then on).
import type { ColumnState, GridApi } from 'ag-grid-community';
import { isColumnId } from '../../../shared/columns';
import type { Settings } from '../../../shared/settings';
import type { GridRow } from '../rows/row-store';
import { saveSettings } from '../settings-writer';
import { DEFAULT_LAYOUT } from './default-layout';

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

/** The default layout as AG Grid column state. */
export function defaultColumnState(): ColumnState[] {
  return DEFAULT_LAYOUT.map((column) => ({
    colId: column.id,
    width: column.width,
    hide: !column.visible,
    pinned: column.pinned ?? null,
    sort: null,
    sortIndex: null,
  }));
}

/** Back to the default columns, order, widths and no sort; remembered as "defaults". */
export function resetColumns(api: GridApi<GridRow>): void {
  api.applyColumnState({ state: defaultColumnState(), applyOrder: true });
  saveSettings({ grid: { columns: [] } });
}

export function saveColumns(api: GridApi<GridRow>): void {
  saveSettings({ grid: { columns: toSavedColumns(api.getColumnState()) } });
}

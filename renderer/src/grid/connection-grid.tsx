// The table. AG Grid owns the rows (fed by rows/live-table.ts through transactions); React renders
// this component once and never passes rows as props.
import {
  CellStyleModule,
  ClientSideRowModelApiModule,
  ClientSideRowModelModule,
  ColumnApiModule,
  ExternalFilterModule,
  ModuleRegistry,
  RowApiModule,
  RowSelectionModule,
  RowStyleModule,
  ScrollApiModule,
  TooltipModule,
  type GetRowIdParams,
  type GridApi,
  type GridReadyEvent,
  type RowClassRules,
  type RowSelectionOptions,
  type SelectionChangedEvent,
} from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useCallback, useEffect, useRef } from 'react';
import { suspicionRowClassRules } from '../features/rules/severity';
import { handleCellContextMenu, handleGridKeyDown, handleRowDoubleClicked } from '../row-actions';
import {
  attachGrid,
  doesExternalFilterPass,
  isExternalFilterPresent,
  refreshCounts,
} from '../rows/live-table';
import type { GridRow } from '../rows/row-store';
import { useUiStore } from '../store';
import { gridTheme } from '../theme/grid-theme';
import { columnDefs, defaultColDef } from './column-defs';
import { restoreColumns, saveColumns, type SavedColumns } from './column-state';
import { EmptyTable } from './empty-table';
import {
  attachKeyboardSelection,
  followFocusedRow,
  handleCellFocused,
  handleGridKeyDownCapture,
  notePointerDown,
} from './keyboard-selection';

// Only the features the table uses: a smaller bundle and less start-up work than AllCommunity.
// (Sorting, resizing and moving columns are part of the core.) Not ColumnAutoSizeModule: it
// queues a setTimeout for every row a transaction updates, ~1,000 timers per poll at 10k rows
// (fit-columns.ts measures instead, when asked).
ModuleRegistry.registerModules([
  ClientSideRowModelModule,
  ClientSideRowModelApiModule,
  ColumnApiModule,
  ExternalFilterModule,
  RowApiModule,
  RowSelectionModule,
  RowStyleModule,
  CellStyleModule,
  ScrollApiModule,
  TooltipModule,
]);

const rowClassRules: RowClassRules<GridRow> = {
  ...suspicionRowClassRules<GridRow>(),
  'ps-row-new': (p) => p.data?.mark === 'new',
  'ps-row-changed': (p) => p.data?.mark === 'changed',
  'ps-row-removed': (p) => p.data?.mark === 'removed',
};

const rowSelection: RowSelectionOptions<GridRow> = {
  mode: 'multiRow',
  checkboxes: false,
  headerCheckbox: false,
  enableClickSelection: true,
};

const getRowId = (params: GetRowIdParams<GridRow>) => params.data.id;

/** Column changes made by the person (not by restoring settings) are saved. */
function saveColumnState(event: {
  source: string;
  finished?: boolean;
  api: GridApi<GridRow>;
}): void {
  if (event.source === 'api' || event.source === 'gridInitializing') return;
  if (event.finished === false) return;
  saveColumns(event.api);
}

function onSelectionChanged(event: SelectionChangedEvent<GridRow>): void {
  useUiStore.setState({ selectedCount: event.api.getSelectedNodes().length });
}

export function ConnectionGrid({ savedColumns }: { savedColumns: SavedColumns }) {
  const detach = useRef<(() => void) | null>(null);
  const host = useRef<HTMLDivElement>(null);
  const initialColumns = useRef(savedColumns);

  const onGridReady = useCallback((event: GridReadyEvent<GridRow>) => {
    restoreColumns(event.api, initialColumns.current);
    detach.current?.();
    const detachGrid = attachGrid(event.api);
    const detachKeys = attachKeyboardSelection(event.api);
    detach.current = () => {
      detachKeys();
      detachGrid();
    };
  }, []);

  const onModelUpdated = useCallback(() => {
    refreshCounts();
    if (host.current) followFocusedRow(host.current);
  }, []);

  useEffect(
    () => () => {
      detach.current?.();
      detach.current = null;
    },
    [],
  );

  return (
    <div
      className="grid-host"
      ref={host}
      onKeyDownCapture={(event) => handleGridKeyDownCapture(event.nativeEvent)}
      onMouseDownCapture={(event) => notePointerDown(event.nativeEvent)}
    >
      <AgGridReact<GridRow>
        theme={gridTheme}
        columnDefs={columnDefs}
        defaultColDef={defaultColDef}
        getRowId={getRowId}
        rowClassRules={rowClassRules}
        rowSelection={rowSelection}
        isExternalFilterPresent={isExternalFilterPresent}
        doesExternalFilterPass={doesExternalFilterPass}
        asyncTransactionWaitMillis={50}
        // Sort only the rows a transaction touched and merge them in: a poll changes a few
        // percent of the rows, and re-sorting 10,000 rows per poll is most of a long task.
        deltaSort
        animateRows={false}
        suppressColumnMoveAnimation
        preventDefaultOnContextMenu
        // The window says itself why the table is empty (EmptyTable), with a way out.
        suppressOverlays={['noRows', 'noMatchingRows']}
        tooltipShowDelay={600}
        tooltipHideDelay={20_000}
        onCellContextMenu={handleCellContextMenu}
        onRowDoubleClicked={handleRowDoubleClicked}
        onCellKeyDown={(event) => {
          if (event.event instanceof KeyboardEvent) handleGridKeyDown(event.event);
        }}
        onCellFocused={handleCellFocused}
        onGridReady={onGridReady}
        onModelUpdated={onModelUpdated}
        onSelectionChanged={onSelectionChanged}
        onSortChanged={saveColumnState}
        onColumnMoved={saveColumnState}
        onColumnResized={saveColumnState}
        onColumnVisible={saveColumnState}
      />
      <EmptyTable />
    </div>
  );
}

// The list of columns with a checkbox each, and "Fit to content" / "Reset columns": the toolbar's
// Columns panel and Preferences → Columns. The state is read from the grid when it is drawn, so
// it always matches what the grid shows.
import { useState } from 'react';
import { COLUMNS, type ColumnId } from '../../../shared/columns';
import { getGridApi } from '../rows/live-table';
import { resetColumns, saveColumns } from './column-state';
import { defaultLayoutOf } from './default-layout';
import { fitColumnsToContent } from './fit-columns';

function readVisibility(): Record<string, boolean> {
  const visible: Record<string, boolean> = {};
  for (const column of getGridApi()?.getColumnState() ?? []) visible[column.colId] = !column.hide;
  return visible;
}

export function ColumnList({ className }: { className: string }) {
  const [visible, setVisible] = useState<Record<string, boolean>>(readVisibility);

  const toggle = (id: ColumnId, show: boolean) => {
    const api = getGridApi();
    if (!api) return;
    api.setColumnsVisible([id], show);
    saveColumns(api);
    setVisible(readVisibility());
  };
  const act = (action: 'fit' | 'reset') => {
    const api = getGridApi();
    if (!api) return;
    if (action === 'fit') fitColumnsToContent(api);
    else resetColumns(api);
    setVisible(readVisibility());
  };

  return (
    <div className={className}>
      <div className="ps-column-list">
        {COLUMNS.map((column) => (
          <label key={column.id} className="ps-check" data-column={column.id}>
            <input
              type="checkbox"
              checked={visible[column.id] ?? defaultLayoutOf(column.id).visible}
              onChange={(e) => toggle(column.id, e.target.checked)}
            />
            <span>{column.header}</span>
          </label>
        ))}
      </div>
      <div className="ps-column-list-buttons">
        <button type="button" onClick={() => act('fit')} data-action="fit-columns">
          Fit to content
        </button>
        <button type="button" onClick={() => act('reset')} data-action="reset-columns">
          Reset columns
        </button>
      </div>
    </div>
  );
}

// Show or hide columns (AG Grid Community has no column chooser). The state is read from the grid
// each time the list opens, so it always matches what the grid shows.
import { useState } from 'react';
import { COLUMNS, type ColumnId } from '../../../shared/columns';
import { toSavedColumns } from '../grid/column-state';
import { getGridApi } from '../rows/live-table';
import { saveSettings } from '../settings-writer';

function readVisibility(): Record<string, boolean> {
  const visible: Record<string, boolean> = {};
  for (const column of getGridApi()?.getColumnState() ?? []) visible[column.colId] = !column.hide;
  return visible;
}

export function ColumnChooser() {
  const [visible, setVisible] = useState<Record<string, boolean>>({});

  const toggle = (id: ColumnId, show: boolean) => {
    const api = getGridApi();
    if (!api) return;
    api.setColumnsVisible([id], show);
    setVisible(readVisibility());
    saveSettings({ grid: { columns: toSavedColumns(api.getColumnState()) } });
  };

  return (
    <details className="column-chooser" onToggle={() => setVisible(readVisibility())}>
      <summary title="Show or hide columns">Columns</summary>
      <div className="column-chooser-list">
        {COLUMNS.map((column) => (
          <label key={column.id}>
            <input
              type="checkbox"
              checked={visible[column.id] ?? column.visible}
              onChange={(e) => toggle(column.id, e.target.checked)}
            />
            {column.header}
          </label>
        ))}
      </div>
    </details>
  );
}

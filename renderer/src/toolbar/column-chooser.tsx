// The toolbar's Columns button: show or hide columns (AG Grid Community has no column chooser),
// fit them to their content, or go back to the default layout.
import { ColumnList } from '../grid/column-list';
import { ColumnsIcon } from '../icons/toolbar-icons';
import { Popover } from './popover';

export function ColumnChooser() {
  return (
    <Popover
      className="column-chooser"
      title="Show or hide columns, fit them, or reset them"
      panelLabel="Columns"
      label={
        <>
          <ColumnsIcon /> Columns
        </>
      }
    >
      <ColumnList className="column-chooser-panel" />
    </Popover>
  );
}

// The in-window half of File → Export…: which rows and which columns. The file name and type are
// chosen next, in the native save dialog main opens.
import { useState } from 'react';
import { COLUMN_IDS } from '../../../../shared/columns';
import { formatCount } from '../../../../shared/units';
import type { ExportScope } from '../../../../shared/contract/export';
import { ModalSheet } from '../../panel/modal-sheet';
import { visibleColumnIds, type ColumnChoice } from './export-request';
import type { PendingExport } from './export-store';
import { useExportStore } from './export-store';

function count(n: number, noun: string): string {
  return `${formatCount(n)} ${noun}${n === 1 ? '' : 's'}`;
}

function ExportChoiceForm({ pending }: { pending: PendingExport }) {
  const { input, initial, resolve } = pending;
  const [scope, setScope] = useState<ExportScope>(initial.scope);
  const [columns, setColumns] = useState<ColumnChoice>(initial.columns);

  const scopes: { value: ExportScope; label: string; disabled: boolean }[] = [
    {
      value: 'filtered',
      label: `Rows shown (${count(input.filteredIds.length, 'row')}${input.filterText.trim() ? ', filter applied' : ''})`,
      disabled: false,
    },
    {
      value: 'selected',
      label: `Selected rows (${count(input.selectedIds.length, 'row')})`,
      disabled: input.selectedIds.length === 0,
    },
    {
      value: 'all',
      label: `All rows${input.totalRows === undefined ? '' : ` (${count(input.totalRows, 'row')})`}`,
      disabled: false,
    },
  ];
  const visible = visibleColumnIds(input).length;

  return (
    <ModalSheet
      title="Export connections"
      onClose={() => resolve(null)}
      className="export-dialog"
      backdropClassName="export-backdrop"
      closeOnBackdrop
      modal
      onSubmit={() => resolve({ scope, columns })}
      buttonsClassName="export-buttons"
      buttons={
        <>
          <button type="button" onClick={() => resolve(null)}>
            Cancel
          </button>
          <button type="submit" autoFocus>
            Export…
          </button>
        </>
      }
    >
      <fieldset>
        <legend>Rows</legend>
        {scopes.map((option) => (
          <label key={option.value} className={option.disabled ? 'export-disabled' : undefined}>
            <input
              type="radio"
              name="export-scope"
              value={option.value}
              checked={scope === option.value}
              disabled={option.disabled}
              onChange={() => setScope(option.value)}
            />
            {option.label}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Columns</legend>
        <label>
          <input
            type="radio"
            name="export-columns"
            value="visible"
            checked={columns === 'visible'}
            disabled={visible === 0}
            onChange={() => setColumns('visible')}
          />
          Visible columns, in their order ({visible})
        </label>
        <label>
          <input
            type="radio"
            name="export-columns"
            value="all"
            checked={columns === 'all'}
            onChange={() => setColumns('all')}
          />
          Every column ({COLUMN_IDS.length})
        </label>
      </fieldset>
      <p className="export-hint">
        Next you choose the file; its type sets the format: CSV, TSV, JSON, HTML report, XML or text
        table. JSON always holds every field.
      </p>
    </ModalSheet>
  );
}

/** Mounted once (installExport); shows the dialog while an export is being asked about. */
export function ExportLayer() {
  const pending = useExportStore((state) => state.pending);
  return pending ? <ExportChoiceForm pending={pending} /> : null;
}

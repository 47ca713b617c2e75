// What to ask main for, from what the window shows and what the person chose. Pure, so the
// choice → request mapping is tested without a grid.
import { isColumnId, type ColumnId } from '../../../../shared/columns';
import type { ExportRowsRequest, ExportScope } from '../../../../shared/contract/export';

/** What the grid shows right now: the input of an export. */
export interface ExportInput {
  /** Visible columns in their current order (grid column ids; unknown ones are ignored). */
  visibleColumns: readonly string[];
  /** Row ids that pass the toggles and filter, in display order. */
  filteredIds: readonly string[];
  /** Selected row ids, in display order. */
  selectedIds: readonly string[];
  /** The filter box's text, printed in the HTML report. */
  filterText: string;
  /** Rows in the table (for the dialog's "All rows (N)"). */
  totalRows?: number;
}

export type ColumnChoice = 'visible' | 'all';

export interface ExportChoice {
  scope: ExportScope;
  columns: ColumnChoice;
}

export function visibleColumnIds(input: Pick<ExportInput, 'visibleColumns'>): ColumnId[] {
  return input.visibleColumns.filter(isColumnId);
}

/** The dialog's first choice: the selection when several rows are selected, else what is shown. */
export function defaultChoice(input: ExportInput, last: ExportChoice | null): ExportChoice {
  if (last && (last.scope !== 'selected' || input.selectedIds.length > 0)) return last;
  return { scope: input.selectedIds.length > 1 ? 'selected' : 'filtered', columns: 'visible' };
}

export function buildExportRequest(input: ExportInput, choice: ExportChoice): ExportRowsRequest {
  const visible = visibleColumnIds(input);
  return {
    scope: choice.scope,
    ids:
      choice.scope === 'all'
        ? []
        : [...(choice.scope === 'selected' ? input.selectedIds : input.filteredIds)],
    columns: choice.columns === 'all' || visible.length === 0 ? null : visible,
    filter: choice.scope === 'all' ? '' : input.filterText.trim(),
  };
}

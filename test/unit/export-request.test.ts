// The window's export choice → the exportRows request main receives (and validates).
import { describe, expect, it } from 'vitest';
import { exportRowsRequestSchema } from '../../shared/contract/export';
import {
  buildExportRequest,
  defaultChoice,
  type ExportInput,
} from '../../renderer/src/features/export/export-request';

const input: ExportInput = {
  // ag-grid may report columns that are not table columns (a selection checkbox): ignored.
  visibleColumns: ['ag-Grid-SelectionColumn', 'processName', 'pid', 'localPort', 'suspicion'],
  filteredIds: ['a', 'b', 'c'],
  selectedIds: ['c', 'a'],
  filterText: ' proc:firefox ',
  totalRows: 10,
};

describe('buildExportRequest', () => {
  it('shown rows with the visible columns in their order, and the filter text', () => {
    const request = buildExportRequest(input, { scope: 'filtered', columns: 'visible' });
    expect(request).toEqual({
      scope: 'filtered',
      ids: ['a', 'b', 'c'],
      columns: ['processName', 'pid', 'localPort', 'suspicion'],
      filter: 'proc:firefox',
    });
    expect(exportRowsRequestSchema.safeParse(request).success).toBe(true);
  });

  it('selected rows in display order; every column is null', () => {
    expect(buildExportRequest(input, { scope: 'selected', columns: 'all' })).toMatchObject({
      scope: 'selected',
      ids: ['c', 'a'],
      columns: null,
    });
  });

  it('all rows send no ids and no filter (none is in force)', () => {
    const request = buildExportRequest(input, { scope: 'all', columns: 'visible' });
    expect(request).toMatchObject({ scope: 'all', ids: [], filter: '' });
    expect(exportRowsRequestSchema.safeParse(request).success).toBe(true);
  });

  it('main rejects what a renderer must not send', () => {
    const good = buildExportRequest(input, { scope: 'filtered', columns: 'visible' });
    for (const bad of [
      { ...good, path: '/etc/passwd' },
      { ...good, columns: ['processName', 'password'] },
      { ...good, scope: 'everything' },
      { ...good, ids: [''] },
      { ...good, filter: 'x'.repeat(2001) },
    ]) {
      expect(exportRowsRequestSchema.safeParse(bad).success).toBe(false);
    }
  });
});

describe('defaultChoice', () => {
  it('the selection when several rows are selected, else the shown rows', () => {
    expect(defaultChoice(input, null)).toEqual({ scope: 'selected', columns: 'visible' });
    expect(defaultChoice({ ...input, selectedIds: ['a'] }, null)).toEqual({
      scope: 'filtered',
      columns: 'visible',
    });
  });

  it('the last choice, unless it was "selected" and nothing is selected now', () => {
    const last = { scope: 'selected' as const, columns: 'all' as const };
    expect(defaultChoice(input, last)).toEqual(last);
    expect(defaultChoice({ ...input, selectedIds: [] }, last).scope).toBe('filtered');
  });
});

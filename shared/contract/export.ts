// Channel of the export feature: the renderer says what to export (scope, row ids, columns); main
// asks where through the native save dialog, so the renderer never names a path to write.
import { z } from 'zod';
import { COLUMN_IDS, type ColumnId } from '../columns';
import type { ExportFormat } from '../export/formats';
import { invoke } from './define';

export const EXPORT_SCOPES = ['all', 'filtered', 'selected'] as const;
export type ExportScope = (typeof EXPORT_SCOPES)[number];

/** Far above any real table (10,000 rows is a busy machine) but bounds what a renderer can send. */
export const MAX_EXPORT_IDS = 500_000;

export const exportRowsRequestSchema = z
  .object({
    /** all: every row in the table; filtered/selected: the rows listed in `ids`, in that order. */
    scope: z.enum(EXPORT_SCOPES),
    ids: z.array(z.string().min(1).max(512)).max(MAX_EXPORT_IDS),
    /** Visible columns in grid order; null for every column. */
    columns: z
      .array(z.enum(COLUMN_IDS as [ColumnId, ...ColumnId[]]))
      .min(1)
      .max(COLUMN_IDS.length)
      .nullable(),
    /** The filter box's text, printed in the HTML report. */
    filter: z.string().max(2000),
  })
  .strict();
export type ExportRowsRequest = z.infer<typeof exportRowsRequestSchema>;

export interface ExportRowsResult {
  path: string;
  rows: number;
  format: ExportFormat;
}

export const exportInvokes = {
  /** Resolves to null when the person cancels the save dialog. */
  exportRows: invoke<ExportRowsResult | null>()(z.tuple([exportRowsRequestSchema])),
};

// The exportRows channel: rows chosen by the renderer (scope + ids), a path chosen by the person
// in main's native save dialog, the format from the chosen file's extension.
import path from 'node:path';
import type { InvokeHandlers } from '../../../shared/contract';
import type { ExportRowsRequest, ExportRowsResult } from '../../../shared/contract/export';
import { EXPORT_FORMATS, FORMAT_FILE_TYPES, type ExportFormat } from '../../../shared/export';
import type { Connection } from '../../../shared/model';
import type { BackendContext, ConnectionTableView } from '../context';
import { exportToFile } from './export-to-file';

/**
 * The rows to write, captured when the person asks (before the dialog opens), so the file holds
 * what they saw even if the table changes while they pick a name. Ids no longer in the table
 * (a row that closed meanwhile) are skipped.
 */
export function selectRows(table: ConnectionTableView, request: ExportRowsRequest): Connection[] {
  if (request.scope === 'all') return [...table.rows()];
  const rows: Connection[] = [];
  const seen = new Set<string>();
  for (const id of request.ids) {
    if (seen.has(id)) continue;
    seen.add(id);
    const row = table.get(id);
    if (row) rows.push(row);
  }
  return rows;
}

/** "portscope-2026-11-25-2146.csv" */
export function defaultExportName(now: number, format: ExportFormat): string {
  const d = new Date(now);
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}`;
  return `portscope-${stamp}.${FORMAT_FILE_TYPES[format].extensions[0]}`;
}

/** The save dialog's file types, the last used one first (GTK and Windows preselect the first). */
function dialogFilters(first: ExportFormat): { name: string; extensions: string[] }[] {
  const order = [first, ...EXPORT_FORMATS.filter((format) => format !== first)];
  return order.map((format) => FORMAT_FILE_TYPES[format]);
}

export function createExportHandlers(ctx: BackendContext): Pick<InvokeHandlers, 'exportRows'> {
  return {
    async exportRows(request): Promise<ExportRowsResult | null> {
      const rows = selectRows(ctx.table, request);
      const settings = ctx.settings.get().export;
      const name = defaultExportName(Date.now(), settings.lastFormat);
      const file = await ctx.dialogs.saveFile({
        title: `Export ${rows.length} ${rows.length === 1 ? 'connection' : 'connections'}`,
        defaultPath: settings.lastDirectory ? path.join(settings.lastDirectory, name) : name,
        filters: dialogFilters(settings.lastFormat),
      });
      if (file === null) return null;
      const outcome = await exportToFile(file, rows, {
        format: null,
        columns: request.columns,
        filter: request.filter,
      });
      // Remembering the folder is a convenience: a failure to save settings must not fail the export.
      await ctx.settings
        .update({
          export: {
            ...ctx.settings.get().export,
            lastDirectory: path.dirname(outcome.path),
            lastFormat: outcome.format,
          },
        })
        .catch(() => {});
      return { path: outcome.path, rows: outcome.rows, format: outcome.format };
    },
  };
}

// One export, from rows to a file: the code the window (exportRows) and the CLI (`export`) share.
import { hostname } from 'node:os';
import type { ColumnId } from '../../../shared/columns';
import {
  exportChunks,
  formatFromPath,
  type ExportFormat,
  type ExportMeta,
} from '../../../shared/export';
import type { Connection } from '../../../shared/model';
import { writeFileAtomic } from './atomic-write';

export interface ExportRequest {
  /** null: from the file's extension, CSV when it has none we know. */
  format: ExportFormat | null;
  columns: readonly ColumnId[] | null;
  /** The filter text in force, shown in the HTML report and the XML root ('' for none). */
  filter: string;
  /** For tests: a fixed time and host. */
  meta?: Partial<ExportMeta>;
}

export interface ExportOutcome {
  path: string;
  rows: number;
  format: ExportFormat;
  bytes: number;
}

export function exportMeta(request: Pick<ExportRequest, 'filter' | 'meta'>): ExportMeta {
  const hostName = request.meta?.hostName ?? hostname();
  return {
    title: request.meta?.title ?? `Portscope: connections on ${hostName}`,
    hostName,
    generatedAt: request.meta?.generatedAt ?? Date.now(),
    filter: request.filter,
  };
}

/** Counts rows as the formatter pulls them, so the count costs no second pass. */
export class CountingRows implements Iterable<Connection> {
  count = 0;
  constructor(private readonly source: Iterable<Connection>) {}
  *[Symbol.iterator](): Iterator<Connection> {
    for (const row of this.source) {
      this.count += 1;
      yield row;
    }
  }
}

export function resolveFormat(file: string, format: ExportFormat | null): ExportFormat {
  return format ?? formatFromPath(file) ?? 'csv';
}

/** Writes the rows atomically (see writeFileAtomic); throws ExportWriteError on failure. */
export async function exportToFile(
  file: string,
  rows: Iterable<Connection>,
  request: ExportRequest,
): Promise<ExportOutcome> {
  const format = resolveFormat(file, request.format);
  const counted = new CountingRows(rows);
  const chunks = exportChunks(counted, {
    format,
    columns: request.columns,
    meta: exportMeta(request),
  });
  const written = await writeFileAtomic(file, chunks);
  return { path: written.path, rows: counted.count, format, bytes: written.bytes };
}

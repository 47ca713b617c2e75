// The export formats, their file extensions, and the options every formatter takes.
import type { ColumnId } from '../columns';

export const EXPORT_FORMATS = ['csv', 'tsv', 'json', 'html', 'xml', 'txt'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What the save dialog offers, in this order; the first extension is the one we suggest. */
export const FORMAT_FILE_TYPES: Record<ExportFormat, { name: string; extensions: string[] }> = {
  csv: { name: 'CSV (comma-separated)', extensions: ['csv'] },
  tsv: { name: 'Tab-separated text', extensions: ['tsv', 'tab'] },
  json: { name: 'JSON', extensions: ['json'] },
  html: { name: 'HTML report', extensions: ['html', 'htm'] },
  xml: { name: 'XML', extensions: ['xml'] },
  txt: { name: 'Plain-text table', extensions: ['txt', 'text'] },
};

export function isExportFormat(value: string): value is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(value);
}

/** "report.HTML" → "html"; null when the name has no extension we know. */
export function formatFromPath(path: string): ExportFormat | null {
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return null;
  const extension = name.slice(dot + 1).toLowerCase();
  for (const format of EXPORT_FORMATS) {
    if (FORMAT_FILE_TYPES[format].extensions.includes(extension)) return format;
  }
  return null;
}

/** Facts about the export, shown by the HTML report and carried by the XML root element. */
export interface ExportMeta {
  title: string;
  hostName: string;
  /** Milliseconds since the Unix epoch. */
  generatedAt: number;
  /** The filter text in force ('' for none). */
  filter: string;
}

export interface ExportOptions {
  format: ExportFormat;
  /**
   * Columns in the order to write them (the grid's visible columns); null for every column.
   * JSON ignores it: it always writes the whole documented Connection shape.
   */
  columns: readonly ColumnId[] | null;
  meta: ExportMeta;
}

// Export formatters: pure functions from rows to text chunks, shared by the window's export, the
// CLI and anything else that writes the table out. Each is a generator, so a writer can stream
// 50,000 rows to a file without ever holding the whole output as one string.
import type { Connection } from '../model';
import { delimitedChunks } from './delimited';
import type { ExportOptions } from './formats';
import { htmlChunks } from './html';
import { jsonChunks } from './json';
import { textTableChunks } from './text-table';
import { xmlChunks } from './xml';

export * from './formats';
export { CONNECTION_FIELDS, connectionToJson } from './json';
export { neutraliseFormula } from './spreadsheet-safety';
export { SEVERITY_TINTS } from './severity-tints';
export { escapeHtml } from './html';

/** The text of an export, in chunks, in the given format. */
export function exportChunks(
  rows: Iterable<Connection>,
  options: ExportOptions,
): Generator<string> {
  switch (options.format) {
    case 'csv':
      return delimitedChunks(rows, options, ',');
    case 'tsv':
      return delimitedChunks(rows, options, '\t');
    case 'json':
      return jsonChunks(rows);
    case 'html':
      return htmlChunks(rows, options);
    case 'xml':
      return xmlChunks(rows, options);
    case 'txt':
      return textTableChunks(rows, options);
  }
}

/** The whole export as one string: for small exports (clipboard, tests), not for files. */
export function exportToString(rows: Iterable<Connection>, options: ExportOptions): string {
  let text = '';
  for (const chunk of exportChunks(rows, options)) text += chunk;
  return text;
}

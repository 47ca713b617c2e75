// CSV (RFC 4180: comma, CRLF line ends, double quotes around fields that hold a comma, quote or
// line break, quotes doubled) and tab-separated text, both with a header row. Tab-separated uses
// the same quoting with a tab delimiter, as Excel and LibreOffice write and read it, so a command
// line with a tab or newline in it survives instead of shifting every later column.
// https://www.rfc-editor.org/rfc/rfc4180
import { stringify } from 'csv-stringify/sync';
import type { Connection } from '../model';
import { resolveColumns, ROWS_PER_CHUNK } from './columns';
import type { ExportOptions } from './formats';
import { neutraliseFormula } from './spreadsheet-safety';

export function* delimitedChunks(
  rows: Iterable<Connection>,
  options: Pick<ExportOptions, 'columns'>,
  delimiter: ',' | '\t',
): Generator<string> {
  const columns = resolveColumns(options.columns);
  const settings = { delimiter, record_delimiter: 'windows' as const, quoted_empty: false };
  yield stringify([columns.map((column) => neutraliseFormula(column.header))], settings);
  let batch: string[][] = [];
  for (const row of rows) {
    batch.push(columns.map((column) => neutraliseFormula(column.text(row))));
    if (batch.length >= ROWS_PER_CHUNK) {
      yield stringify(batch, settings);
      batch = [];
    }
  }
  if (batch.length > 0) yield stringify(batch, settings);
}

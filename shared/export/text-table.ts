// A plain-text table for people: a header, a rule, and columns padded to the widest cell, numbers
// right-aligned. Control characters inside a cell (a newline in a command line) would break the
// alignment, so they are shown as escapes (\n, \t, \r, \x1b); bidi overrides and invisible
// format characters, which would reverse or hide part of a name, are tagged (⟦U+202E⟧). Widths count code points, so
// double-width CJK text pushes its row slightly out of line. Every row must be seen before the
// first line can be written, so this format holds the cell texts in memory (not one big string).
import type { ColumnDef, ColumnId } from '../columns';
import type { Connection } from '../model';
import { resolveColumns, ROWS_PER_CHUNK } from './columns';
import type { ExportOptions } from './formats';
import { revealControls } from '../visible-text';

const RIGHT_ALIGNED = new Set<ColumnId>([
  'pid',
  'localPort',
  'remotePort',
  'parentPid',
  'inode',
  'remoteAsn',
]);

const NAMED_ESCAPES: Record<string, string> = { '\n': '\\n', '\t': '\\t', '\r': '\\r' };

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

export function printableCell(text: string): string {
  const escaped = text.replace(
    CONTROL,
    (ch) => NAMED_ESCAPES[ch] ?? `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
  // C0 and C1 are escapes by now: what is left to reveal is bidi and invisible format characters.
  return revealControls(escaped);
}

const width = (text: string): number => {
  let n = 0;
  for (const _ of text) n += 1;
  return n;
};

function line(cells: string[], widths: number[], columns: ColumnDef[]): string {
  const padded = cells.map((cell, i) => {
    const pad = ' '.repeat(widths[i]! - width(cell));
    return RIGHT_ALIGNED.has(columns[i]!.id) ? pad + cell : cell + pad;
  });
  return `${padded.join('  ').trimEnd()}\n`;
}

export function* textTableChunks(
  rows: Iterable<Connection>,
  options: Pick<ExportOptions, 'columns'>,
): Generator<string> {
  const columns = resolveColumns(options.columns);
  const headers = columns.map((column) => column.header);
  const widths = headers.map(width);
  const table: string[][] = [];
  for (const row of rows) {
    const cells = columns.map((column) => printableCell(column.text(row)));
    cells.forEach((cell, i) => {
      const w = width(cell);
      if (w > widths[i]!) widths[i] = w;
    });
    table.push(cells);
  }
  yield (
    line(headers, widths, columns) +
    line(
      widths.map((w) => '-'.repeat(w)),
      widths,
      columns,
    )
  );
  for (let start = 0; start < table.length; start += ROWS_PER_CHUNK) {
    yield table
      .slice(start, start + ROWS_PER_CHUNK)
      .map((cells) => line(cells, widths, columns))
      .join('');
  }
}

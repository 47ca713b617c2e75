// `--filter EXPR` for every command that takes it (list, export, watch): the filter box's
// language, with a caret under the place it could not read.
import { compileFilter } from '../../shared/filter';
import type { Connection } from '../../shared/model';
import { CliUsageError } from './io';

export interface RowFilter {
  test(row: Connection): boolean;
  /** The filter reads country/ASN/network owner (a field term, or a plain word: any column). */
  readsGeo: boolean;
}

const GEO_FILTER_FIELDS = new Set(['country', 'asn', 'org']);

/** null when there is no filter; a CliUsageError (exit 2) when it cannot be read. */
export function compileFilterOption(text: string | undefined): RowFilter | null {
  if (text === undefined || text.trim() === '') return null;
  const compiled = compileFilter(text);
  if (!compiled.ok) {
    throw new CliUsageError(
      `bad --filter: ${compiled.error}\n  ${text}\n  ${' '.repeat(compiled.position)}^`,
    );
  }
  return {
    test: (row) => compiled.test(row),
    readsGeo: compiled.terms.some(
      (term) => term.field === null || GEO_FILTER_FIELDS.has(term.field),
    ),
  };
}

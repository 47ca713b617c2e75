// JSON: an array of the documented Connection shape, exactly the model's fields in the model's
// order (the same output as `portscope list --format json`). One row per line, so the file is
// written as it is produced and stays readable with `grep`.
import { CONNECTION_FIELDS } from '../model';
import type { Connection } from '../model';
import { ROWS_PER_CHUNK } from './columns';

// Re-exported: the export API names the fields its JSON carries.
export { CONNECTION_FIELDS };

/** A copy with exactly the documented fields (rows in main may carry nothing else, but be sure). */
export function connectionToJson(row: Connection): Connection {
  const out: Record<string, unknown> = {};
  for (const field of CONNECTION_FIELDS) out[field] = row[field];
  return out as unknown as Connection;
}

export function* jsonChunks(rows: Iterable<Connection>): Generator<string> {
  let chunk = '[';
  let count = 0;
  for (const row of rows) {
    chunk += `${count === 0 ? '' : ','}\n${JSON.stringify(connectionToJson(row))}`;
    count += 1;
    if (count % ROWS_PER_CHUNK === 0) {
      yield chunk;
      chunk = '';
    }
  }
  yield `${chunk}${count === 0 ? '' : '\n'}]\n`;
}

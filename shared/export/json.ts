// JSON: an array of the documented Connection shape, exactly the model's fields in the model's
// order (the same output as `portscope list --format json`). One row per line, so the file is
// written as it is produced and stays readable with `grep`.
import type { Connection } from '../model';
import { ROWS_PER_CHUNK } from './columns';

export const CONNECTION_FIELDS = [
  'id',
  'protocol',
  'family',
  'localAddress',
  'localPort',
  'remoteAddress',
  'remotePort',
  'state',
  'inode',
  'socketUid',
  'pid',
  'processName',
  'processPath',
  'processPathDeleted',
  'commandLine',
  'user',
  'parentPid',
  'processStartTime',
  'firstSeen',
  'localPortName',
  'remotePortName',
  'remoteHostName',
  'remoteCountry',
  'remoteAsn',
  'remoteAsOrg',
  'suspicion',
] as const satisfies readonly (keyof Connection)[];

// Fails to compile when the model gains a field this list lacks.
type MissingField = Exclude<keyof Connection, (typeof CONNECTION_FIELDS)[number]>;
const everyFieldListed: [MissingField] extends [never] ? true : MissingField = true;
void everyFieldListed;

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

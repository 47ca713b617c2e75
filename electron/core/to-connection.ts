// RawSocket + ProcessInfo -> Connection: the one place a platform's raw read becomes a table row.
// Enriched fields (host names, country, suspicion …) start null; enrichers in the main process fill
// them. firstSeen is carried from the previous poll's row with the same id, so it means "when
// Portscope first saw this row", not "when this poll ran".
import type { Connection, ProcessInfo, RawSocket } from '../../shared/model';
import { assignRowIds } from './row-identity';

/** uid -> user name, or null when the uid has no name (the platform reads /etc/passwd or such). */
export type UserNameOf = (uid: number) => string | null;

export function toConnection(
  raw: RawSocket,
  id: string,
  process: ProcessInfo | undefined,
  firstSeen: number,
  userNameOf?: UserNameOf,
): Connection {
  const socketUser = raw.socketUid !== null && userNameOf ? userNameOf(raw.socketUid) : null;
  // Key order here is the key order of `list --format json`: keep it stable.
  return {
    id,
    protocol: raw.protocol,
    family: raw.family,
    localAddress: raw.localAddress,
    localPort: raw.localPort,
    remoteAddress: raw.remoteAddress,
    remotePort: raw.remotePort,
    state: raw.state,
    inode: raw.inode,
    socketUid: raw.socketUid,
    pid: raw.pid,
    processName: process?.name ?? null,
    processPath: process?.path ?? null,
    processPathDeleted: process?.pathDeleted ?? false,
    commandLine: process?.commandLine ?? null,
    user: process?.user ?? socketUser,
    parentPid: process?.parentPid ?? null,
    processStartTime: process?.startTime ?? null,
    firstSeen,
    localPortName: null,
    remotePortName: null,
    remoteHostName: null,
    remoteCountry: null,
    remoteAsn: null,
    remoteAsOrg: null,
    suspicion: null,
  };
}

/**
 * True when `row` already says what `raw` + `process` would produce, so the previous poll's row
 * object can be reused: a steady table of 10,000 sockets then allocates no rows at all, and the
 * diff sees the same object and skips the field comparison.
 */
function unchanged(
  row: Connection,
  raw: RawSocket,
  process: ProcessInfo | undefined,
  userNameOf: UserNameOf | undefined,
): boolean {
  if (
    row.state !== raw.state ||
    row.inode !== raw.inode ||
    row.socketUid !== raw.socketUid ||
    row.pid !== raw.pid
  ) {
    return false;
  }
  if (process === undefined) {
    const socketUser = raw.socketUid !== null && userNameOf ? userNameOf(raw.socketUid) : null;
    return row.processName === null && row.user === socketUser;
  }
  return (
    row.processName === process.name &&
    row.processPath === process.path &&
    row.processPathDeleted === process.pathDeleted &&
    row.commandLine === process.commandLine &&
    row.user === process.user &&
    row.parentPid === process.parentPid &&
    row.processStartTime === process.startTime
  );
}

/**
 * Every socket of one read as rows. `previous` is the last poll's rows by id (for firstSeen, and
 * reused as is when nothing about the socket changed); `now` is this poll's time. Rows are
 * values: a changed socket gets a new object, an unchanged one keeps its old object.
 */
export function toConnections(
  sockets: readonly RawSocket[],
  processes: ReadonlyMap<number, ProcessInfo>,
  previous: ReadonlyMap<string, Connection>,
  now: number,
  userNameOf?: UserNameOf,
): Connection[] {
  const ids = assignRowIds(sockets);
  const rows = new Array<Connection>(sockets.length);
  for (let i = 0; i < sockets.length; i++) {
    const raw = sockets[i];
    const process = raw.pid === null ? undefined : processes.get(raw.pid);
    const before = previous.get(ids[i]);
    rows[i] =
      before !== undefined && unchanged(before, raw, process, userNameOf)
        ? before
        : toConnection(raw, ids[i], process, before?.firstSeen ?? now, userNameOf);
  }
  return rows;
}

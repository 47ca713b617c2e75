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
 * Every socket of one read as rows. `previous` is the last poll's rows by id (for firstSeen);
 * `now` is this poll's time.
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
    const firstSeen = previous.get(ids[i])?.firstSeen ?? now;
    rows[i] = toConnection(raw, ids[i], process, firstSeen, userNameOf);
  }
  return rows;
}

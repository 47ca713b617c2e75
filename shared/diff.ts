// The pure diff between two polls: which rows appeared, which changed, which went away.
// Rows are matched by Connection.id (see electron/core/row-identity.ts). Only fields that can
// change for a row that keeps its id are compared: the address fields are part of the id itself,
// and firstSeen is carried over by definition.
import type { Connection, ConnectionDelta } from './model';

/**
 * Same value in `a` and `b` for every one of `fields` (suspicion compared by content). Used by the
 * diff (changeable fields) and by the connection table's refresh (enriched fields).
 */
export function sameFields(
  a: Connection,
  b: Connection,
  fields: readonly (keyof Connection)[],
): boolean {
  for (const field of fields) {
    if (field === 'suspicion') {
      if (!sameSuspicion(a.suspicion, b.suspicion)) return false;
    } else if (a[field] !== b[field]) {
      return false;
    }
  }
  return true;
}

/** Same process details (what the platform read about the owner), field by field. */
function sameProcessFields(a: Connection, b: Connection): boolean {
  return (
    a.processName === b.processName &&
    a.processPath === b.processPath &&
    a.processPathDeleted === b.processPathDeleted &&
    a.commandLine === b.commandLine &&
    a.user === b.user &&
    a.parentPid === b.parentPid &&
    a.processStartTime === b.processStartTime &&
    a.services === b.services &&
    a.company === b.company &&
    a.productName === b.productName &&
    a.fileDescription === b.fileDescription &&
    a.fileVersion === b.fileVersion &&
    a.processNote === b.processNote
  );
}

/**
 * Same value for every field that can change under one id (CHANGEABLE_FIELDS in the model).
 * Written out field by field rather than looped over the list: a poll with traffic changes many
 * rows, and reading 30 properties by a varying key is several times slower than by name. The
 * unit test checks it against CHANGEABLE_FIELDS, so a new field cannot be forgotten here.
 */
export function sameConnection(a: Connection, b: Connection): boolean {
  return (
    a.state === b.state &&
    a.inode === b.inode &&
    a.socketUid === b.socketUid &&
    a.pid === b.pid &&
    a.bytesSent === b.bytesSent &&
    a.bytesReceived === b.bytesReceived &&
    a.packetsSent === b.packetsSent &&
    a.packetsReceived === b.packetsReceived &&
    a.sendRate === b.sendRate &&
    a.receiveRate === b.receiveRate &&
    sameProcessFields(a, b) &&
    a.localPortName === b.localPortName &&
    a.remotePortName === b.remotePortName &&
    a.remoteHostName === b.remoteHostName &&
    a.remoteCountry === b.remoteCountry &&
    a.remoteAsn === b.remoteAsn &&
    a.remoteAsOrg === b.remoteAsOrg &&
    sameSuspicion(a.suspicion, b.suspicion)
  );
}

/**
 * True when `a` and `b` differ at most in their traffic (bytes, packets, rates): what an active
 * connection's row does every poll. No enricher reads traffic, so such a row keeps the enriched
 * fields it had (core/connection-table.ts) rather than running every enricher again.
 */
export function onlyTrafficDiffers(a: Connection, b: Connection): boolean {
  return (
    a.state === b.state &&
    a.inode === b.inode &&
    a.socketUid === b.socketUid &&
    a.pid === b.pid &&
    sameProcessFields(a, b)
  );
}

/** Suspicions compared by content (they are rebuilt by the rules on every enrichment). */
export function sameSuspicion(a: Connection['suspicion'], b: Connection['suspicion']): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  if (a.severity !== b.severity || a.reasons.length !== b.reasons.length) return false;
  return a.reasons.every(
    (reason, i) => reason.rule === b.reasons[i].rule && reason.message === b.reasons[i].message,
  );
}

/**
 * What changed from `previous` (last poll's rows by id) to `next` (this poll's rows).
 * A row of `next` is "added" when its id was not there, "updated" when a changeable field differs;
 * ids of `previous` missing from `next` are "removed". Neither input is modified.
 */
export function diffConnections(
  previous: ReadonlyMap<string, Connection>,
  next: readonly Connection[],
): ConnectionDelta {
  const added: Connection[] = [];
  const updated: Connection[] = [];
  let kept = 0;
  for (const row of next) {
    const before = previous.get(row.id);
    if (before === undefined) {
      added.push(row);
      continue;
    }
    kept += 1;
    // The same object is the same row (the poll reuses unchanged rows): nothing to compare.
    if (before !== row && !sameConnection(before, row)) updated.push(row);
  }
  const removed: string[] = [];
  // Every previous id was found again (ids are unique within a poll): nothing was removed.
  if (kept !== previous.size) {
    const nextIds = new Set<string>();
    for (const row of next) nextIds.add(row.id);
    for (const id of previous.keys()) if (!nextIds.has(id)) removed.push(id);
  }
  return { added, updated, removed };
}

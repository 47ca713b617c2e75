// Two views of the same sockets, joined into the rows of one read:
//  - the table (netstat): every socket of the machine, whoever owns it, but no process;
//  - lsof: the sockets of every process lsof may look into, with the process.
// A table socket gets the pid of the process lsof saw holding it; table sockets nobody visible
// holds stay owner unknown; sockets only lsof saw (opened between the two runs) are added.
// Matching is by inode where both give one (Linux), else by protocol and endpoints: first with
// the family, then without it, because macOS netstat prints an IPv6 socket connected to an IPv4
// peer as tcp4 while lsof names the socket's own family (IPv6).
// Pure: tested on parsed real and documented output.
import { NO_TRAFFIC_COUNTERS, type RawSocket } from '../../../shared/model';
import { anyAddress } from './endpoint';
import type { LsofProcess, LsofSocket } from './lsof-field-parser';

/**
 * One socket as lsof saw it, with every process holding it: a socket inherited across fork is
 * listed once per process (and once per descriptor).
 */
interface OwnedSocket {
  raw: RawSocket;
  holders: number[];
}

function endpointKey(address: string | null, port: number | null): string {
  return `${address ?? '*'}|${port ?? '*'}`;
}

/** Protocol and endpoints, with the unspecified address of either family written "*". */
function looseKey(socket: RawSocket): string {
  const local =
    socket.localAddress === '0.0.0.0' || socket.localAddress === '::' ? null : socket.localAddress;
  return (
    `${socket.protocol}|${endpointKey(local, socket.localPort)}|` +
    endpointKey(socket.remoteAddress, socket.remotePort)
  );
}

function exactKey(socket: RawSocket): string {
  return `${socket.family}|${looseKey(socket)}`;
}

/** lsof's socket in the model's form: the unspecified address by family, no counters. */
export function rawFromLsof(socket: LsofSocket, uid: number | null): RawSocket {
  return {
    protocol: socket.protocol,
    family: socket.family,
    localAddress: socket.local.address ?? anyAddress(socket.family),
    localPort: socket.local.port ?? 0,
    remoteAddress: socket.remote ? (socket.remote.address ?? anyAddress(socket.family)) : null,
    remotePort: socket.remote ? (socket.remote.port ?? 0) : null,
    state: socket.state,
    inode: socket.inode,
    socketUid: uid,
    pid: socket.pid,
    ...NO_TRAFFIC_COUNTERS,
  };
}

/**
 * lsof's sockets, one entry per socket: entries with the same inode (Linux) are one socket held
 * by several processes. Without inodes (macOS) each entry stands alone.
 */
function groupOwned(
  sockets: readonly LsofSocket[],
  processes: ReadonlyMap<number, LsofProcess>,
): OwnedSocket[] {
  const owned: OwnedSocket[] = [];
  const byInode = new Map<number, OwnedSocket>();
  for (const socket of sockets) {
    const existing = socket.inode !== null ? byInode.get(socket.inode) : undefined;
    if (existing) {
      if (!existing.holders.includes(socket.pid)) existing.holders.push(socket.pid);
      continue;
    }
    const entry: OwnedSocket = {
      raw: rawFromLsof(socket, processes.get(socket.pid)?.uid ?? null),
      holders: [socket.pid],
    };
    owned.push(entry);
    if (socket.inode !== null) byInode.set(socket.inode, entry);
  }
  return owned;
}

/** The pid a row shows for a socket several processes hold: the lowest (usually the parent). */
function ownerPid(entry: OwnedSocket): number {
  return Math.min(...entry.holders);
}

function take(index: Map<string, OwnedSocket[]>, key: string, used: Set<OwnedSocket>) {
  const list = index.get(key);
  if (!list) return undefined;
  while (list.length > 0) {
    const entry = list.shift()!;
    if (!used.has(entry)) return entry;
  }
  return undefined;
}

function indexBy(entries: readonly OwnedSocket[], key: (raw: RawSocket) => string) {
  const index = new Map<string, OwnedSocket[]>();
  for (const entry of entries) {
    const k = key(entry.raw);
    const list = index.get(k);
    if (list) list.push(entry);
    else index.set(k, [entry]);
  }
  return index;
}

/**
 * The rows of one read. `table` null: no table could be read (no netstat), so the rows are
 * lsof's alone. The table's socket objects become the rows (owner filled in): pass a table parsed
 * for this read. Table sockets keep the table's state, uid, inode and counters (one consistent
 * snapshot of the kernel's table) and take pid and family from lsof.
 */
export function joinSockets(
  table: readonly RawSocket[] | null,
  lsofSockets: readonly LsofSocket[],
  processes: ReadonlyMap<number, LsofProcess>,
): RawSocket[] {
  const owned = groupOwned(lsofSockets, processes);
  if (table === null) {
    return owned.map((entry) => ({ ...entry.raw, pid: ownerPid(entry) }));
  }
  const used = new Set<OwnedSocket>();
  const byInode = new Map<number, OwnedSocket>();
  for (const entry of owned) if (entry.raw.inode !== null) byInode.set(entry.raw.inode, entry);
  // Inodes on both sides (Linux) join exactly; endpoint keys are built only where there are none.
  const byEndpoints = byInode.size === 0;
  const byExact = byEndpoints ? indexBy(owned, exactKey) : null;

  const rows: RawSocket[] = [];
  const unmatched: number[] = [];
  for (let i = 0; i < table.length; i++) {
    const socket = table[i]!;
    let entry: OwnedSocket | undefined;
    if (byExact) {
      entry = take(byExact, exactKey(socket), used);
      if (!entry) unmatched.push(i);
    } else if (socket.inode !== null) {
      const candidate = byInode.get(socket.inode);
      if (candidate && !used.has(candidate)) entry = candidate;
    }
    if (entry) used.add(entry);
    rows.push(entry ? withOwner(socket, entry) : socket);
  }
  // Second pass, without the family, for table sockets the first could not place.
  if (unmatched.length > 0) {
    const byLoose = indexBy(owned, looseKey);
    for (const i of unmatched) {
      const entry = take(byLoose, looseKey(table[i]!), used);
      if (!entry) continue;
      used.add(entry);
      rows[i] = withOwner(table[i]!, entry);
    }
  }
  for (const entry of owned) {
    if (!used.has(entry)) rows.push({ ...entry.raw, pid: ownerPid(entry) });
  }
  return rows;
}

/** The table's socket, given its owner (in place: the table was parsed for this read alone). */
function withOwner(socket: RawSocket, entry: OwnedSocket): RawSocket {
  socket.family = entry.raw.family;
  socket.socketUid ??= entry.raw.socketUid;
  socket.pid = ownerPid(entry);
  return socket;
}

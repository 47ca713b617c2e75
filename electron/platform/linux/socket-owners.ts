// Which process owns each socket inode, found through /proc/PID/fd (each fd of a socket reads as
// "socket:[INODE]"). Walking every fd of every process costs what `ss -p` costs, so the answer is
// cached and a steady poll does no walk at all:
//  - a walk happens only when the table holds an inode that is neither attributed nor already
//    searched for in vain (negative cache; re-searched after `retryUnownedMs`);
//  - in a walk, fds already known to hold a live socket are not read again, known owners are
//    walked first, and the walk stops as soon as every sought inode is found;
//  - an inode that leaves the table drops its fd entry and negative entry; a pid that exits (or
//    whose pid was reused: different start time) drops all its inodes, which are then sought anew.
import fs from 'node:fs';
import { isDeniedError } from '../errors';

const SOCKET_LINK_PREFIX = 'socket:[';

interface Owner {
  pid: number;
  fd: string;
  /** The attribute() call that last saw this inode in the table. */
  seen: number;
}

interface Unowned {
  /** When it was last searched for and not found. */
  searchedAt: number;
  seen: number;
}

export interface AttributionStats {
  /** A walk over /proc/PID/fd was done in this call. */
  walked: boolean;
  /** Processes whose fd table we may not read (another user's, without root) in the last walk. */
  deniedProcesses: number;
  /** Socket inodes in the table with no visible owner after this call. */
  unownedInodes: number;
}

export interface SocketOwnerIndexOptions {
  procRoot?: string;
  /** How long an unowned inode is left alone before the next search for it. */
  retryUnownedMs?: number;
  /** Start ticks of a live pid, null when gone: how exits and pid reuse are noticed. */
  startTicksOf: (pid: number) => number | null;
}

function isPidName(name: string): boolean {
  const first = name.charCodeAt(0);
  return first >= 49 && first <= 57 && /^\d+$/.test(name); // no leading zero, digits only
}

export class SocketOwnerIndex {
  private readonly procRoot: string;
  private readonly retryUnownedMs: number;
  private readonly startTicksOf: (pid: number) => number | null;
  /** inode -> owning pid and the fd it was found on. */
  private readonly owners = new Map<number, Owner>();
  /** pid -> (fd -> inode) for fds known to hold a live socket, and the pid's start ticks. */
  private readonly pids = new Map<number, { startTicks: number; fds: Map<string, number> }>();
  /** inode -> when it was last searched for and not found. */
  private readonly unowned = new Map<number, Unowned>();
  private lastDeniedProcesses = 0;
  /** Counts attribute() calls: entries not marked with the current one have left the table. */
  private generation = 0;
  private pidsAtLastWalk = new Set<string>();

  constructor(options: SocketOwnerIndexOptions) {
    this.procRoot = options.procRoot ?? '/proc';
    this.retryUnownedMs = options.retryUnownedMs ?? 30_000;
    this.startTicksOf = options.startTicksOf;
  }

  /** The owning pid of an inode as of the last attribute() call. */
  ownerOf(inode: number): number | null {
    return this.owners.get(inode)?.pid ?? null;
  }

  /**
   * Attribute the given live inodes (every socket inode in the current table, each once) to
   * pids. Returns what it did; ownerOf answers for each inode afterwards. One pass marks the
   * inodes still in the table (no set of 10,000 inodes is built per poll); entries left unmarked
   * are forgotten.
   */
  attribute(liveInodes: Iterable<number>, now = Date.now()): AttributionStats {
    // First, so the sockets of an exited (or reused) pid are sought again in this same call.
    this.forgetExitedPids();
    const generation = ++this.generation;
    let sought: Set<number> | null = null;
    let unowned = 0;
    for (const inode of liveInodes) {
      const owner = this.owners.get(inode);
      if (owner !== undefined) {
        owner.seen = generation;
        continue;
      }
      unowned++;
      const entry = this.unowned.get(inode);
      if (entry !== undefined) entry.seen = generation;
      if (entry === undefined || now - entry.searchedAt >= this.retryUnownedMs) {
        (sought ??= new Set()).add(inode);
      }
    }
    this.forgetUnseen(generation);
    if (sought === null) {
      return { walked: false, deniedProcesses: this.lastDeniedProcesses, unownedInodes: unowned };
    }

    const live =
      liveInodes instanceof Set ? (liveInodes as ReadonlySet<number>) : new Set(liveInodes);
    const found = this.walk(live, sought, generation);
    for (const inode of sought) this.unowned.set(inode, { searchedAt: now, seen: generation });
    return {
      walked: true,
      deniedProcesses: this.lastDeniedProcesses,
      unownedInodes: unowned - found,
    };
  }

  /** Drop the inodes that left the table (and their fd entries). */
  private forgetUnseen(generation: number): void {
    for (const [inode, owner] of this.owners) {
      if (owner.seen === generation) continue;
      this.owners.delete(inode);
      this.pids.get(owner.pid)?.fds.delete(owner.fd);
    }
    for (const [inode, entry] of this.unowned) {
      if (entry.seen !== generation) this.unowned.delete(inode);
    }
  }

  private forgetExitedPids(): void {
    for (const [pid, entry] of this.pids) {
      if (entry.fds.size > 0 && this.startTicksOf(pid) === entry.startTicks) continue;
      for (const inode of entry.fds.values()) {
        if (this.owners.get(inode)?.pid === pid) this.owners.delete(inode);
      }
      this.pids.delete(pid);
    }
  }

  /** Walk /proc/PID/fd looking for `sought`; attributes any live unowned inode it meets. */
  private walk(liveInodes: ReadonlySet<number>, sought: Set<number>, generation: number): number {
    let pidNames: string[];
    try {
      pidNames = fs.readdirSync(this.procRoot).filter(isPidName);
    } catch {
      return 0;
    }
    // Likeliest owners of a new socket first: processes that already own sockets, then processes
    // started since the last walk; long-running processes that never owned one come last.
    const known = new Set<string>();
    for (const pid of this.pids.keys()) known.add(String(pid));
    const started: string[] = [];
    const others: string[] = [];
    for (const name of pidNames) {
      if (known.has(name)) continue;
      (this.pidsAtLastWalk.has(name) ? others : started).push(name);
    }
    this.pidsAtLastWalk = new Set(pidNames);
    const order = [...known, ...started, ...others];

    let remaining = sought.size;
    let found = 0;
    let denied = 0;
    for (const pidName of order) {
      if (remaining === 0) break;
      const pid = Number(pidName);
      const fdDir = `${this.procRoot}/${pidName}/fd`;
      let fdNames: string[];
      try {
        fdNames = fs.readdirSync(fdDir);
      } catch (error) {
        // EACCES: not ours to read (not root). ENOENT/ESRCH: the process just exited.
        if (isDeniedError(error)) denied++;
        continue;
      }
      const entry = this.pids.get(pid);
      const knownFds = entry?.fds;
      let pidEntry = entry;
      for (const fd of fdNames) {
        const knownInode = knownFds?.get(fd);
        if (knownInode !== undefined && this.owners.get(knownInode)?.pid === pid) continue;
        let link: string;
        try {
          link = fs.readlinkSync(`${fdDir}/${fd}`);
        } catch {
          continue; // the fd was closed between readdir and readlink
        }
        if (!link.startsWith(SOCKET_LINK_PREFIX)) continue;
        const inode = Number(link.slice(SOCKET_LINK_PREFIX.length, -1));
        if (!liveInodes.has(inode) || this.owners.has(inode)) continue;
        if (pidEntry === undefined) {
          const startTicks = this.startTicksOf(pid);
          if (startTicks === null) break; // exited mid-walk
          pidEntry = { startTicks, fds: new Map() };
          this.pids.set(pid, pidEntry);
        }
        this.owners.set(inode, { pid, fd, seen: generation });
        pidEntry.fds.set(fd, inode);
        this.unowned.delete(inode);
        found++;
        if (sought.delete(inode)) remaining--;
        if (remaining === 0) break;
      }
    }
    // A walk that stopped early saw only some processes: it can add to the count, not lower it.
    this.lastDeniedProcesses = remaining > 0 ? denied : Math.max(denied, this.lastDeniedProcesses);
    return found;
  }
}

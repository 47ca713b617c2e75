// Connection.id: what makes a row "the same row" from one poll to the next.
// The id is protocol|family|local|remote and deliberately leaves out the inode and the state, so a
// socket that moves ESTABLISHED -> TIME_WAIT (the kernel drops the inode then) keeps its row and
// shows as a state change rather than a removal plus an addition.
import type { RawSocket } from '../../shared/model';

function endpoint(address: string | null, port: number | null): string {
  if (address === null) return '*';
  // Brackets keep IPv6 colons apart from the port separator ("[::1]:80").
  const host = address.includes(':') ? `[${address}]` : address;
  return `${host}:${port ?? '*'}`;
}

/** The id before collisions are resolved: "tcp|4|127.0.0.1:8080|*". */
export function baseRowKey(socket: RawSocket): string {
  return (
    `${socket.protocol}|${socket.family}|${endpoint(socket.localAddress, socket.localPort)}|` +
    endpoint(socket.remoteAddress, socket.remotePort)
  );
}

/** One base key, and which socket of the current poll first claimed it. */
interface KeySlot {
  key: string;
  /** The poll that last handed this key out, and the index of that socket in it. */
  poll: number;
  index: number;
}

/**
 * Row ids with a memory, for the poll pipeline: a socket keeps its addresses for its whole life,
 * so its key is remembered, found by its ports (a number: no string is built to look it up) and
 * confirmed by its addresses, which the platform hands out as the same string objects poll after
 * poll. A steady table of 10,000 sockets, TIME_WAIT ones included, then builds no key strings and
 * fills no new Map per poll, and the remembered strings keep the hash V8 computed for them, which
 * makes every lookup by row id cheaper.
 */
export class RowKeyCache {
  private readonly byPorts = new Map<number, KeyEntry[]>();
  private entries = 0;
  private poll = 0;

  /** Start a poll: each key is free to be claimed again. */
  beginPoll(): number {
    return ++this.poll;
  }

  slotOf(socket: RawSocket): KeySlot {
    const ports = socket.localPort * 65536 + (socket.remotePort ?? 0);
    let list = this.byPorts.get(ports);
    if (list !== undefined) {
      for (const entry of list) {
        if (
          entry.remotePort === socket.remotePort &&
          entry.localAddress === socket.localAddress &&
          entry.remoteAddress === socket.remoteAddress &&
          entry.protocol === socket.protocol &&
          entry.family === socket.family
        ) {
          entry.seen = this.poll;
          return entry.slot;
        }
      }
    } else {
      list = [];
      this.byPorts.set(ports, list);
    }
    const slot: KeySlot = { key: baseRowKey(socket), poll: -1, index: -1 };
    list.push({
      protocol: socket.protocol,
      family: socket.family,
      localAddress: socket.localAddress,
      remoteAddress: socket.remoteAddress,
      remotePort: socket.remotePort,
      slot,
      seen: this.poll,
    });
    this.entries++;
    return slot;
  }

  /** The poll is over: forget addresses it did not see, once they outnumber the live ones. */
  endPoll(live: number): void {
    if (this.entries <= 2 * Math.max(live, 64)) return;
    this.entries = 0;
    for (const [ports, list] of this.byPorts) {
      const kept = list.filter((entry) => entry.seen === this.poll);
      if (kept.length === 0) this.byPorts.delete(ports);
      else this.byPorts.set(ports, kept);
      this.entries += kept.length;
    }
  }

  get size(): number {
    return this.entries;
  }
}

interface KeyEntry {
  protocol: RawSocket['protocol'];
  family: RawSocket['family'];
  localAddress: string;
  remoteAddress: string | null;
  remotePort: number | null;
  slot: KeySlot;
  /** The last poll that saw these addresses. */
  seen: number;
}

/**
 * One id per socket of one read, in the order of `sockets`. Several sockets can share a base key
 * (SO_REUSEPORT listeners, UDP sockets bound to one port by different processes): then the one
 * with the lowest inode keeps the bare key and the others get "#inode", so the ids do not depend
 * on the order the kernel listed them in, and a lone socket's id never carries an inode.
 * Sockets without an inode that still collide are told apart by their rank ("#n2", "#n3" …).
 */
export function assignRowIds(sockets: readonly RawSocket[], keys?: RowKeyCache): string[] {
  if (keys) return assignWithCache(sockets, keys);
  const ids = new Array<string>(sockets.length);
  // Index of the first socket with each key; only keys seen twice need the slower path.
  const firstIndex = new Map<string, number>();
  let collisions: Map<string, number[]> | null = null;
  for (let i = 0; i < sockets.length; i++) {
    const key = baseRowKey(sockets[i]);
    ids[i] = key;
    const first = firstIndex.get(key);
    if (first === undefined) {
      firstIndex.set(key, i);
    } else {
      collisions ??= new Map();
      const group = collisions.get(key);
      if (group) group.push(i);
      else collisions.set(key, [first, i]);
    }
  }
  if (collisions) {
    for (const [key, group] of collisions) disambiguate(key, group, sockets, ids);
  }
  return ids;
}

/** assignRowIds through the cache: the same ids, with the first claim of a key kept in its slot. */
function assignWithCache(sockets: readonly RawSocket[], keys: RowKeyCache): string[] {
  const ids = new Array<string>(sockets.length);
  const poll = keys.beginPoll();
  let collisions: Map<string, number[]> | null = null;
  for (let i = 0; i < sockets.length; i++) {
    const slot = keys.slotOf(sockets[i]);
    ids[i] = slot.key;
    if (slot.poll !== poll) {
      slot.poll = poll;
      slot.index = i;
    } else {
      collisions ??= new Map();
      const group = collisions.get(slot.key);
      if (group) group.push(i);
      else collisions.set(slot.key, [slot.index, i]);
    }
  }
  if (collisions) {
    for (const [key, group] of collisions) disambiguate(key, group, sockets, ids);
  }
  keys.endPoll(sockets.length);
  return ids;
}

function disambiguate(
  key: string,
  group: number[],
  sockets: readonly RawSocket[],
  ids: string[],
): void {
  const inodeOf = (i: number) => sockets[i].inode ?? Number.POSITIVE_INFINITY;
  const ranked = [...group].sort((a, b) => inodeOf(a) - inodeOf(b) || a - b);
  const used = new Set<string>();
  ranked.forEach((index, rank) => {
    const inode = sockets[index].inode;
    let id = rank === 0 ? key : inode !== null ? `${key}#${inode}` : `${key}#n${rank + 1}`;
    // Two sockets reporting one inode (the kernel lists a socket once, but be safe).
    while (used.has(id)) id = `${id}+`;
    used.add(id);
    ids[index] = id;
  });
}

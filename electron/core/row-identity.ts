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

/**
 * One id per socket of one read, in the order of `sockets`. Several sockets can share a base key
 * (SO_REUSEPORT listeners, UDP sockets bound to one port by different processes): then the one
 * with the lowest inode keeps the bare key and the others get "#inode", so the ids do not depend
 * on the order the kernel listed them in, and a lone socket's id never carries an inode.
 * Sockets without an inode that still collide are told apart by their rank ("#n2", "#n3" …).
 */
export function assignRowIds(sockets: readonly RawSocket[]): string[] {
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

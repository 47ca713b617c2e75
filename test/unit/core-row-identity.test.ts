import { describe, expect, it } from 'vitest';
import { CONNECTION_FIELDS, NO_PROCESS_EXTRAS } from '../../shared/model';
import type { ProcessInfo, RawSocket } from '../../shared/model';
import { RowKeyCache, assignRowIds, baseRowKey } from '../../electron/core/row-identity';
import { toConnections } from '../../electron/core/to-connection';
import { makeRawSocket } from '../support/connection-fixture';

const socket = (over: Partial<RawSocket>): RawSocket =>
  makeRawSocket({
    localPort: 8080,
    remoteAddress: null,
    remotePort: null,
    state: 'LISTEN',
    inode: 1000,
    socketUid: 0,
    pid: null,
    ...over,
  });

describe('row identity', () => {
  it('is protocol|family|local|remote, with IPv6 in brackets and * for no remote', () => {
    expect(baseRowKey(socket({}))).toBe('tcp|4|127.0.0.1:8080|*');
    expect(
      baseRowKey(
        socket({
          family: 6,
          localAddress: '::1',
          localPort: 443,
          remoteAddress: '2001:db8::7',
          remotePort: 51000,
          state: 'ESTABLISHED',
        }),
      ),
    ).toBe('tcp|6|[::1]:443|[2001:db8::7]:51000');
  });

  it('keeps the id when a connection moves ESTABLISHED -> TIME_WAIT and loses its inode', () => {
    const established = socket({
      localPort: 40000,
      remoteAddress: '127.0.0.1',
      remotePort: 8080,
      state: 'ESTABLISHED',
      inode: 5555,
    });
    const timeWait = { ...established, state: 'TIME_WAIT' as const, inode: null };
    expect(assignRowIds([established])).toEqual(assignRowIds([timeWait]));
  });

  it('tells SO_REUSEPORT listeners apart by inode, whatever order the kernel lists them in', () => {
    const a = socket({ inode: 300, pid: 1 });
    const b = socket({ inode: 100, pid: 2 });
    const c = socket({ inode: 200, pid: 3 });
    const ids = assignRowIds([a, b, c]);
    expect(new Set(ids).size).toBe(3);
    // The lowest inode keeps the bare key; the others carry their inode.
    expect(ids).toEqual([
      'tcp|4|127.0.0.1:8080|*#300',
      'tcp|4|127.0.0.1:8080|*',
      'tcp|4|127.0.0.1:8080|*#200',
    ]);
    const reordered = assignRowIds([c, a, b]);
    expect(reordered).toEqual([ids[2], ids[0], ids[1]]);
  });

  it('separates colliding sockets that have no inode, and does not mix protocols', () => {
    const udp = socket({ protocol: 'udp', state: null, inode: null });
    const ids = assignRowIds([udp, udp, socket({})]);
    expect(new Set(ids).size).toBe(3);
    expect(ids[2]).toBe('tcp|4|127.0.0.1:8080|*');
  });
});

describe('RowKeyCache', () => {
  it('gives the ids assignRowIds gives, poll after poll, collisions included', () => {
    const keys = new RowKeyCache();
    const polls: RawSocket[][] = [
      [socket({ inode: 300 }), socket({ inode: 100 }), socket({ localPort: 1, inode: 7 })],
      // 100 went, 200 joined the REUSEPORT group; a TIME_WAIT with no inode; two UDP without.
      [
        socket({ inode: 300 }),
        socket({ inode: 200 }),
        socket({
          localPort: 2,
          inode: null,
          state: 'TIME_WAIT',
          remoteAddress: '10.0.0.1',
          remotePort: 5,
        }),
        socket({ protocol: 'udp', state: null, inode: null }),
        socket({ protocol: 'udp', state: null, inode: null }),
      ],
      [socket({ inode: 300 })],
    ];
    for (const sockets of polls) expect(assignRowIds(sockets, keys)).toEqual(assignRowIds(sockets));
  });

  it('tells apart sockets whose ports agree and whose addresses or protocol do not', () => {
    const keys = new RowKeyCache();
    const a = socket({ localPort: 1000, remoteAddress: '10.0.0.1', remotePort: 80 });
    const b = socket({ localPort: 1000, remoteAddress: '10.0.0.2', remotePort: 80 });
    const c = socket({
      localPort: 1000,
      remoteAddress: '10.0.0.1',
      remotePort: 80,
      protocol: 'udp',
    });
    const d = socket({
      localPort: 1000,
      family: 6,
      localAddress: '::1',
      remoteAddress: '::1',
      remotePort: 80,
    });
    for (let poll = 0; poll < 2; poll++) {
      expect(assignRowIds([a, b, c, d], keys)).toEqual([
        'tcp|4|127.0.0.1:1000|10.0.0.1:80',
        'tcp|4|127.0.0.1:1000|10.0.0.2:80',
        'udp|4|127.0.0.1:1000|10.0.0.1:80',
        'tcp|6|[::1]:1000|[::1]:80',
      ]);
    }
  });

  it('forgets sockets that are gone, so it stays about as large as the table', () => {
    const keys = new RowKeyCache();
    for (let poll = 0; poll < 50; poll++) {
      const sockets = Array.from({ length: 100 }, (_, i) =>
        socket({ localPort: 1000 + poll * 100 + i, inode: poll * 100 + i + 1 }),
      );
      assignRowIds(sockets, keys);
    }
    expect(keys.size).toBeLessThanOrEqual(2 * 100);
  });
});

describe('toConnections', () => {
  const process: ProcessInfo = {
    pid: 42,
    name: 'nginx',
    path: '/usr/sbin/nginx',
    pathDeleted: false,
    commandLine: 'nginx: master process',
    user: 'www-data',
    uid: 33,
    parentPid: 1,
    startTime: 1_700_000_000_000,
    ...NO_PROCESS_EXTRAS,
  };

  it('fills process fields from the owner, enriched fields null, firstSeen now', () => {
    const [row] = toConnections(
      [socket({ pid: 42, socketUid: 33 })],
      new Map([[42, process]]),
      new Map(),
      5000,
    );
    expect(row).toMatchObject({
      id: 'tcp|4|127.0.0.1:8080|*',
      pid: 42,
      processName: 'nginx',
      processPath: '/usr/sbin/nginx',
      commandLine: 'nginx: master process',
      user: 'www-data',
      parentPid: 1,
      processStartTime: 1_700_000_000_000,
      firstSeen: 5000,
      remoteHostName: null,
      remoteCountry: null,
      suspicion: null,
    });
  });

  it('names the socket owner when the process is not visible, and carries firstSeen', () => {
    const raw = socket({ pid: null, socketUid: 33 });
    const names = (uid: number) => (uid === 33 ? 'www-data' : null);
    const [first] = toConnections([raw], new Map(), new Map(), 1000, names);
    expect(first.user).toBe('www-data');
    expect(first.processName).toBeNull();
    const [later] = toConnections([raw], new Map(), new Map([[first.id, first]]), 9000, names);
    expect(later.firstSeen).toBe(1000);
    const [noNames] = toConnections([raw], new Map(), new Map(), 1000);
    expect(noNames.user).toBeNull();
  });

  it('reuses the previous row object when nothing changed, and makes a new one when it did', () => {
    const processes = new Map([[42, process]]);
    const raw = socket({ pid: 42 });
    const [first] = toConnections([raw], processes, new Map(), 1);
    const previous = new Map([[first.id, first]]);
    const [same] = toConnections([{ ...raw }], processes, previous, 2);
    expect(same).toBe(first);
    const [closed] = toConnections([{ ...raw, state: 'CLOSE' }], processes, previous, 2);
    expect(closed).not.toBe(first);
    expect(closed).toMatchObject({ state: 'CLOSE', firstSeen: 1 });
    const renamed = new Map([[42, { ...process, name: 'nginx-worker' }]]);
    const [other] = toConnections([raw], renamed, previous, 2);
    expect(other).not.toBe(first);
    expect(other.processName).toBe('nginx-worker');
    expect(first.processName).toBe('nginx');
  });

  it('writes every Connection field, in the documented order', () => {
    const [row] = toConnections([socket({})], new Map(), new Map(), 1);
    expect(Object.keys(row)).toEqual([...CONNECTION_FIELDS]);
  });
});

// The renderer's pure table logic: TCPView's marks (new / changed / removed and when they fade),
// the transactions the grid receives, the toggles, and address sorting.
import { describe, expect, it } from 'vitest';
import type { Connection, ConnectionDelta } from '../../shared/model';
import { compareAddresses, addressSortKey } from '../../renderer/src/grid/address-order';
import { RowStore } from '../../renderer/src/rows/row-store';
import { isListeningRow, togglesPass } from '../../renderer/src/rows/view-filter';
import { defaultSettings } from '../../shared/settings';
import { makeConnection } from '../support/connection-fixture';

function connection(overrides: Partial<Connection> & { id: string }): Connection {
  return makeConnection({
    localPort: 8080,
    remoteAddress: null,
    remotePort: null,
    state: 'LISTEN',
    inode: 123456,
    processName: 'node',
    processPath: '/usr/bin/node',
    commandLine: 'node server.js',
    user: 'alice',
    processStartTime: 1_764_000_000_000,
    firstSeen: 1_764_000_100_000,
    ...overrides,
  });
}

const delta = (d: Partial<ConnectionDelta>): ConnectionDelta => ({
  added: [],
  updated: [],
  removed: [],
  ...d,
});

const listener = connection({ id: 'tcp|4|127.0.0.1:8080|*' });
const established = connection({
  id: 'tcp|4|127.0.0.1:8080|127.0.0.1:51000',
  remoteAddress: '127.0.0.1',
  remotePort: 51000,
  state: 'ESTABLISHED',
});

describe('RowStore marks', () => {
  it('shows a snapshot unmarked, and marks a row added later as new', () => {
    const store = new RowStore();
    expect(store.loadSnapshot([listener]).map((row) => row.mark)).toEqual([null]);

    const change = store.applyDelta(delta({ added: [established] }), 1000);
    expect(change.tx.add.map((row) => row.id)).toEqual([established.id]);
    expect(change.marksChanged).toEqual([established.id]);
    expect(store.markOf(established.id)).toBe('new');
    expect(store.markOf(listener.id)).toBeNull();
  });

  it('marks a state or owner change yellow, but not an enrichment update', () => {
    const store = new RowStore();
    store.loadSnapshot([established]);

    const enriched = store.applyDelta(
      delta({ updated: [{ ...established, remoteHostName: 'localhost' }] }),
      1000,
    );
    expect(enriched.tx.update).toHaveLength(1);
    expect(enriched.marksChanged).toEqual([]);
    expect(store.markOf(established.id)).toBeNull();

    const closing = store.applyDelta(
      delta({ updated: [{ ...established, state: 'CLOSE_WAIT' }] }),
      2000,
    );
    expect(closing.marksChanged).toEqual([established.id]);
    expect(store.markOf(established.id)).toBe('changed');
    expect(store.get(established.id)?.state).toBe('CLOSE_WAIT');
  });

  it('keeps a new mark for at least markMs and until a later poll', () => {
    const store = new RowStore({ markMs: 2000, expiryToleranceMs: 0 });
    store.loadSnapshot([]);
    store.applyDelta(delta({ added: [listener] }), 0);

    // Time alone does not clear it: no poll has come since (e.g. while paused).
    expect(store.expireMarks(10_000).marksChanged).toEqual([]);
    expect(store.nextExpiry()).toBeNull();

    // A poll before 2 s does not clear it either.
    store.applyDelta(delta({}), 1000);
    expect(store.markOf(listener.id)).toBe('new');
    expect(store.nextExpiry()).toBe(2000);

    const faded = store.expireMarks(2000);
    expect(faded.marksChanged).toEqual([listener.id]);
    expect(faded.tx).toEqual({ add: [], update: [], remove: [] });
    expect(store.markOf(listener.id)).toBeNull();
  });

  it('keeps a removed row red for removedMs, out of the counts, then removes it', () => {
    const store = new RowStore({ removedMs: 2000, expiryToleranceMs: 0 });
    store.loadSnapshot([listener, established]);

    const gone = store.applyDelta(delta({ removed: [established.id] }), 5000);
    expect(gone.tx.remove).toEqual([]);
    expect(gone.marksChanged).toEqual([established.id]);
    expect(store.markOf(established.id)).toBe('removed');
    expect(store.counts()).toMatchObject({ total: 1, tcp: 1, byState: { LISTEN: 1 } });
    expect(store.size).toBe(2);

    expect(store.expireMarks(6999).tx.remove).toEqual([]);
    const removed = store.expireMarks(7000);
    expect(removed.tx.remove.map((row) => row.id)).toEqual([established.id]);
    expect(store.get(established.id)).toBeUndefined();
  });

  it('expires marks due shortly after a poll together with that poll', () => {
    const store = new RowStore({ removedMs: 2000, expiryToleranceMs: 300 });
    store.loadSnapshot([listener]);
    store.applyDelta(delta({ removed: [listener.id] }), 0);
    // The poll at 1.8 s takes the row out instead of a timer 200 ms later.
    const change = store.applyDelta(delta({}), 1800);
    expect(change.tx.remove.map((row) => row.id)).toEqual([listener.id]);
  });

  it('brings back a row that reappears while still red, marked new', () => {
    const store = new RowStore();
    store.loadSnapshot([listener]);
    store.applyDelta(delta({ removed: [listener.id] }), 0);
    const back = store.applyDelta(delta({ added: [{ ...listener, pid: 5151 }] }), 500);
    expect(back.tx.add).toEqual([]);
    expect(back.tx.update.map((row) => row.pid)).toEqual([5151]);
    expect(store.markOf(listener.id)).toBe('new');
    expect(store.counts().total).toBe(1);
  });

  it('never sends the grid a row added and gone within one change', () => {
    const store = new RowStore({ removedMs: 0, expiryToleranceMs: 0 });
    store.loadSnapshot([]);
    const change = store.applyDelta(delta({ added: [listener], removed: [listener.id] }), 0);
    expect(change.tx).toEqual({ add: [], update: [], remove: [] });
    expect(store.size).toBe(0);
  });
});

describe('view toggles', () => {
  const udpUnconnected = connection({
    id: 'udp|6|[::1]:5353|*',
    protocol: 'udp',
    family: 6,
    localAddress: '::1',
    localPort: 5353,
    state: null,
  });

  it('treats listeners and unconnected UDP as "listening"', () => {
    expect(isListeningRow(listener)).toBe(true);
    expect(isListeningRow(udpUnconnected)).toBe(true);
    expect(isListeningRow(established)).toBe(false);
  });

  it('hides by protocol, family and listening', () => {
    const view = defaultSettings.view;
    expect(togglesPass(view, udpUnconnected)).toBe(true);
    expect(togglesPass({ ...view, udp: false }, udpUnconnected)).toBe(false);
    expect(togglesPass({ ...view, ipv6: false }, udpUnconnected)).toBe(false);
    expect(togglesPass({ ...view, ipv4: false }, udpUnconnected)).toBe(true);
    expect(togglesPass({ ...view, listening: false }, listener)).toBe(false);
    expect(togglesPass({ ...view, listening: false }, established)).toBe(true);
    expect(togglesPass({ ...view, tcp: false }, established)).toBe(false);
  });
});

describe('address sorting', () => {
  it('orders IPv4 numerically, then IPv6, with no address last', () => {
    const sorted = [
      '::1',
      '10.0.0.10',
      null,
      '2001:db8::1',
      '10.0.0.9',
      '192.168.1.1',
      'fe80::1',
    ].sort(compareAddresses);
    expect(sorted).toEqual([
      '10.0.0.9',
      '10.0.0.10',
      '192.168.1.1',
      '::1',
      '2001:db8::1',
      'fe80::1',
      null,
    ]);
  });

  it('expands IPv6 forms to one key', () => {
    expect(addressSortKey('::ffff:1.2.3.4')).toBe(addressSortKey('0:0:0:0:0:ffff:102:304'));
    expect(addressSortKey('fe80::1%eth0')).toBe(addressSortKey('fe80:0:0:0:0:0:0:1'));
    expect(addressSortKey('not-an-address')).toBe('9 not-an-address');
  });
});

describe('snapshot in parts', () => {
  it('adds up to the same unmarked rows as one load, keeping the first row of a duplicate id', () => {
    const rows = [connection({ id: 'a' }), connection({ id: 'b' }), connection({ id: 'c' })];
    const whole = new RowStore().loadSnapshot(rows);

    const store = new RowStore();
    store.clear();
    const parts = [
      ...store.addSnapshotRows(rows.slice(0, 2)),
      ...store.addSnapshotRows([rows[2]!, connection({ id: 'a', localPort: 9 })]),
    ];
    expect(parts).toEqual(whole);
    expect(parts.every((row) => row.mark === null)).toBe(true);
    expect(parts.find((row) => row.id === 'a')?.localPort).toBe(8080);
  });
});

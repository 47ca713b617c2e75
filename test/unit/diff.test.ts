import { describe, expect, it } from 'vitest';
import { diffConnections, onlyTrafficDiffers, sameConnection } from '../../shared/diff';
import { CHANGEABLE_FIELDS, type Connection, type RawSocket } from '../../shared/model';
import { toConnections } from '../../electron/core/to-connection';
import { makeRawSocket } from '../support/connection-fixture';

const raw = (localPort: number, over: Partial<RawSocket> = {}): RawSocket =>
  makeRawSocket({ localPort, remotePort: 9000, inode: localPort * 10, pid: 7, ...over });

const rows = (sockets: RawSocket[]) => toConnections(sockets, new Map(), new Map(), 1);
const byId = (list: Connection[]) => new Map(list.map((row) => [row.id, row]));

describe('sameConnection', () => {
  it('compares every field that can change under one id, each on its own', () => {
    const [row] = rows([raw(1)]);
    expect(sameConnection(row, { ...row })).toBe(true);
    for (const field of CHANGEABLE_FIELDS) {
      const changed =
        field === 'suspicion'
          ? { ...row, suspicion: { severity: 'notice' as const, reasons: [] } }
          : { ...row, [field]: `changed ${field}` };
      expect(sameConnection(row, changed), field).toBe(false);
    }
  });
});

describe('onlyTrafficDiffers', () => {
  it('ignores traffic and enriched fields, and sees every other field that can change', () => {
    const [row] = rows([raw(1)]);
    const traffic = [
      'bytesSent',
      'bytesReceived',
      'packetsSent',
      'packetsReceived',
      'sendRate',
      'receiveRate',
    ];
    const enriched = [
      'localPortName',
      'remotePortName',
      'remoteHostName',
      'remoteCountry',
      'remoteAsn',
      'remoteAsOrg',
      'suspicion',
    ];
    for (const field of CHANGEABLE_FIELDS) {
      const changed = {
        ...row,
        [field]: field === 'suspicion' ? { severity: 'notice', reasons: [] } : 12345,
      };
      const ignored = traffic.includes(field) || enriched.includes(field);
      expect(onlyTrafficDiffers(row, changed), field).toBe(ignored);
    }
  });
});

describe('diffConnections', () => {
  it('reports every row as added against an empty table', () => {
    const next = rows([raw(1), raw(2)]);
    expect(diffConnections(new Map(), next)).toEqual({ added: next, updated: [], removed: [] });
  });

  it('reports nothing for an identical poll (new objects, same values)', () => {
    const before = rows([raw(1), raw(2)]);
    const again = rows([raw(2), raw(1)]);
    expect(diffConnections(byId(before), again)).toEqual({ added: [], updated: [], removed: [] });
  });

  it('finds added, updated (state change, same id) and removed rows in one poll', () => {
    const before = rows([raw(1), raw(2), raw(3)]);
    const after = rows([raw(1), raw(2, { state: 'TIME_WAIT', inode: null, pid: null }), raw(4)]);
    const delta = diffConnections(byId(before), after);
    expect(delta.added.map((r) => r.localPort)).toEqual([4]);
    expect(delta.updated.map((r) => [r.localPort, r.state])).toEqual([[2, 'TIME_WAIT']]);
    expect(delta.removed).toEqual([before[2].id]);
  });

  it('sees process and enriched field changes, including suspicion by content', () => {
    const [before] = rows([raw(1)]);
    const renamed = { ...before, processName: 'other' };
    expect(diffConnections(byId([before]), [renamed]).updated).toEqual([renamed]);
    const suspicious: Connection = {
      ...before,
      suspicion: { severity: 'warning', reasons: [{ rule: 'r', message: 'm' }] },
    };
    const sameAgain: Connection = {
      ...before,
      suspicion: { severity: 'warning', reasons: [{ rule: 'r', message: 'm' }] },
    };
    expect(diffConnections(byId([before]), [suspicious]).updated).toHaveLength(1);
    expect(diffConnections(byId([suspicious]), [sameAgain]).updated).toHaveLength(0);
    const country = { ...before, remoteCountry: 'DE' };
    expect(diffConnections(byId([before]), [country]).updated).toEqual([country]);
  });

  it('does not count firstSeen as a change, and leaves its inputs alone', () => {
    const [before] = rows([raw(1)]);
    const previous = byId([before]);
    const later = { ...before, firstSeen: 999 };
    expect(diffConnections(previous, [later])).toEqual({ added: [], updated: [], removed: [] });
    expect(previous.get(before.id)).toBe(before);
    expect(before.firstSeen).toBe(1);
  });

  it('removes everything when the next poll is empty', () => {
    const before = rows([raw(1), raw(2)]);
    expect(diffConnections(byId(before), []).removed.sort()).toEqual(
      before.map((r) => r.id).sort(),
    );
  });
});

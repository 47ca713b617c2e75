import { describe, expect, it } from 'vitest';
import type { Connection, DeltaEvent, PollStatus, RawSocket } from '../../shared/model';
import { ConnectionTable } from '../../electron/core/connection-table';
import type { EnrichmentHost, Enricher } from '../../electron/core/context';
import { toConnections } from '../../electron/core/to-connection';
import { diffConnections } from '../../shared/diff';
import { makeRawSocket } from '../support/connection-fixture';

const status: PollStatus = {
  at: 1,
  durationMs: 1,
  intervalMs: 1000,
  paused: false,
  malformedLines: 0,
  privileged: true,
  warnings: [],
};

const raw = (remoteAddress: string, localPort: number): RawSocket =>
  makeRawSocket({
    localAddress: '10.0.0.2',
    localPort,
    remoteAddress,
    remotePort: 443,
    inode: localPort,
    pid: 10,
  });

/** An enricher answering from a cache that a "slow lookup" fills later, like geo or DNS. */
function countryEnricher() {
  const cache = new Map<string, string>();
  const asked: string[] = [];
  let host: EnrichmentHost | null = null;
  const enricher: Enricher = {
    name: 'country',
    attach: (h) => (host = h),
    enrich(row) {
      asked.push(row.id);
      row.remoteCountry = row.remoteAddress ? (cache.get(row.remoteAddress) ?? null) : null;
    },
  };
  return { enricher, cache, asked, host: () => host! };
}

function setup() {
  const events: DeltaEvent[] = [];
  const table = new ConnectionTable({
    emit: (_name, delta) => events.push(delta),
    status: () => status,
  });
  // The raw side, as a poll source keeps it.
  let previous = new Map<string, Connection>();
  const poll = (sockets: RawSocket[]) => {
    const rows = toConnections(sockets, new Map(), previous, Date.now());
    const delta = diffConnections(previous, rows);
    previous = new Map(rows.map((row) => [row.id, row]));
    return table.applyPoll(delta, status);
  };
  return { table, events, poll, previous: () => previous };
}

describe('ConnectionTable', () => {
  it('enriches added and updated rows only, in registration order, one event per poll', () => {
    const { table, events, poll } = setup();
    const country = countryEnricher();
    country.cache.set('1.1.1.1', 'AU');
    const order: string[] = [];
    table.addEnricher({ name: 'first', enrich: () => order.push('first') });
    table.addEnricher(country.enricher);
    table.addEnricher({
      name: 'last',
      enrich: (row) => order.push(`last saw ${row.remoteCountry}`),
    });

    poll([raw('1.1.1.1', 1000), raw('8.8.8.8', 1001)]);
    expect(events).toHaveLength(1);
    expect(events[0].added.map((r) => r.remoteCountry)).toEqual(['AU', null]);
    // Per row, every enricher in registration order; later ones see earlier ones' fields.
    expect(order).toEqual(['first', 'last saw AU', 'first', 'last saw null']);
    expect(table.size).toBe(2);

    country.asked.length = 0;
    poll([raw('1.1.1.1', 1000), raw('8.8.8.8', 1001)]);
    expect(events).toHaveLength(2);
    expect(events[1]).toMatchObject({ added: [], updated: [], removed: [] });
    expect(country.asked).toEqual([]);

    const changed = { ...raw('8.8.8.8', 1001), state: 'CLOSE_WAIT' as const };
    poll([changed]);
    expect(events[2].updated.map((r) => r.state)).toEqual(['CLOSE_WAIT']);
    expect(events[2].removed).toEqual(['tcp|4|10.0.0.2:1000|1.1.1.1:443']);
    expect(country.asked).toEqual(['tcp|4|10.0.0.2:1001|8.8.8.8:443']);
    expect(table.get('tcp|4|10.0.0.2:1000|1.1.1.1:443')).toBeUndefined();
  });

  it('keeps the enrichment of a row whose traffic alone changed, without running enrichers', () => {
    const { table, events, poll } = setup();
    const country = countryEnricher();
    country.cache.set('1.1.1.1', 'AU');
    table.addEnricher(country.enricher);
    const quiet = { ...raw('1.1.1.1', 1000), bytesSent: 10, bytesReceived: 20 };
    poll([quiet]);
    country.asked.length = 0;
    // The lookup's answer changed meanwhile: a re-run would show it, the kept enrichment not.
    country.cache.set('1.1.1.1', 'NZ');
    poll([{ ...quiet, bytesSent: 5000, packetsSent: 9 }]);
    expect(events[1]!.updated).toEqual([
      expect.objectContaining({ bytesSent: 5000, packetsSent: 9, remoteCountry: 'AU' }),
    ]);
    expect(country.asked).toEqual([]);
    // Anything else changing runs the enrichers again.
    poll([{ ...quiet, bytesSent: 5000, packetsSent: 9, state: 'CLOSE_WAIT' }]);
    expect(events[2]!.updated[0]).toMatchObject({ state: 'CLOSE_WAIT', remoteCountry: 'NZ' });
    expect(country.asked).toEqual(['tcp|4|10.0.0.2:1000|1.1.1.1:443']);
  });

  it('does not write enriched fields into the poll source rows', () => {
    const { table, poll, previous } = setup();
    const country = countryEnricher();
    country.cache.set('1.1.1.1', 'AU');
    table.addEnricher(country.enricher);
    poll([raw('1.1.1.1', 1000)]);
    const [sourceRow] = previous().values();
    expect(sourceRow.remoteCountry).toBeNull();
    expect(table.get(sourceRow.id)?.remoteCountry).toBe('AU');
  });

  it('on refresh re-enriches and emits only rows whose enriched fields changed', () => {
    const { table, events, poll } = setup();
    const country = countryEnricher();
    table.addEnricher(country.enricher);
    poll([raw('1.1.1.1', 1000), raw('8.8.8.8', 1001), raw('9.9.9.9', 1002)]);
    const before = table.get('tcp|4|10.0.0.2:1001|8.8.8.8:443');

    // The slow lookup answers for one address.
    country.cache.set('8.8.8.8', 'US');
    country.host().refresh(['tcp|4|10.0.0.2:1000|1.1.1.1:443', 'tcp|4|10.0.0.2:1001|8.8.8.8:443']);
    expect(events).toHaveLength(2);
    expect(events[1].added).toEqual([]);
    expect(events[1].updated.map((r) => [r.id, r.remoteCountry])).toEqual([
      ['tcp|4|10.0.0.2:1001|8.8.8.8:443', 'US'],
    ]);
    // A new row object: consumers may cache per object (the filter does).
    expect(table.get('tcp|4|10.0.0.2:1001|8.8.8.8:443')).not.toBe(before);
    expect(before?.remoteCountry).toBeNull();

    // Refresh of everything with no new answers: nothing to send.
    country.host().refresh();
    expect(events).toHaveLength(2);
    // An unknown id is ignored.
    country.host().refresh(['nope']);
    expect(events).toHaveLength(2);
  });

  it('keeps polling rows when an enricher throws, and reports it', () => {
    const errors: string[] = [];
    const events: DeltaEvent[] = [];
    const table = new ConnectionTable({
      emit: (_name, payload) => events.push(payload as DeltaEvent),
      status: () => status,
      onEnricherError: (enricher, error) => errors.push(`${enricher.name}: ${String(error)}`),
    });
    table.addEnricher({
      name: 'broken',
      enrich: () => {
        throw new Error('boom');
      },
    });
    const rows = toConnections([raw('1.1.1.1', 1)], new Map(), new Map(), 1);
    table.applyPoll({ added: rows, updated: [], removed: [] }, status);
    expect(table.size).toBe(1);
    expect(errors).toEqual(['broken: Error: boom']);
    expect(events[0].added).toHaveLength(1);
  });
});

// The offline IP database: the country MMDB from the installed ip-location-db package and the
// ASN index the build makes from its CSVs (out/geo/asn.bin; built here when it is missing, e.g.
// when only the unit tests run). Addresses are well-known public resolvers whose allocations
// have been stable for a decade.
import { beforeAll, describe, expect, it } from 'vitest';
import { buildIpIndex } from '../../scripts/build-ip-index.mjs';
import { createGeoEnricher } from '../../electron/core/lookup/geo-enricher';
import { createIpDatabase, type IpDatabase } from '../../electron/core/lookup/ip-database';
import type { Connection } from '../../shared/model';

let db: IpDatabase;
beforeAll(async () => {
  await buildIpIndex(); // no-op when the index is newer than the CSVs
  db = createIpDatabase();
  await db.load();
});

describe('IP database', () => {
  it.each([
    ['8.8.8.8', 'US', 15169, /Google/],
    ['2001:4860:4860::8888', 'US', 15169, /Google/],
    ['1.1.1.1', null, 13335, /Cloudflare/],
    ['2606:4700:4700::1111', null, 13335, /Cloudflare/],
    ['9.9.9.9', null, 19281, /Quad9/],
    ['193.0.6.139', 'NL', 3333, /RIPE/],
  ])('%s → country %s, AS%s', (address, country, asn, org) => {
    const info = db.lookup(address)!;
    // Anycast resolvers are registered in one country and announced everywhere; only the
    // allocations with a stable registration country are checked for it.
    if (country) expect(info.country).toBe(country);
    else expect(info.country).toMatch(/^[A-Z]{2}$/);
    expect(info.asn).toBe(asn);
    expect(info.asOrg).toMatch(org);
  });

  it('gives nothing for private, loopback and unrouted addresses', () => {
    for (const address of ['10.0.0.1', '192.168.1.1', '127.0.0.1', '::1', 'fd00::1']) {
      expect(db.lookup(address)).toEqual({ country: null, asn: null, asOrg: null });
    }
  });

  it('answers 10,000 distinct addresses (figure printed, not asserted)', () => {
    const started = performance.now();
    let withAsn = 0;
    for (let i = 0; i < 10_000; i += 1) {
      const address = `${(i % 200) + 11}.${(i * 7) % 256}.${(i * 13) % 256}.${i % 256}`;
      if (db.lookup(address)?.asn) withAsn += 1;
    }
    const elapsed = performance.now() - started;
    console.log(`10,000 uncached lookups: ${elapsed.toFixed(1)} ms, ${withAsn} with an ASN`);
    expect(withAsn).toBeGreaterThan(5000);
  });
});

function row(remoteAddress: string | null): Connection {
  return { remoteAddress, remoteCountry: 'XX', remoteAsn: 1, remoteAsOrg: 'stale' } as Connection;
}

describe('geo enricher', () => {
  it('fills nulls until the database is ready, then refreshes and fills the columns', async () => {
    const refreshes: (Iterable<string> | undefined)[] = [];
    const enricher = createGeoEnricher({ database: createIpDatabase() });
    enricher.attach?.({ refresh: (ids) => refreshes.push(ids) });
    const early = row('8.8.8.8');
    enricher.enrich(early);
    expect(early).toMatchObject({ remoteCountry: null, remoteAsn: null, remoteAsOrg: null });

    await enricher.ready();
    expect(refreshes).toEqual([undefined]); // every row re-enriched once
    const later = row('8.8.8.8');
    enricher.enrich(later);
    expect(later).toMatchObject({ remoteCountry: 'US', remoteAsn: 15169 });

    const local = row('192.168.0.10');
    enricher.enrich(local);
    expect(local).toMatchObject({ remoteCountry: null, remoteAsn: null, remoteAsOrg: null });
    const listener = row(null);
    enricher.enrich(listener);
    expect(listener.remoteAsOrg).toBeNull();
    enricher.dispose?.();
  });
});

describe('geo enricher lookup budget', () => {
  it('spreads uncached lookups over event-loop turns and ready() waits for all of them', async () => {
    // Budget 0: one uncached lookup per turn, the rest deferred (deterministic, no timing).
    const enricher = createGeoEnricher({ database: db, lookupBudgetMs: 0 });
    const rows = new Map<string, Connection>();
    const refreshed: string[][] = [];
    enricher.attach?.({
      refresh: (ids) => {
        const list = [...(ids ?? rows.keys())];
        refreshed.push(list);
        for (const id of list) enricher.enrich(rows.get(id)!);
      },
    });
    const addresses = ['8.8.8.8', '1.1.1.1', '9.9.9.9', '193.0.6.139', '2001:4860:4860::8888'];
    for (const [i, address] of addresses.entries()) {
      const r = { ...row(address), id: `row-${i}` };
      rows.set(r.id, r);
      enricher.enrich(r);
    }
    const filled = () => [...rows.values()].filter((r) => r.remoteAsn !== null).length;
    expect(filled()).toBe(1); // the rest wait for the next turns
    await enricher.ready();
    expect(filled()).toBe(addresses.length);
    expect(rows.get('row-1')).toMatchObject({ remoteAsn: 13335 });
    // One new row per turn: at least four refreshes after the first pass (plus the one of
    // every row that follows a load).
    expect(refreshed.length).toBeGreaterThanOrEqual(addresses.length - 1);
    expect(refreshed.at(-1)).toEqual(['row-4']);
    enricher.dispose?.();
  });
});

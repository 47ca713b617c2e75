// Country, ASN and AS organisation columns from the offline IP database. The database loads in
// the background on the first PUBLIC remote address (loopback, private and other special ranges
// are answered here and never touch it, so a quiet machine or the CLI never pays for it); rows
// enriched before it is ready get nulls, then every row is refreshed once it is. After that each
// address costs one lookup (~10 µs), then a cache hit.
// Uncached lookups share a time budget per turn of the event loop: thousands of new public
// addresses at once (or the refresh of a whole table after the load) would otherwise hold the
// main thread for 100 ms and more. Rows over budget are looked up in the next turns and sent as
// updates; ready() waits for those too, so the CLI prints complete rows.
import { performance } from 'node:perf_hooks';
import type { Connection } from '../../../shared/model';
import { isPublicAddress } from '../../../shared/whois/special-address';
import type { EnrichmentHost, Enricher } from '../context';
import { createIpDatabase, type IpDatabase, type IpInfo } from './ip-database';

const MAX_CACHE = 50_000;
const NONE: IpInfo = { country: null, asn: null, asOrg: null };
/** Half of a 60 Hz frame: with the poll's own work, a turn stays under the ~16 ms target. */
const DEFAULT_LOOKUP_BUDGET_MS = 8;

export interface GeoEnricher extends Enricher {
  /**
   * Resolves when the database is loaded and every row has its columns (the CLI waits for it
   * before printing). Starts the load when nothing has yet.
   */
  ready(): Promise<void>;
}

export interface GeoEnricherOptions {
  database?: IpDatabase;
  /** Main-thread time for uncached lookups per event-loop turn (the rest waits a turn). */
  lookupBudgetMs?: number;
}

export function createGeoEnricher(options: GeoEnricherOptions = {}): GeoEnricher {
  const database = options.database ?? createIpDatabase();
  const budgetMs = options.lookupBudgetMs ?? DEFAULT_LOOKUP_BUDGET_MS;
  const cache = new Map<string, IpInfo>();
  let host: EnrichmentHost | null = null;
  let failed = false;
  let loading: Promise<void> | null = null;

  // The budget: the first uncached lookup of a turn opens a slice that ends at setImmediate.
  let sliceStarted = -1;
  const deferredIds = new Set<string>();
  let flushScheduled = false;
  const drainWaiters: (() => void)[] = [];

  const withinBudget = () => {
    const now = performance.now();
    if (sliceStarted < 0) {
      sliceStarted = now;
      setImmediate(() => (sliceStarted = -1));
      return true;
    }
    return now - sliceStarted < budgetMs;
  };

  const settleWaiters = () => {
    if (deferredIds.size > 0 || flushScheduled) return;
    for (const resolve of drainWaiters.splice(0)) resolve();
  };

  // Queued after the slice's reset, so the refresh starts a fresh slice; I/O (IPC) runs between.
  const flush = () => {
    flushScheduled = false;
    const ids = [...deferredIds];
    deferredIds.clear();
    host?.refresh(ids); // may defer some again
    settleWaiters();
  };

  const defer = (id: string) => {
    deferredIds.add(id);
    if (flushScheduled) return;
    flushScheduled = true;
    setImmediate(flush);
  };

  const drained = () =>
    deferredIds.size === 0 && !flushScheduled
      ? Promise.resolve()
      : new Promise<void>((resolve) => drainWaiters.push(resolve));

  const load = () => {
    loading ??= database.load().then(
      () => host?.refresh(),
      (error: unknown) => {
        failed = true;
        console.error(
          `Portscope: the offline IP database could not be loaded (${(error as Error).message}); ` +
            'Country and Network Owner stay empty.',
        );
      },
    );
    return loading;
  };

  const remember = (address: string, info: IpInfo) => {
    if (cache.size >= MAX_CACHE) cache.clear(); // simple bound; refills from the database quickly
    cache.set(address, info);
    return info;
  };

  /** The columns for a row's address, or null while loading or over this turn's budget. */
  const infoOf = (row: Connection, address: string): IpInfo | null => {
    const cached = cache.get(address);
    if (cached) return cached;
    if (database.ready) {
      if (!withinBudget()) {
        defer(row.id);
        return null;
      }
      // lookup() answers special ranges itself (one address parse, not two).
      return remember(address, database.lookup(address) ?? NONE);
    }
    if (!isPublicAddress(address)) return remember(address, NONE);
    void load();
    return null;
  };

  return {
    name: 'geo',
    ready: () => load().then(drained),
    enrich(row: Connection) {
      const info = row.remoteAddress === null || failed ? null : infoOf(row, row.remoteAddress);
      if (info === null) {
        row.remoteCountry = row.remoteAsn = row.remoteAsOrg = null;
        return;
      }
      row.remoteCountry = info.country;
      row.remoteAsn = info.asn;
      row.remoteAsOrg = info.asOrg;
    },
    attach(enrichmentHost) {
      host = enrichmentHost;
    },
    dispose() {
      host = null;
      cache.clear();
      deferredIds.clear();
      for (const resolve of drainWaiters.splice(0)) resolve();
    },
  };
}

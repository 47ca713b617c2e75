// Country, ASN and AS organisation columns from the offline IP database. The database loads in
// the background on first use (rows enriched before that get nulls, then every row is refreshed
// once it is ready); after that each address costs one lookup, then a cache hit.
import type { Connection } from '../../../shared/model';
import type { EnrichmentHost, Enricher } from '../context';
import { createIpDatabase, type IpDatabase, type IpInfo } from './ip-database';

const MAX_CACHE = 50_000;
const NONE: IpInfo = { country: null, asn: null, asOrg: null };

export interface GeoEnricher extends Enricher {
  /** Resolves when the database is loaded (the CLI waits for it before printing). */
  ready(): Promise<void>;
}

export function createGeoEnricher(options: { database?: IpDatabase } = {}): GeoEnricher {
  const database = options.database ?? createIpDatabase();
  const cache = new Map<string, IpInfo>();
  let host: EnrichmentHost | null = null;
  let failed = false;
  let loading: Promise<void> | null = null;

  const load = () => {
    loading ??= database.load().then(
      () => host?.refresh(),
      (error: unknown) => {
        failed = true;
        console.error(
          `Portscope: the offline IP database could not be loaded (${(error as Error).message}); ` +
            'Country and Network Owner stay empty. Reinstalling Portscope restores it.',
        );
      },
    );
    return loading;
  };

  const infoOf = (address: string): IpInfo => {
    const cached = cache.get(address);
    if (cached) return cached;
    const info = database.lookup(address) ?? NONE; // null for private and special ranges
    if (cache.size >= MAX_CACHE) cache.clear(); // simple bound; refills from the database quickly
    cache.set(address, info);
    return info;
  };

  return {
    name: 'geo',
    ready: load,
    enrich(row: Connection) {
      if (row.remoteAddress === null || failed) {
        row.remoteCountry = row.remoteAsn = row.remoteAsOrg = null;
        return;
      }
      if (!database.ready) {
        void load();
        row.remoteCountry = row.remoteAsn = row.remoteAsOrg = null;
        return;
      }
      const info = infoOf(row.remoteAddress);
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
    },
  };
}

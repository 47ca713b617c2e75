// Country, ASN and AS organisation columns from the offline IP database. The database loads in
// the background on the first PUBLIC remote address (loopback, private and other special ranges
// are answered here and never touch it, so a quiet machine or the CLI never pays for it); rows
// enriched before it is ready get nulls, then every row is refreshed once it is. After that each
// address costs one lookup, then a cache hit.
import type { Connection } from '../../../shared/model';
import { isPublicAddress } from '../../../shared/whois/special-address';
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

  /** The columns for an address, or null while the database is still loading. */
  const infoOf = (address: string): IpInfo | null => {
    const cached = cache.get(address);
    if (cached) return cached;
    if (!isPublicAddress(address)) return remember(address, NONE);
    if (!database.ready) {
      void load();
      return null;
    }
    return remember(address, database.lookup(address) ?? NONE);
  };

  return {
    name: 'geo',
    ready: load,
    enrich(row: Connection) {
      const info = row.remoteAddress === null || failed ? null : infoOf(row.remoteAddress);
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
    },
  };
}

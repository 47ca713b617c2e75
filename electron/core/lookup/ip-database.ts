// Offline country / ASN / AS organisation for public addresses, from the ip-location-db npm
// packages (no account, no download at run time, no network):
//   country  @ip-location-db/geo-whois-asn-country-mmdb (MMDB, read with mmdb-lib: it walks the
//            file's search tree in place, so opening it is only a readFile)
//   ASN      @ip-location-db/asn, whose CSVs scripts/build-ip-index.mjs converts at build time
//            into out/geo/asn.bin (read by ip-database-format.ts: typed-array views, no parsing)
// Licences and attribution: resources/licenses/ip-databases.txt.
// Nothing is read until the first load(): the geo enricher calls it only for a public address.
import { fileExists } from '../file-exists';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Reader, type Response } from 'mmdb-lib';
import ipaddr from 'ipaddr.js';
import { parseAddress } from '../../../shared/whois/special-address';
import { openAsnIndex, type AsnIndex, type AsnMatch } from './ip-database-format';

export interface IpInfo {
  country: string | null;
  asn: number | null;
  asOrg: string | null;
}

export interface IpDatabasePaths {
  countryMmdb: string;
  /** The index built by scripts/build-ip-index.mjs (`npm run build`). */
  asnIndex: string;
}

/** Where the build puts the index, relative to the project (or app.asar) root. */
const INDEX_FROM_ROOT = path.join('out', 'geo', 'asn.bin');

/**
 * The index next to the running code: from this module's folder upwards, the first
 * `<dir>/out/geo/asn.bin`. That finds it from the sources (electron/core/lookup, under vitest),
 * from the bundle (out/main/chunks or out/bench) and inside a packaged app.asar (same layout;
 * Electron's fs reads into the archive).
 */
function findAsnIndex(): string {
  const tried: string[] = [];
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, INDEX_FROM_ROOT);
    tried.push(candidate);
    // existsSync: Electron's asar support covers it for certain; a handful of stat calls.
    if (fileExists(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error(
    `the ASN index ${INDEX_FROM_ROOT} is missing (looked for ${tried[0]} and above); ` +
      'run `npm run build` (or `node scripts/build-ip-index.mjs`) to create it',
  );
}

function defaultIpDatabasePaths(): IpDatabasePaths {
  const require = createRequire(import.meta.url);
  return {
    countryMmdb:
      require.resolve('@ip-location-db/geo-whois-asn-country-mmdb/geo-whois-asn-country.mmdb'),
    asnIndex: findAsnIndex(),
  };
}

export interface IpDatabase {
  /** null until load() finished (or when it failed). */
  lookup(address: string): IpInfo | null;
  load(): Promise<void>;
  readonly ready: boolean;
}

const NONE: IpInfo = Object.freeze({ country: null, asn: null, asOrg: null });

/** "8.8.8.8" → 134744072 (the text is already a validated dotted quad). */
function ipv4Number(address: string): number {
  const [a, b, c, d] = address.split('.').map(Number) as [number, number, number, number];
  return ((a << 24) >>> 0) + (b << 16) + (c << 8) + d;
}

/** "2001:4860::8888" → four 32-bit words, most significant first. */
function ipv6Words(address: string): number[] {
  const parts = ipaddr.IPv6.parse(address).parts; // eight 16-bit groups
  const words: number[] = [];
  for (let i = 0; i < 8; i += 2) words.push(((parts[i]! << 16) >>> 0) + parts[i + 1]!);
  return words;
}

export function createIpDatabase(paths: Partial<IpDatabasePaths> = {}): IpDatabase {
  // This database's records are {country_code: "US"}, not MaxMind's shape the types describe.
  let country: Reader<Response> | null = null;
  let asnIndex: AsnIndex | null = null;
  let loading: Promise<void> | null = null;

  async function loadAll(): Promise<void> {
    const resolved =
      paths.countryMmdb && paths.asnIndex
        ? { countryMmdb: paths.countryMmdb, asnIndex: paths.asnIndex }
        : { ...defaultIpDatabasePaths(), ...paths };
    // Async reads (the thread pool does the I/O); what is left on this thread is a few views.
    const [mmdb, index] = await Promise.all([
      readFile(resolved.countryMmdb),
      readFile(resolved.asnIndex).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
        throw new Error(
          `the ASN index ${resolved.asnIndex} is missing; run \`npm run build\` to create it`,
        );
      }),
    ]);
    let opened: AsnIndex;
    try {
      opened = openAsnIndex(index);
    } catch (error) {
      throw new Error(
        `the ASN index ${resolved.asnIndex} is unreadable (${(error as Error).message}); ` +
          'run `npm run build` to rebuild it',
      );
    }
    country = new Reader(mmdb);
    asnIndex = opened;
  }

  return {
    get ready() {
      return country !== null && asnIndex !== null;
    },
    load() {
      loading ??= loadAll();
      return loading;
    },
    lookup(address) {
      if (!country || !asnIndex) return null;
      // Private and special ranges have no public owner (and the data has stray entries there).
      const checked = parseAddress(address);
      if (!checked || checked.special !== null) return NONE;
      const as: AsnMatch | null =
        checked.family === 4
          ? asnIndex.lookup4(ipv4Number(checked.address))
          : asnIndex.lookup6(ipv6Words(checked.address));
      const record = country.get(checked.address) as { country_code?: unknown } | null;
      const code = record?.country_code;
      return {
        country: typeof code === 'string' && /^[A-Z]{2}$/.test(code) ? code : null,
        asn: as?.asn ?? null,
        asOrg: as?.asOrg ?? null,
      };
    },
  };
}

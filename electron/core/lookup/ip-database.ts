// Offline country / ASN / AS organisation for public addresses, from the ip-location-db npm
// packages (no account, no download at run time, no network):
//   country  @ip-location-db/geo-whois-asn-country-mmdb (MMDB, read with mmdb-lib)
//   ASN      @ip-location-db/asn (CSV of inclusive numeric ranges: start,end,asn,org)
// Licences and attribution: resources/licenses/ip-databases.txt.
// Loaded once, lazily and asynchronously (the CSVs are ~30 MB); lookups are a binary search
// over typed arrays plus an MMDB tree walk.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { Reader, type Response } from 'mmdb-lib';
import ipaddr from 'ipaddr.js';
import { parseAddress } from '../../../shared/whois/special-address';

export interface IpInfo {
  country: string | null;
  asn: number | null;
  asOrg: string | null;
}

export interface IpDatabasePaths {
  countryMmdb: string;
  asnIpv4Csv: string;
  asnIpv6Csv: string;
}

export function defaultIpDatabasePaths(): IpDatabasePaths {
  const require = createRequire(import.meta.url);
  return {
    countryMmdb:
      require.resolve('@ip-location-db/geo-whois-asn-country-mmdb/geo-whois-asn-country.mmdb'),
    asnIpv4Csv: require.resolve('@ip-location-db/asn/asn-ipv4-num.csv'),
    asnIpv6Csv: require.resolve('@ip-location-db/asn/asn-ipv6-num.csv'),
  };
}

/** Ranges sorted by start; `hi`/`lo` hold 128-bit starts and ends for IPv6 as two 64-bit halves. */
interface AsnTable4 {
  starts: Uint32Array;
  ends: Uint32Array;
  asns: Uint32Array;
  orgs: Uint32Array;
}
interface AsnTable6 {
  startHi: BigUint64Array;
  startLo: BigUint64Array;
  endHi: BigUint64Array;
  endLo: BigUint64Array;
  asns: Uint32Array;
  orgs: Uint32Array;
}

const MASK64 = (1n << 64n) - 1n;
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** One CSV record "start,end,asn,org" where org may be quoted with "" escapes. */
function splitAsnLine(line: string): [string, string, string, string] | null {
  const a = line.indexOf(',');
  const b = line.indexOf(',', a + 1);
  const c = line.indexOf(',', b + 1);
  if (a < 0 || b < 0 || c < 0) return null;
  let org = line.slice(c + 1);
  if (org.startsWith('"'))
    org = org.slice(1, org.endsWith('"') ? -1 : undefined).replace(/""/g, '"');
  return [line.slice(0, a), line.slice(a + 1, b), line.slice(b + 1, c), org];
}

async function parseAsnCsv(
  text: string,
  onRow: (start: string, end: string, asn: number, org: number) => void,
  orgIndex: (org: string) => number,
): Promise<void> {
  let position = 0;
  let lines = 0;
  while (position < text.length) {
    let next = text.indexOf('\n', position);
    if (next < 0) next = text.length;
    const line = text.slice(position, next).replace(/\r$/, '');
    position = next + 1;
    const fields = line ? splitAsnLine(line) : null;
    if (fields) {
      const asn = Number(fields[2]);
      if (Number.isInteger(asn)) onRow(fields[0], fields[1], asn, orgIndex(fields[3]));
    }
    // ~400,000 lines: let IPC and timers run between slices instead of freezing for a second.
    if (++lines % 50_000 === 0) await yieldToEventLoop();
  }
}

export interface IpDatabase {
  /** null until load() finished (or when it failed). */
  lookup(address: string): IpInfo | null;
  load(): Promise<void>;
  readonly ready: boolean;
}

export function createIpDatabase(paths: IpDatabasePaths = defaultIpDatabasePaths()): IpDatabase {
  // This database's records are {country_code: "US"}, not MaxMind's shape the types describe.
  let country: Reader<Response> | null = null;
  let v4: AsnTable4 | null = null;
  let v6: AsnTable6 | null = null;
  const orgNames: string[] = [];
  let loading: Promise<void> | null = null;

  const orgIndex = (() => {
    const index = new Map<string, number>();
    return (org: string) => {
      let i = index.get(org);
      if (i === undefined) {
        i = orgNames.length;
        orgNames.push(org);
        index.set(org, i);
      }
      return i;
    };
  })();

  async function loadAll(): Promise<void> {
    const [mmdb, csv4, csv6] = await Promise.all([
      readFile(paths.countryMmdb),
      readFile(paths.asnIpv4Csv, 'utf8'),
      readFile(paths.asnIpv6Csv, 'utf8'),
    ]);
    country = new Reader(mmdb);

    const rows4: number[] = [];
    await parseAsnCsv(
      csv4,
      (s, e, asn, org) => rows4.push(Number(s), Number(e), asn, org),
      orgIndex,
    );
    const n4 = rows4.length / 4;
    const t4: AsnTable4 = {
      starts: new Uint32Array(n4),
      ends: new Uint32Array(n4),
      asns: new Uint32Array(n4),
      orgs: new Uint32Array(n4),
    };
    const order4 = [...Array(n4).keys()].sort((x, y) => rows4[x * 4]! - rows4[y * 4]!);
    order4.forEach((from, to) => {
      t4.starts[to] = rows4[from * 4]!;
      t4.ends[to] = rows4[from * 4 + 1]!;
      t4.asns[to] = rows4[from * 4 + 2]!;
      t4.orgs[to] = rows4[from * 4 + 3]!;
    });
    v4 = t4;

    const rows6: { start: bigint; end: bigint; asn: number; org: number }[] = [];
    await parseAsnCsv(
      csv6,
      (s, e, asn, org) => rows6.push({ start: BigInt(s), end: BigInt(e), asn, org }),
      orgIndex,
    );
    rows6.sort((x, y) => (x.start < y.start ? -1 : x.start > y.start ? 1 : 0));
    const n6 = rows6.length;
    const t6: AsnTable6 = {
      startHi: new BigUint64Array(n6),
      startLo: new BigUint64Array(n6),
      endHi: new BigUint64Array(n6),
      endLo: new BigUint64Array(n6),
      asns: new Uint32Array(n6),
      orgs: new Uint32Array(n6),
    };
    rows6.forEach((row, i) => {
      t6.startHi[i] = row.start >> 64n;
      t6.startLo[i] = row.start & MASK64;
      t6.endHi[i] = row.end >> 64n;
      t6.endLo[i] = row.end & MASK64;
      t6.asns[i] = row.asn;
      t6.orgs[i] = row.org;
    });
    v6 = t6;
  }

  function asnOf(parsed: ipaddr.IPv4 | ipaddr.IPv6): { asn: number; asOrg: string } | null {
    if (parsed.kind() === 'ipv4') {
      if (!v4) return null;
      const value = parsed.toByteArray().reduce((acc, byte) => acc * 256 + byte, 0);
      let low = 0;
      let high = v4.starts.length - 1;
      let found = -1;
      while (low <= high) {
        const mid = (low + high) >>> 1;
        if (v4.starts[mid]! <= value) {
          found = mid;
          low = mid + 1;
        } else high = mid - 1;
      }
      if (found < 0 || v4.ends[found]! < value) return null;
      return { asn: v4.asns[found]!, asOrg: orgNames[v4.orgs[found]!]! };
    }
    if (!v6) return null;
    const bytes = parsed.toByteArray();
    let hi = 0n;
    let lo = 0n;
    for (let i = 0; i < 8; i += 1) hi = (hi << 8n) | BigInt(bytes[i]!);
    for (let i = 8; i < 16; i += 1) lo = (lo << 8n) | BigInt(bytes[i]!);
    const lessOrEqual = (aHi: bigint, aLo: bigint, bHi: bigint, bLo: bigint) =>
      aHi < bHi || (aHi === bHi && aLo <= bLo);
    let low = 0;
    let high = v6.startHi.length - 1;
    let found = -1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      if (lessOrEqual(v6.startHi[mid]!, v6.startLo[mid]!, hi, lo)) {
        found = mid;
        low = mid + 1;
      } else high = mid - 1;
    }
    if (found < 0 || !lessOrEqual(hi, lo, v6.endHi[found]!, v6.endLo[found]!)) return null;
    return { asn: v6.asns[found]!, asOrg: orgNames[v6.orgs[found]!]! };
  }

  return {
    get ready() {
      return country !== null && v4 !== null && v6 !== null;
    },
    load() {
      loading ??= loadAll();
      return loading;
    },
    lookup(address) {
      if (!country || !v4 || !v6) return null;
      // Private and special ranges have no public owner (and the data has stray entries there).
      const checked = parseAddress(address);
      if (!checked || checked.special !== null) return { country: null, asn: null, asOrg: null };
      const parsed = ipaddr.parse(checked.address);
      const record = country.get(parsed.toString()) as { country_code?: unknown } | null;
      const code = record?.country_code;
      const as = asnOf(parsed);
      return {
        country: typeof code === 'string' && /^[A-Z]{2}$/.test(code) ? code : null,
        asn: as?.asn ?? null,
        asOrg: as?.asOrg ?? null,
      };
    },
  };
}

// The binary ASN index: the build script's CSV reader and encoder (plain JS, scripts/) against
// the app's reader (electron/core/lookup/ip-database-format.ts), on real lines of the
// @ip-location-db/asn CSVs; and the database's behaviour when the index is missing or corrupt.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  encodeAsnIndex,
  normalizeRanges,
  parseAsnCsv,
  parseAsnLine,
  type AsnRange,
} from '../../scripts/build-ip-index.mjs';
import { createGeoEnricher } from '../../electron/core/lookup/geo-enricher';
import { openAsnIndex, AsnIndexFormatError } from '../../electron/core/lookup/ip-database-format';
import { createIpDatabase } from '../../electron/core/lookup/ip-database';
import type { Connection } from '../../shared/model';

// Verbatim lines of asn-ipv4-num.csv / asn-ipv6-num.csv (2.3.2026061719), including the quoted
// organisation forms and the one overlapping pair (AS749 / AS721).
const CSV4 = [
  '16777216,16777471,13335,"Cloudflare, Inc."',
  '35309568,35313663,201907,"LLC ""SPUTNIK"""',
  '134744064,134744319,15169,Google LLC',
  '3596550144,3607166975,749,United States Department of Defense (DoD)',
  '3607101440,3607167999,721,DoD Network Information Center',
  '4294967040,4294967295,4294967294,Top Of Range Test',
  'not,a,valid,line',
  '',
].join('\n');
const CSV6 = [
  '42540488161975842760550356425300246528,42540488241204005274814694018844196863,6939,Hurricane Electric LLC',
  '42540528726795050063891204319802818560,42540528727329395276160870415022948351,2500,WIDE Project',
  '42541956123769884636017138956568135680,42541956202998047150281476550112085791,15169,Google LLC',
].join('\n');

const ip4 = (text: string) =>
  text.split('.').reduce((value, byte) => value * 256 + Number(byte), 0);
/** BigInt → four 32-bit words, most significant first (what the reader takes). */
const words = (value: bigint) =>
  [96n, 64n, 32n, 0n].map((shift) => Number((value >> shift) & 0xffffffffn));

describe('CSV lines', () => {
  it('reads numeric ranges and RFC 4180 quoted organisations', () => {
    expect(parseAsnLine('16777216,16777471,13335,"Cloudflare, Inc."')).toEqual({
      start: 16777216n,
      end: 16777471n,
      asn: 13335,
      org: 'Cloudflare, Inc.',
    });
    expect(parseAsnLine('35309568,35313663,201907,"LLC ""SPUTNIK"""')?.org).toBe('LLC "SPUTNIK"');
    expect(parseAsnLine('1,2,3,Plain Org\r')?.org).toBe('Plain Org');
  });

  it('skips malformed lines and counts them', () => {
    expect(parseAsnLine('not,a,valid,line')).toBeNull();
    expect(parseAsnLine('5,4,1,end before start')).toBeNull();
    expect(parseAsnLine('1,2,3')).toBeNull();
    const { ranges, skipped } = parseAsnCsv(CSV4);
    expect(ranges).toHaveLength(6);
    expect(skipped).toBe(1);
  });
});

describe('overlapping ranges', () => {
  const range = (start: number, end: number, asn: number): AsnRange => ({
    start: BigInt(start),
    end: BigInt(end),
    asn,
    org: `AS${asn}`,
  });
  const spans = (ranges: AsnRange[]) => ranges.map((r) => [Number(r.start), Number(r.end), r.asn]);

  it('clips a partial overlap so the later start wins', () => {
    const { ranges, overlaps } = normalizeRanges([range(0, 10, 1), range(5, 20, 2)]);
    expect(overlaps).toBe(1);
    expect(spans(ranges)).toEqual([
      [0, 4, 1],
      [5, 20, 2],
    ]);
  });

  it('keeps the remainder of an outer range around nested ones', () => {
    const { ranges } = normalizeRanges([
      range(0, 100, 1),
      range(10, 20, 2),
      range(15, 16, 3),
      range(50, 60, 4),
    ]);
    expect(spans(ranges)).toEqual([
      [0, 9, 1],
      [10, 14, 2],
      [15, 16, 3],
      [17, 20, 2],
      [21, 49, 1],
      [50, 60, 4],
      [61, 100, 1],
    ]);
  });

  it('lets the narrower of two ranges with the same start win, and sorts unsorted input', () => {
    const { ranges } = normalizeRanges([range(30, 40, 9), range(0, 10, 1), range(0, 3, 2)]);
    expect(spans(ranges)).toEqual([
      [0, 3, 2],
      [4, 10, 1],
      [30, 40, 9],
    ]);
  });
});

describe('binary index round trip', () => {
  const v4 = normalizeRanges(parseAsnCsv(CSV4).ranges).ranges;
  const v6 = normalizeRanges(parseAsnCsv(CSV6).ranges).ranges;
  const bytes = encodeAsnIndex({ v4, v6 });
  const index = openAsnIndex(bytes);

  it('answers every range at its start, its end and inside, and nothing in the gaps', () => {
    expect(index.ipv4Ranges).toBe(6);
    expect(index.ipv6Ranges).toBe(3);
    for (const range of v4) {
      for (const at of [range.start, range.end, (range.start + range.end) / 2n]) {
        expect(index.lookup4(Number(at))).toEqual({ asn: range.asn, asOrg: range.org });
      }
    }
    for (const range of v6) {
      for (const at of [range.start, range.end, (range.start + range.end) / 2n]) {
        expect(index.lookup6(words(at))).toEqual({ asn: range.asn, asOrg: range.org });
      }
    }
    expect(index.lookup4(0)).toBeNull();
    expect(index.lookup4(16777472)).toBeNull(); // one past Cloudflare's range
    expect(index.lookup4(ip4('8.8.8.8'))).toEqual({ asn: 15169, asOrg: 'Google LLC' });
    expect(index.lookup4(ip4('255.255.255.255'))?.asn).toBe(4294967294);
    expect(index.lookup6(words(0n))).toBeNull();
    expect(index.lookup6(words((1n << 128n) - 1n))).toBeNull();
    // 2001:4860:4860::8888 inside Google's 2001:4860::/32
    expect(index.lookup6([0x20014860, 0x48600000, 0, 0x8888])?.asn).toBe(15169);
  });

  it('resolves the real overlap: AS749 up to where AS721 starts, AS721 from there', () => {
    expect(index.lookup4(3607101439)?.asn).toBe(749);
    expect(index.lookup4(3607101440)?.asn).toBe(721);
    expect(index.lookup4(3607166975)?.asn).toBe(721);
  });

  it('stores each organisation name once', () => {
    const twice = encodeAsnIndex({ v4: [...v4.slice(0, 1)], v6: [{ ...v6[0]!, org: v4[0]!.org }] });
    const once = encodeAsnIndex({ v4: [...v4.slice(0, 1)], v6: [] });
    // The IPv6 row adds 10 words of ranges and no new name bytes.
    expect(twice.length - once.length).toBe(10 * 4);
  });

  it('works from an unaligned copy of the bytes', () => {
    const shifted = new Uint8Array(bytes.length + 1).subarray(1);
    shifted.set(bytes);
    expect(openAsnIndex(shifted).lookup4(ip4('8.8.8.8'))?.asn).toBe(15169);
  });

  it('rejects other files, other versions and truncated ones', () => {
    expect(() => openAsnIndex(new Uint8Array(4))).toThrow(AsnIndexFormatError);
    expect(() => openAsnIndex(new TextEncoder().encode(CSV4))).toThrow(/not a Portscope ASN index/);
    const version2 = Uint8Array.from(bytes);
    version2[4] = 2;
    expect(() => openAsnIndex(version2)).toThrow(/version 2/);
    expect(() => openAsnIndex(bytes.subarray(0, bytes.length - 1))).toThrow(/truncated/);
  });
});

describe('database files', () => {
  let dir: string;
  const countryMmdb = createRequire(import.meta.url).resolve(
    '@ip-location-db/geo-whois-asn-country-mmdb/geo-whois-asn-country.mmdb',
  );
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'portscope-geo-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads a built index file and the country MMDB', async () => {
    const asnIndex = path.join(dir, 'small.bin');
    const v4 = normalizeRanges(parseAsnCsv(CSV4).ranges).ranges;
    await writeFile(asnIndex, encodeAsnIndex({ v4, v6: [] }));
    const db = createIpDatabase({ countryMmdb, asnIndex });
    expect(db.lookup('8.8.8.8')).toBeNull(); // not loaded yet
    await db.load();
    expect(db.lookup('8.8.8.8')).toEqual({ country: 'US', asn: 15169, asOrg: 'Google LLC' });
    expect(db.lookup('::ffff:8.8.8.8')?.asn).toBe(15169); // IPv4-mapped, as the kernel shows it
    expect(db.lookup('10.1.2.3')).toEqual({ country: null, asn: null, asOrg: null });
    expect((await readFile(asnIndex)).readUInt32LE(0)).toBe(0x49415350);
  });

  it('says to run the build when the index is missing or corrupt', async () => {
    const missing = createIpDatabase({ countryMmdb, asnIndex: path.join(dir, 'none.bin') });
    await expect(missing.load()).rejects.toThrow(/missing; run `npm run build`/);
    const corruptFile = path.join(dir, 'corrupt.bin');
    await writeFile(corruptFile, 'garbage that is longer than a header......');
    const corrupt = createIpDatabase({ countryMmdb, asnIndex: corruptFile });
    await expect(corrupt.load()).rejects.toThrow(/unreadable .*npm run build/);
    expect(missing.ready || corrupt.ready).toBe(false);
  });
});

describe('geo enricher loading', () => {
  const row = (remoteAddress: string | null) =>
    ({ remoteAddress, remoteCountry: 'XX', remoteAsn: 1, remoteAsOrg: 'x' }) as Connection;

  it('never loads the database for rows without a public remote address', () => {
    const database = createIpDatabase({ countryMmdb: '/nonexistent', asnIndex: '/nonexistent' });
    let loads = 0;
    const load = database.load.bind(database);
    database.load = () => {
      loads += 1;
      return load();
    };
    const enricher = createGeoEnricher({ database });
    for (const address of [
      null,
      '127.0.0.1',
      '::1',
      '10.0.0.7',
      '192.168.1.20',
      'fe80::1',
      '0.0.0.0',
    ]) {
      const r = row(address);
      enricher.enrich(r);
      expect(r).toMatchObject({ remoteCountry: null, remoteAsn: null, remoteAsOrg: null });
    }
    expect(loads).toBe(0);
    enricher.enrich(row('8.8.8.8'));
    expect(loads).toBe(1);
    return enricher.ready(); // the failed load is reported, not thrown
  });
});

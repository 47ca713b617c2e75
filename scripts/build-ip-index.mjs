// Build step (`npm run build`): converts the @ip-location-db/asn CSVs into one compact binary
// index, out/geo/asn.bin, that the app opens with a single readFile and typed-array views
// (electron/core/lookup/ip-database-format.ts reads it). Parsing the 33 MB of CSV and sorting it
// at run time cost 650–880 ms of main-thread time with blocks over 150 ms; here it costs nothing
// at run time.
//
// Plain JavaScript on purpose: it runs under bare Node before anything is compiled.
//
// Input: https://github.com/sapics/ip-location-db/tree/main/asn (package README, "CSV Format"):
//   asn-ipv4-num.csv / asn-ipv6-num.csv, no header, one inclusive range per line:
//   ip_range_start,ip_range_end,autonomous_system_number,autonomous_system_organization
//   with the addresses as unsigned decimal integers (IPv6 ones need 128 bits) and the
//   organisation quoted RFC 4180 style when it holds a comma or a quote ("LLC ""SPUTNIK""").
// Checked on 2.3.2026061719: both files are sorted by start; IPv4 has one partial overlap
// (AS749 DoD 214.0.0.0–214.255.251.255 and AS721 from 214.255.0.0), IPv6 none. Overlaps are
// resolved below so the index holds disjoint ranges (the later-starting, more specific one wins).
//
// Output format, version 1, every integer a little-endian uint32, every section 4-byte aligned
// so the reader can lay Uint32Array views straight over the file:
//   header  u32[8]  magic 'PSAI', version, byte-order mark 0x01020304, n4, n6, orgCount,
//                   orgBytesLength, 0
//   IPv4    start[n4], end[n4], asn[n4], org[n4]          (sorted, disjoint, inclusive)
//   IPv6    start[4·n6], end[4·n6] (four 32-bit words each, most significant first),
//           asn[n6], org[n6]
//   orgs    offset[orgCount + 1] into the UTF-8 bytes that follow (orgBytesLength of them);
//           names are deduplicated, org[i] is an index into this table.
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const INDEX_MAGIC = 0x49415350; // 'PSAI' read as little-endian bytes
export const INDEX_VERSION = 1;
export const BYTE_ORDER_MARK = 0x01020304;
export const HEADER_WORDS = 8;

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Where the app looks for the index (electron/core/lookup/ip-database.ts finds out/geo). */
export const DEFAULT_INDEX_FILE = path.join(projectRoot, 'out', 'geo', 'asn.bin');

/**
 * One CSV line into a range, or null for a blank or unreadable line.
 * @param {string} line
 * @returns {{ start: bigint, end: bigint, asn: number, org: string } | null}
 */
export function parseAsnLine(line) {
  const a = line.indexOf(',');
  const b = line.indexOf(',', a + 1);
  const c = line.indexOf(',', b + 1);
  if (a < 1 || b < 0 || c < 0) return null;
  const startText = line.slice(0, a);
  const endText = line.slice(a + 1, b);
  const asnText = line.slice(b + 1, c);
  if (!/^\d+$/.test(startText) || !/^\d+$/.test(endText) || !/^\d+$/.test(asnText)) return null;
  let org = line.slice(c + 1).replace(/\r$/, '');
  if (org.startsWith('"')) {
    org = org.slice(1, org.endsWith('"') && org.length > 1 ? -1 : undefined).replace(/""/g, '"');
  }
  const start = BigInt(startText);
  const end = BigInt(endText);
  const asn = Number(asnText);
  if (end < start || asn > 0xffffffff) return null;
  return { start, end, asn, org };
}

/**
 * Every range of a CSV text, and how many non-blank lines could not be read.
 * @param {string} text
 */
export function parseAsnCsv(text) {
  const ranges = [];
  let skipped = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const range = parseAsnLine(line);
    if (range) ranges.push(range);
    else skipped += 1;
  }
  return { ranges, skipped };
}

/**
 * Sorted, disjoint ranges. Where two overlap, the one that starts later (the more specific
 * allocation) wins; an outer range that continues past an inner one keeps its remainder.
 * @param {{ start: bigint, end: bigint, asn: number, org: string }[]} input
 */
export function normalizeRanges(input) {
  const byStart = (x, y) =>
    x.start < y.start ? -1 : x.start > y.start ? 1 : x.end > y.end ? -1 : x.end < y.end ? 1 : 0;
  let ranges = input.map((range) => ({ ...range })).sort(byStart);
  let overlaps = 0;
  // Each pass clips every overlap it sees; remainders are re-sorted and checked again.
  for (;;) {
    const out = [];
    const remainders = [];
    for (const range of ranges) {
      const previous = out[out.length - 1];
      if (previous && previous.end >= range.start) {
        overlaps += 1;
        if (previous.end > range.end) {
          remainders.push({ ...previous, start: range.end + 1n });
        }
        previous.end = range.start - 1n;
        if (previous.end < previous.start) out.pop();
      }
      out.push(range);
    }
    if (remainders.length === 0) return { ranges: out, overlaps };
    ranges = [...out, ...remainders].sort(byStart);
  }
}

/**
 * The binary index for already normalized (sorted, disjoint) ranges.
 * @param {{ v4: { start: bigint, end: bigint, asn: number, org: string }[],
 *           v6: { start: bigint, end: bigint, asn: number, org: string }[] }} tables
 * @returns {Buffer}
 */
export function encodeAsnIndex({ v4, v6 }) {
  const orgIndex = new Map();
  const orgNames = [];
  const orgOf = (name) => {
    let index = orgIndex.get(name);
    if (index === undefined) {
      index = orgNames.length;
      orgNames.push(name);
      orgIndex.set(name, index);
    }
    return index;
  };
  const n4 = v4.length;
  const n6 = v6.length;
  const v4Org = v4.map((range) => orgOf(range.org));
  const v6Org = v6.map((range) => orgOf(range.org));
  const orgBytes = orgNames.map((name) => Buffer.from(name, 'utf8'));
  const orgBytesLength = orgBytes.reduce((sum, bytes) => sum + bytes.length, 0);
  const words = HEADER_WORDS + 4 * n4 + 10 * n6 + orgNames.length + 1;
  const file = Buffer.alloc(words * 4 + orgBytesLength);
  let at = 0;
  const put = (value) => {
    file.writeUInt32LE(value, at);
    at += 4;
  };
  for (const value of [
    INDEX_MAGIC,
    INDEX_VERSION,
    BYTE_ORDER_MARK,
    n4,
    n6,
    orgNames.length,
    orgBytesLength,
    0,
  ]) {
    put(value);
  }
  const fits32 = (value) => {
    if (value < 0n || value > 0xffffffffn) throw new Error(`IPv4 value out of range: ${value}`);
    return Number(value);
  };
  for (const range of v4) put(fits32(range.start));
  for (const range of v4) put(fits32(range.end));
  for (const range of v4) put(range.asn);
  for (const org of v4Org) put(org);
  const putWords128 = (value) => {
    if (value < 0n || value >> 128n !== 0n) throw new Error(`IPv6 value out of range: ${value}`);
    for (let shift = 96n; shift >= 0n; shift -= 32n) put(Number((value >> shift) & 0xffffffffn));
  };
  for (const range of v6) putWords128(range.start);
  for (const range of v6) putWords128(range.end);
  for (const range of v6) put(range.asn);
  for (const org of v6Org) put(org);
  let offset = 0;
  put(0);
  for (const bytes of orgBytes) {
    offset += bytes.length;
    put(offset);
  }
  for (const bytes of orgBytes) {
    bytes.copy(file, at);
    at += bytes.length;
  }
  return file;
}

function defaultSources() {
  const require = createRequire(path.join(projectRoot, 'package.json'));
  return {
    ipv4Csv: require.resolve('@ip-location-db/asn/asn-ipv4-num.csv'),
    ipv6Csv: require.resolve('@ip-location-db/asn/asn-ipv6-num.csv'),
  };
}

async function isUpToDate(outFile, inputs) {
  try {
    const built = (await stat(outFile)).mtimeMs;
    const sources = await Promise.all(inputs.map((file) => stat(file)));
    return sources.every((source) => source.mtimeMs <= built);
  } catch {
    return false;
  }
}

/**
 * Reads the CSVs, writes the index atomically (temp file + rename, so a concurrent reader sees
 * the old file or the new one, never half of one). Skips the work when the index is newer than
 * the CSVs and this script, unless `force`.
 * @param {{ outFile?: string, ipv4Csv?: string, ipv6Csv?: string, force?: boolean }} [options]
 */
export async function buildIpIndex(options = {}) {
  const started = performance.now();
  const { ipv4Csv, ipv6Csv } = { ...defaultSources(), ...options };
  const outFile = options.outFile ?? DEFAULT_INDEX_FILE;
  const thisScript = fileURLToPath(import.meta.url);
  if (!options.force && (await isUpToDate(outFile, [ipv4Csv, ipv6Csv, thisScript]))) {
    return { outFile, skipped: true, ms: performance.now() - started };
  }
  const [text4, text6] = await Promise.all([readFile(ipv4Csv, 'utf8'), readFile(ipv6Csv, 'utf8')]);
  const parsed4 = parseAsnCsv(text4);
  const parsed6 = parseAsnCsv(text6);
  const v4 = normalizeRanges(parsed4.ranges);
  const v6 = normalizeRanges(parsed6.ranges);
  const file = encodeAsnIndex({ v4: v4.ranges, v6: v6.ranges });
  await mkdir(path.dirname(outFile), { recursive: true });
  const temporary = `${outFile}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temporary, file);
  await rename(temporary, outFile);
  return {
    outFile,
    skipped: false,
    ms: performance.now() - started,
    bytes: file.length,
    v4Ranges: v4.ranges.length,
    v6Ranges: v6.ranges.length,
    overlaps: v4.overlaps + v6.overlaps,
    skippedLines: parsed4.skipped + parsed6.skipped,
  };
}

// Run as a script: `node scripts/build-ip-index.mjs [--force] [--out FILE]`.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const args = process.argv.slice(2);
  const outAt = args.indexOf('--out');
  try {
    const result = await buildIpIndex({
      force: args.includes('--force'),
      ...(outAt >= 0 && args[outAt + 1] ? { outFile: path.resolve(args[outAt + 1]) } : {}),
    });
    const where = path.relative(process.cwd(), result.outFile);
    console.log(
      result.skipped
        ? `IP index ${where} is up to date`
        : `IP index ${where}: ${(result.bytes / 1e6).toFixed(1)} MB, ${result.v4Ranges} IPv4 + ` +
            `${result.v6Ranges} IPv6 ranges, ${result.overlaps} overlaps resolved, ` +
            `${result.skippedLines} unreadable lines skipped, ${result.ms.toFixed(0)} ms`,
    );
  } catch (error) {
    console.error(`build-ip-index: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

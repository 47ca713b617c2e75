// Reader of the binary ASN index that scripts/build-ip-index.mjs writes at build time
// (out/geo/asn.bin; the format is described there). Opening it is a handful of typed-array views
// over the file's bytes, no parsing; a lookup is a binary search over the range starts.
// Pure: no file access here, so the round trip is unit-tested on bytes.

const INDEX_MAGIC = 0x49415350; // 'PSAI'
const INDEX_VERSION = 1;
const BYTE_ORDER_MARK = 0x01020304;
const HEADER_WORDS = 8;

export interface AsnMatch {
  asn: number;
  asOrg: string;
}

export interface AsnIndex {
  readonly ipv4Ranges: number;
  readonly ipv6Ranges: number;
  /** An IPv4 address as an unsigned 32-bit number. */
  lookup4(address: number): AsnMatch | null;
  /** An IPv6 address as four 32-bit words, most significant first. */
  lookup6(words: ArrayLike<number>): AsnMatch | null;
}

export class AsnIndexFormatError extends Error {}

/** Views over `bytes` (kept, not copied, unless misaligned). Throws AsnIndexFormatError. */
export function openAsnIndex(bytes: Uint8Array): AsnIndex {
  // Uint32Array views need a 4-byte aligned start; readFile's buffers are, pooled slices may not be.
  const data = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
  if (data.byteLength < HEADER_WORDS * 4) throw new AsnIndexFormatError('file too short');
  const header = new Uint32Array(data.buffer, data.byteOffset, HEADER_WORDS);
  if (header[0] !== INDEX_MAGIC) throw new AsnIndexFormatError('not a Portscope ASN index');
  if (header[1] !== INDEX_VERSION) {
    throw new AsnIndexFormatError(`format version ${header[1]}, expected ${INDEX_VERSION}`);
  }
  // The file is little-endian; typed arrays use the machine's order (little on x64 and arm64).
  if (header[2] !== BYTE_ORDER_MARK) throw new AsnIndexFormatError('byte order differs');
  const [n4, n6, orgCount, orgBytesLength] = [header[3]!, header[4]!, header[5]!, header[6]!];
  const words = HEADER_WORDS + 4 * n4 + 10 * n6 + orgCount + 1;
  if (data.byteLength !== words * 4 + orgBytesLength) {
    throw new AsnIndexFormatError('length does not match its header (truncated?)');
  }

  let at = HEADER_WORDS;
  const take = (count: number) => {
    const view = new Uint32Array(data.buffer, data.byteOffset + at * 4, count);
    at += count;
    return view;
  };
  const v4Start = take(n4);
  const v4End = take(n4);
  const v4Asn = take(n4);
  const v4Org = take(n4);
  const v6Start = take(4 * n6);
  const v6End = take(4 * n6);
  const v6Asn = take(n6);
  const v6Org = take(n6);
  const orgOffsets = take(orgCount + 1);
  const orgBytes = data.subarray(at * 4);

  // Names are decoded on first use: most of the ~100,000 are never asked for.
  const decoder = new TextDecoder('utf-8');
  const orgNames: (string | undefined)[] = new Array<string | undefined>(orgCount);
  const orgName = (index: number): string =>
    (orgNames[index] ??= decoder.decode(
      orgBytes.subarray(orgOffsets[index]!, orgOffsets[index + 1]!),
    ));

  return {
    ipv4Ranges: n4,
    ipv6Ranges: n6,
    lookup4(address) {
      // Last range whose start <= address; the ranges are disjoint, so only it can hold it.
      let low = 0;
      let high = n4 - 1;
      let found = -1;
      while (low <= high) {
        const mid = (low + high) >>> 1;
        if (v4Start[mid]! <= address) {
          found = mid;
          low = mid + 1;
        } else high = mid - 1;
      }
      if (found < 0 || v4End[found]! < address) return null;
      return { asn: v4Asn[found]!, asOrg: orgName(v4Org[found]!) };
    },
    lookup6(address) {
      // -1, 0, 1 as the 128-bit value at words[base..base+3] compares with `address`.
      const compare = (words: Uint32Array, base: number) => {
        for (let i = 0; i < 4; i += 1) {
          const a = words[base + i]!;
          const b = address[i]!;
          if (a !== b) return a < b ? -1 : 1;
        }
        return 0;
      };
      let low = 0;
      let high = n6 - 1;
      let found = -1;
      while (low <= high) {
        const mid = (low + high) >>> 1;
        if (compare(v6Start, mid * 4) <= 0) {
          found = mid;
          low = mid + 1;
        } else high = mid - 1;
      }
      if (found < 0 || compare(v6End, found * 4) < 0) return null;
      return { asn: v6Asn[found]!, asOrg: orgName(v6Org[found]!) };
    },
  };
}

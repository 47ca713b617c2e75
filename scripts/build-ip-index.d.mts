// Types for scripts/build-ip-index.mjs (plain JavaScript so it runs under bare Node at build
// time); the unit tests import its encoder to check the binary format round trip.
export interface AsnRange {
  start: bigint;
  end: bigint;
  asn: number;
  org: string;
}

export interface BuildResult {
  outFile: string;
  skipped: boolean;
  ms: number;
  bytes?: number;
  v4Ranges?: number;
  v6Ranges?: number;
  overlaps?: number;
  skippedLines?: number;
}

export const INDEX_MAGIC: number;
export const INDEX_VERSION: number;
export const BYTE_ORDER_MARK: number;
export const HEADER_WORDS: number;
export const DEFAULT_INDEX_FILE: string;

export function parseAsnLine(line: string): AsnRange | null;
export function parseAsnCsv(text: string): { ranges: AsnRange[]; skipped: number };
export function normalizeRanges(input: AsnRange[]): { ranges: AsnRange[]; overlaps: number };
export function encodeAsnIndex(tables: { v4: AsnRange[]; v6: AsnRange[] }): Buffer;
export function buildIpIndex(options?: {
  outFile?: string;
  ipv4Csv?: string;
  ipv6Csv?: string;
  force?: boolean;
}): Promise<BuildResult>;

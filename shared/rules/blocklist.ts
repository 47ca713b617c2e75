// The user's blocklist: a text file of IP addresses and CIDR ranges, one per line, '#' starts a
// comment. Parsing and matching are pure (text in, matcher out) so the renderer's settings page
// and main use the same code; main reads the file and watches it (electron/core/rules).
//
//   # known C2 hosts
//   203.0.113.7
//   198.51.100.0/24      # a whole network
//   2001:db8::/32
import ipaddr from 'ipaddr.js';
import { memoizeBounded } from '../bounded-memo';

export interface BlocklistEntry {
  /** As written in the file (without the comment). */
  text: string;
  /** 1-based line number in the file. */
  line: number;
}

export interface BlocklistProblem {
  line: number;
  text: string;
  message: string;
}

export interface Blocklist {
  /** Number of addresses and ranges that parsed. */
  readonly size: number;
  /** Lines that were neither blank, a comment, an address nor a range. */
  readonly problems: BlocklistProblem[];
  /** The entry that covers this address, or null. IPv4-mapped IPv6 is matched as IPv4. */
  match(address: string): BlocklistEntry | null;
}

type Family = 4 | 6;

/**
 * Address bytes, IPv4-mapped IPv6 folded to IPv4 (the table shows them as IPv4 too). Memoized:
 * every row's remote address is matched on every enrichment, and peers repeat.
 */
const addressBytes = memoizeBounded(addressBytesUncached);

function addressBytesUncached(text: string): { family: Family; bytes: number[] } | null {
  const trimmed = text.trim();
  if (ipaddr.IPv4.isValidFourPartDecimal(trimmed)) {
    return { family: 4, bytes: ipaddr.IPv4.parse(trimmed).toByteArray() };
  }
  // A zone id (fe80::1%eth0) names an interface, not part of the address.
  const withoutZone = trimmed.split('%')[0] ?? '';
  if (ipaddr.IPv6.isValid(withoutZone)) {
    const v6 = ipaddr.IPv6.parse(withoutZone);
    if (v6.isIPv4MappedAddress()) return { family: 4, bytes: v6.toIPv4Address().toByteArray() };
    return { family: 6, bytes: v6.toByteArray() };
  }
  return null;
}

/** The first `bits` bits of the address as a map key. */
function prefixKey(bytes: number[], bits: number): string {
  const whole = Math.floor(bits / 8);
  const parts = bytes.slice(0, whole);
  const rest = bits % 8;
  if (rest > 0) parts.push((bytes[whole] ?? 0) & (0xff << (8 - rest)) & 0xff);
  return parts.join('.');
}

/**
 * The longest entry worth parsing: an IPv6 address written in full with an IPv4 tail and a prefix
 * ("ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255/128") is 49 characters; room is left for blanks.
 * Longer text cannot be an address, so it is reported without being parsed at all.
 */
const MAX_ENTRY_LENGTH = 100;
/** A problem quotes at most this much of its line (a 64 MB line is not shown whole). */
const MAX_PROBLEM_TEXT = 120;

function parseEntry(
  text: string,
): { family: Family; bytes: number[]; bits: number } | { error: string } {
  if (text.length > MAX_ENTRY_LENGTH) return { error: 'too long for an IP address or CIDR range' };
  const slash = text.indexOf('/');
  const addressText = slash === -1 ? text : text.slice(0, slash);
  const address = addressBytes(addressText);
  if (!address) return { error: 'not an IP address or CIDR range' };
  const maxBits = address.bytes.length * 8;
  if (slash === -1) return { ...address, bits: maxBits };
  const bitsText = text.slice(slash + 1).trim();
  if (!/^\d{1,3}$/.test(bitsText)) return { error: 'prefix length must be a number' };
  let bits = Number(bitsText);
  // "::ffff:10.0.0.0/104" is folded to IPv4 above, so its prefix shrinks by the 96 mapped bits.
  const declaredV6 = addressText.includes(':');
  if (declaredV6 && address.family === 4) bits -= 96;
  if (bits < 0 || bits > maxBits) {
    return { error: `prefix length must be 0–${declaredV6 ? 128 : 32}` };
  }
  return { ...address, bits };
}

/** Parse blocklist text. Never throws: bad lines are reported in `problems` and skipped. */
export function parseBlocklist(text: string): Blocklist {
  // family → prefix length → prefix key → entry
  const tables = new Map<Family, Map<number, Map<string, BlocklistEntry>>>();
  const problems: BlocklistProblem[] = [];
  let size = 0;
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const hash = raw.indexOf('#');
    const entryText = (hash === -1 ? raw : raw.slice(0, hash)).trim();
    if (entryText === '') return;
    const line = index + 1;
    const parsed = parseEntry(entryText);
    if ('error' in parsed) {
      const quoted =
        entryText.length > MAX_PROBLEM_TEXT
          ? `${entryText.slice(0, MAX_PROBLEM_TEXT)}…`
          : entryText;
      problems.push({ line, text: quoted, message: parsed.error });
      return;
    }
    let byBits = tables.get(parsed.family);
    if (!byBits) tables.set(parsed.family, (byBits = new Map()));
    let byKey = byBits.get(parsed.bits);
    if (!byKey) byBits.set(parsed.bits, (byKey = new Map()));
    const key = prefixKey(parsed.bytes, parsed.bits);
    if (!byKey.has(key)) {
      byKey.set(key, { text: entryText, line });
      size += 1;
    }
  });
  // Longest prefix first, so the most specific entry is the one named in the message.
  const ordered = new Map<Family, [number, Map<string, BlocklistEntry>][]>();
  for (const [family, byBits] of tables) {
    ordered.set(
      family,
      [...byBits.entries()].sort((a, b) => b[0] - a[0]),
    );
  }
  return {
    size,
    problems,
    match(address: string): BlocklistEntry | null {
      if (ordered.size === 0) return null;
      const parsed = addressBytes(address);
      if (!parsed) return null;
      for (const [bits, byKey] of ordered.get(parsed.family) ?? []) {
        const entry = byKey.get(prefixKey(parsed.bytes, bits));
        if (entry) return entry;
      }
      return null;
    },
  };
}

export const EMPTY_BLOCKLIST: Blocklist = parseBlocklist('');

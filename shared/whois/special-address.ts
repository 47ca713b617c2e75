// Addresses that have no public owner: answered locally, with no network traffic (no whois, no
// RDAP, no IP-database lookup). Ranges come from ipaddr.js's tables of the IANA special-purpose
// registries (RFC 6890): https://www.iana.org/assignments/iana-ipv4-special-registry
import ipaddr from 'ipaddr.js';
import { memoizeBounded } from '../bounded-memo';

const LABELS: Record<string, string> = {
  unspecified: 'unspecified address',
  broadcast: 'broadcast address',
  multicast: 'multicast address',
  linkLocal: 'link-local address',
  loopback: 'loopback address (this machine)',
  carrierGradeNat: 'carrier-grade NAT shared address (RFC 6598)',
  private: 'private network (RFC 1918)',
  reserved: 'reserved or documentation range',
  uniqueLocal: 'unique local address (RFC 4193)',
  deprecatedSiteLocal: 'site-local address (deprecated)',
  discard: 'discard-only prefix (RFC 6666)',
  benchmarking: 'benchmarking range (RFC 5180)',
};

export interface ParsedAddress {
  /** Normalised text: IPv4 dotted quad, IPv6 compressed (RFC 5952), IPv4-mapped as IPv4. */
  address: string;
  family: 4 | 6;
  /** A human label when the address is special (no public owner), else null. */
  special: string | null;
}

/**
 * Parse an address as people and the kernel write it; null when it is not an IP address.
 * Memoized (enrichers ask for the same peers on every row): treat the answer as read-only.
 */
export const parseAddress: (text: string) => Readonly<ParsedAddress> | null =
  memoizeBounded(parseAddressUncached);

function parseAddressUncached(text: string): ParsedAddress | null {
  // Drop an IPv6 zone ("fe80::1%eth0"). indexOf, not /%.*$/: that retries from every "%".
  const zone = text.indexOf('%');
  const trimmed = (zone === -1 ? text : text.slice(0, zone)).trim();
  if (!ipaddr.isValid(trimmed)) return null;
  // ipaddr.isValid accepts legacy forms ("127.1", "0x7f.1"); people mean dotted quads.
  if (!trimmed.includes(':') && !ipaddr.IPv4.isValidFourPartDecimal(trimmed)) return null;
  let parsed = ipaddr.parse(trimmed);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  const range = parsed.range();
  return {
    address: parsed.toString(),
    family: parsed.kind() === 'ipv4' ? 4 : 6,
    special: LABELS[range] ?? null,
  };
}

/** True when the address has a public owner worth looking up. */
export function isPublicAddress(text: string): boolean {
  const parsed = parseAddress(text);
  return parsed !== null && parsed.special === null;
}

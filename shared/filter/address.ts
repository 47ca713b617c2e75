// Address terms (`remote:`, `local:`): a CIDR range, one IP address, or a piece of text. Uses
// ipaddr.js, which runs in the renderer too. Row addresses are already written the way people
// write them (RFC 5952 compressed IPv6, IPv4-mapped shown as IPv4), so a single IP compares as a
// string; only CIDR needs to parse the row's address, and those parses are cached per string.
import ipaddr from 'ipaddr.js';
import { FilterSyntaxError } from './tokenize';

type Address = ipaddr.IPv4 | ipaddr.IPv6;
export type AddressMatcher = (address: string | null, hostName: string | null) => boolean;

/** Parse an address strictly: IPv4 only in dotted four-part decimal (ipaddr accepts "10" too). */
function parseStrict(text: string): Address | null {
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return ipaddr.IPv4.parse(text);
  if (ipaddr.IPv6.isValid(text)) return ipaddr.IPv6.parse(text);
  return null;
}

/** IPv4-mapped IPv6 (::ffff:a.b.c.d) becomes the IPv4 address, as the table shows it. */
function unmap(address: Address): Address {
  if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress()) {
    return (address as ipaddr.IPv6).toIPv4Address();
  }
  return address;
}

export function addressText(address: Address): string {
  const plain = unmap(address);
  return plain.kind() === 'ipv6' ? (plain as ipaddr.IPv6).toRFC5952String() : plain.toString();
}

// Address strings repeat a lot across rows and keystrokes; cap the cache so a long session with
// churning remote addresses cannot grow it without bound.
const parsed = new Map<string, Address | null>();
const PARSE_CACHE_LIMIT = 50_000;

function parseRowAddress(text: string): Address | null {
  let address = parsed.get(text);
  if (address === undefined) {
    address = parseStrict(text);
    if (address) address = unmap(address);
    if (parsed.size >= PARSE_CACHE_LIMIT) parsed.clear();
    parsed.set(text, address);
  }
  return address;
}

const DOTTED_QUAD_LIKE = /^\d{1,3}(\.\d{1,3}){3}$/;

/** True when `value` is meant as an IP address (even a plain word: `::1`, `beef::1`). */
export function isIpAddressText(value: string): boolean {
  return parseStrict(value) !== null;
}

/**
 * Compiles the value of `remote:` / `local:`. `valueStart` is used for error positions.
 * With `matchHostName`, text also matches the row's host name (remote side only).
 */
export function compileAddress(
  field: string,
  value: string,
  valueStart: number,
  matchHostName: boolean,
): AddressMatcher {
  if (value.includes('/')) {
    const slash = value.indexOf('/');
    const base = parseStrict(value.slice(0, slash));
    const bitsText = value.slice(slash + 1);
    const bits = /^\d{1,3}$/.test(bitsText) ? Number(bitsText) : NaN;
    if (!base) {
      throw new FilterSyntaxError(
        `${field}: "${value.slice(0, slash)}" is not an IP address (write a range like 10.0.0.0/8 or fd00::/8)`,
        valueStart,
      );
    }
    const maxBits = base.kind() === 'ipv4' ? 32 : 128;
    if (!(bits >= 0 && bits <= maxBits)) {
      throw new FilterSyntaxError(
        `${field}: the prefix length after "/" must be 0 to ${maxBits} for ${base.kind() === 'ipv4' ? 'IPv4' : 'IPv6'}`,
        valueStart + slash + 1,
      );
    }
    // ::ffff:10.0.0.0/104 is the IPv4 range 10.0.0.0/8 as the table shows it.
    let range: [Address, number] = [base, bits];
    if (base.kind() === 'ipv6' && (base as ipaddr.IPv6).isIPv4MappedAddress() && bits >= 96) {
      range = [(base as ipaddr.IPv6).toIPv4Address(), bits - 96];
    }
    const [rangeBase, rangeBits] = range;
    return (address) => {
      if (address === null) return false;
      const row = parseRowAddress(address);
      return row !== null && row.kind() === rangeBase.kind() && row.match(rangeBase, rangeBits);
    };
  }
  const ip = parseStrict(value);
  if (ip) {
    const wanted = addressText(ip);
    return (address) => address !== null && address.toLowerCase() === wanted;
  }
  if (DOTTED_QUAD_LIKE.test(value)) {
    throw new FilterSyntaxError(
      `${field}: "${value}" is not a valid IPv4 address (each part is 0 to 255)`,
      valueStart,
    );
  }
  const needle = value.toLowerCase();
  return (address, hostName) =>
    (address !== null && address.toLowerCase().includes(needle)) ||
    (matchHostName && hostName !== null && hostName.toLowerCase().includes(needle));
}

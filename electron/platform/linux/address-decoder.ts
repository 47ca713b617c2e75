// Addresses in /proc/net/{tcp,udp}{,6} are the kernel's in-memory bytes printed as 32-bit words
// with %08X, so on a little-endian host every 4-byte group comes out reversed:
//   IPv4: one word   "0100007F"                         -> bytes 7F 00 00 01 -> 127.0.0.1
//   IPv6: four words "B80D0120000000000000000001000000" -> 20 01 0D B8 … 00 00 00 01 -> 2001:db8::1
// (net/ipv4/tcp_ipv4.c get_tcp4_sock, net/ipv6/tcp_ipv6.c get_tcp6_sock:
// https://github.com/torvalds/linux/blob/master/net/ipv6/tcp_ipv6.c)
import ipaddr from 'ipaddr.js';

const HEX8 = /^[0-9A-Fa-f]{8}$/;
const HEX32 = /^[0-9A-Fa-f]{32}$/;

/** Bytes of one printed 32-bit word, in memory order. */
function wordBytes(hex: string, offset: number, littleEndian: boolean, out: number[]): void {
  const word = Number.parseInt(hex.slice(offset, offset + 8), 16);
  if (littleEndian) {
    out.push(word & 0xff, (word >>> 8) & 0xff, (word >>> 16) & 0xff, word >>> 24);
  } else {
    out.push(word >>> 24, (word >>> 16) & 0xff, (word >>> 8) & 0xff, word & 0xff);
  }
}

/**
 * Decode a /proc/net address as people write it, or null when the text is not an address.
 * IPv6 is compressed per RFC 5952; an IPv4-mapped IPv6 address (::ffff:a.b.c.d, a v4 peer on a
 * dual-stack socket) is shown as the IPv4 address.
 *   decodeProcNetAddress("0100007F")                          -> "127.0.0.1"
 *   decodeProcNetAddress("0000000000000000FFFF00000100007F")  -> "127.0.0.1"
 *   decodeProcNetAddress("00000000000000000000000001000000")  -> "::1"
 */
export function decodeProcNetAddress(hex: string, littleEndian = true): string | null {
  const bytes: number[] = [];
  if (hex.length === 8 && HEX8.test(hex)) {
    wordBytes(hex, 0, littleEndian, bytes);
    return bytes.join('.');
  }
  if (hex.length === 32 && HEX32.test(hex)) {
    for (let offset = 0; offset < 32; offset += 8) wordBytes(hex, offset, littleEndian, bytes);
    const address = new ipaddr.IPv6(bytes);
    if (address.isIPv4MappedAddress()) return address.toIPv4Address().toString();
    return address.toRFC5952String();
  }
  return null;
}

/**
 * decodeProcNetAddress with a bounded memo: a busy machine has few distinct addresses but
 * thousands of rows, so a poll of 10,000 rows decodes only the addresses it has not seen.
 * When full, the oldest entries go first (Map keeps insertion order).
 */
export class AddressDecoder {
  private readonly cache = new Map<string, string | null>();

  constructor(
    private readonly maxEntries = 8192,
    private readonly littleEndian = true,
  ) {}

  decode(hex: string): string | null {
    const cached = this.cache.get(hex);
    if (cached !== undefined) return cached;
    const decoded = decodeProcNetAddress(hex, this.littleEndian);
    if (this.cache.size >= this.maxEntries) {
      const oldest = this.cache.keys().next();
      if (!oldest.done) this.cache.delete(oldest.value);
    }
    this.cache.set(hex, decoded);
    return decoded;
  }

  get size(): number {
    return this.cache.size;
  }
}

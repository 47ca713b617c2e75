// Socket addresses as the OS tables hold them (network byte order: 4 bytes for IPv4, 16 for IPv6;
// Linux's sock_diag and Windows' MIB_*ROW_OWNER_PID alike) to the text people read, exactly as the
// /proc reader writes them (linux/address-decoder.ts): IPv6 compressed per RFC 5952, an
// IPv4-mapped IPv6 address (a v4 peer on a dual-stack socket) shown as the IPv4 address. A table of 10,000 sockets holds a few dozen distinct addresses, so each
// distinct address is formatted once and remembered (bounded: cleared when full).
import ipaddr from 'ipaddr.js';

export class AddressText {
  private readonly v4 = new Map<number, string>();
  private readonly v6 = new Map<string, string>();

  constructor(private readonly maxEntries = 8192) {}

  /** The IPv4 address in bytes[offset, offset + 4). */
  ipv4(bytes: Uint8Array, offset: number): string {
    // A key that is the address itself: no string is made for an address already seen.
    const key =
      (bytes[offset]! << 24) |
      (bytes[offset + 1]! << 16) |
      (bytes[offset + 2]! << 8) |
      bytes[offset + 3]!;
    let text = this.v4.get(key);
    if (text === undefined) {
      text = `${bytes[offset]}.${bytes[offset + 1]}.${bytes[offset + 2]}.${bytes[offset + 3]}`;
      if (this.v4.size >= this.maxEntries) this.v4.clear();
      this.v4.set(key, text);
    }
    return text;
  }

  /** The IPv6 address in bytes[offset, offset + 16). */
  ipv6(bytes: Uint8Array, offset: number): string {
    if (isV4Mapped(bytes, offset)) return this.ipv4(bytes, offset + 12);
    const key = String.fromCharCode(
      (bytes[offset]! << 8) | bytes[offset + 1]!,
      (bytes[offset + 2]! << 8) | bytes[offset + 3]!,
      (bytes[offset + 4]! << 8) | bytes[offset + 5]!,
      (bytes[offset + 6]! << 8) | bytes[offset + 7]!,
      (bytes[offset + 8]! << 8) | bytes[offset + 9]!,
      (bytes[offset + 10]! << 8) | bytes[offset + 11]!,
      (bytes[offset + 12]! << 8) | bytes[offset + 13]!,
      (bytes[offset + 14]! << 8) | bytes[offset + 15]!,
    );
    let text = this.v6.get(key);
    if (text === undefined) {
      text = new ipaddr.IPv6(Array.from(bytes.subarray(offset, offset + 16))).toRFC5952String();
      if (this.v6.size >= this.maxEntries) this.v6.clear();
      this.v6.set(key, text);
    }
    return text;
  }
}

/** ::ffff:a.b.c.d (RFC 4291 section 2.5.5.2). */
function isV4Mapped(bytes: Uint8Array, offset: number): boolean {
  for (let i = 0; i < 10; i++) if (bytes[offset + i] !== 0) return false;
  return bytes[offset + 10] === 0xff && bytes[offset + 11] === 0xff;
}

/** True when the `length` bytes at offset are all zero (the kernel's "no address"). */
export function isZeroAddress(bytes: Uint8Array, offset: number, length: number): boolean {
  for (let i = 0; i < length; i++) if (bytes[offset + i] !== 0) return false;
  return true;
}

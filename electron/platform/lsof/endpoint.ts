// Socket endpoints as the command-line tools print them, read back into the model's form.
//   lsof -n -P (every Unix): "127.0.0.1:8080", "[::1]:8080", "*:8080", "*:*"
//     (lsof print.c printinaddr: an unspecified address prints "*", port 0 prints "*", IPv6 in
//     brackets; https://github.com/lsof-org/lsof/blob/master/src/print.c)
//   net-tools netstat -n (Linux): "127.0.0.1:8080", "::1:8080", ":::8080", "0.0.0.0:*"
//   BSD netstat -n (macOS): "127.0.0.1.8080", "::1.8080", "*.8080", "*.*", "fe80::1%lo0.5353"
// The model writes addresses as people do (shared/model.ts): IPv6 compressed per RFC 5952, an
// IPv4-mapped IPv6 address as the IPv4 address, no zone; the unspecified address as 0.0.0.0 or ::
// by the socket's family.
import ipaddr from 'ipaddr.js';
import { memoizeBounded } from '../../../shared/bounded-memo';
import type { IpFamily } from '../../../shared/model';

/** One side of a socket: address null for "*" (unspecified), port null for "*" (none). */
export interface Endpoint {
  address: string | null;
  port: number | null;
}

/**
 * An address as the model writes it, or undefined when the text is not an IP address.
 *   normalizeAddress("::ffff:127.0.0.1")   -> "127.0.0.1"
 *   normalizeAddress("2001:0db8::0001")    -> "2001:db8::1"
 *   normalizeAddress("fe80::1%en0")        -> "fe80::1"
 *   normalizeAddress("fe80:4::1")          -> "fe80::1"
 * The last one: BSD kernels (KAME) keep a link-local address's interface index in its second
 * 16-bit group, and tools that print the kernel's bytes as they are show it there. Real
 * link-local addresses have zeros in that group (fe80::/64, RFC 4291 §2.5.6), so it is cleared.
 */
export const normalizeAddress = memoizeBounded((text: string): string | undefined => {
  const withoutZone = text.includes('%') ? text.slice(0, text.indexOf('%')) : text;
  if (!ipaddr.isValid(withoutZone)) return undefined;
  const parsed = ipaddr.parse(withoutZone);
  if (parsed.kind() === 'ipv4') {
    // ipaddr.js also accepts "127.1" and "0x7f.1"; tools print dotted quads only.
    return ipaddr.IPv4.isValidFourPartDecimal(withoutZone) ? parsed.toString() : undefined;
  }
  const v6 = parsed as ipaddr.IPv6;
  if (v6.isIPv4MappedAddress()) return v6.toIPv4Address().toString();
  const parts = v6.parts;
  if ((parts[0]! & 0xffc0) === 0xfe80 && parts[1] !== 0) {
    return new ipaddr.IPv6([parts[0]!, 0, ...parts.slice(2)]).toRFC5952String();
  }
  return v6.toRFC5952String();
});

/** The unspecified address of a family, as the model writes it. */
export function anyAddress(family: IpFamily): string {
  return family === 6 ? '::' : '0.0.0.0';
}

/** True for 0.0.0.0 and :: (however written): "any address" in a listener or an unset peer. */
export function isUnspecified(address: string): boolean {
  return address === '0.0.0.0' || address === '::';
}

/** A decimal port 0..65535, null for "*", undefined for anything else (no regex: per socket). */
function portOf(text: string): number | null | undefined {
  if (text === '*') return null;
  if (text.length === 0 || text.length > 5) return undefined;
  let port = 0;
  for (let i = 0; i < text.length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return undefined;
    port = port * 10 + digit;
  }
  return port <= 65535 ? port : undefined;
}

function hostOf(text: string): string | null | undefined {
  if (text === '*') return null;
  return normalizeAddress(text);
}

/**
 * One endpoint as lsof prints it ("host:port", IPv6 host in brackets), or undefined when the text
 * is not one.
 *   parseColonEndpoint("[::1]:8080") -> { address: "::1", port: 8080 }
 *   parseColonEndpoint("*:*")        -> { address: null, port: null }
 */
export function parseColonEndpoint(text: string): Endpoint | undefined {
  let hostText: string;
  let portText: string;
  if (text.startsWith('[')) {
    const close = text.indexOf(']:');
    if (close === -1) return undefined;
    hostText = text.slice(1, close);
    portText = text.slice(close + 2);
  } else {
    const colon = text.lastIndexOf(':');
    if (colon <= 0) return undefined;
    hostText = text.slice(0, colon);
    portText = text.slice(colon + 1);
  }
  return endpointOf(hostText, portText);
}

/**
 * One endpoint as a netstat prints it: the port after the last `separator` (":" for Linux
 * net-tools, "." for BSD netstat), IPv6 without brackets.
 *   parseSeparatedEndpoint(":::8080", ":")        -> { address: "::", port: 8080 }
 *   parseSeparatedEndpoint("fe80::1%lo0.5353", ".") -> { address: "fe80::1", port: 5353 }
 */
export function parseSeparatedEndpoint(text: string, separator: ':' | '.'): Endpoint | undefined {
  const cut = text.lastIndexOf(separator);
  if (cut <= 0) return undefined;
  return endpointOf(text.slice(0, cut), text.slice(cut + 1));
}

function endpointOf(hostText: string, portText: string): Endpoint | undefined {
  const address = hostOf(hostText);
  const port = portOf(portText);
  if (address === undefined || port === undefined) return undefined;
  return { address, port };
}

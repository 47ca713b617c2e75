// Where a server may send Portscope next (issue 13.8). RDAP servers redirect (RFC 7480 §5.2) and
// whois servers refer onwards; both are outside parties, and a redirect or referral to
// http://127.0.0.1:6379/, a router's admin page on 192.168.1.1 or a link-local metadata service
// would make Portscope send requests inside the person's network on a stranger's say-so. So:
//   - a redirect is followed to https only;
//   - a redirect or referral never reaches a private, loopback, link-local or other special
//     address (shared/whois/special-address.ts), checked on the address actually connected to
//     (literal IPs before connecting, host names in the DNS lookup itself, so a name that
//     resolves to 127.0.0.1 is caught too);
//   - unless the configured server itself is local (a lab, a corporate mirror, the tests'
//     loopback servers): then local targets, and plain http between local servers, are allowed.
import dns from 'node:dns';
import type { LookupFunction } from 'node:net';
import net from 'node:net';
import { isPublicAddress } from '../../../shared/whois/special-address';

/** Which addresses count as public (tests pass their own to stand in for the internet). */
export type AddressPolicy = (address: string) => boolean;
export const defaultAddressPolicy: AddressPolicy = isPublicAddress;

/** A redirect or referral Portscope does not follow, with the reason in words. */
export class OutboundRefused extends Error {
  override name = 'OutboundRefused';
}

/**
 * What one hop may reach: 'any' (the configured server, or anything once it is local), 'public'
 * (a redirect or referral from a public server), 'local' (plain http from a local server: it may
 * not carry the request out to the internet unencrypted).
 */
export interface HopPolicy {
  reach: 'any' | 'public' | 'local';
  isPublic: AddressPolicy;
}

function allows(hop: HopPolicy, address: string): boolean {
  if (hop.reach === 'any') return true;
  return hop.isPublic(address) === (hop.reach === 'public');
}

const bare = (host: string) => host.replace(/^\[|\]$/g, '');

/** Throws OutboundRefused when `host` is a literal address this hop may not reach. */
export function checkLiteralHost(host: string, hop: HopPolicy, what: string): void {
  const address = bare(host);
  if (net.isIP(address) === 0) return;
  if (!allows(hop, address)) throw refused(hop, what, address);
}

function refused(hop: HopPolicy, what: string, address: string): OutboundRefused {
  return new OutboundRefused(
    hop.reach === 'local'
      ? `${what} sends plain http to ${address}, outside the local network: not followed ` +
          '(only https leaves it)'
      : `${what} points to ${address}, a private, loopback or otherwise local address: not ` +
          'followed (only the configured server may be local)',
  );
}

/**
 * A dns.lookup for net/http that keeps only the addresses this hop may reach, and fails with
 * OutboundRefused when none is left: the check is on the very addresses connected to.
 */
export function guardedLookup(hop: HopPolicy, what: string): LookupFunction | undefined {
  if (hop.reach === 'any') return undefined;
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, found) => {
      if (error) {
        callback(error, '', 4);
        return;
      }
      const allowed = found.filter((entry) => allows(hop, entry.address));
      if (allowed.length === 0) {
        callback(refused(hop, what, found[0]?.address ?? hostname), '', 4);
        return;
      }
      if (options.all) (callback as (e: null, a: dns.LookupAddress[]) => void)(null, allowed);
      else callback(null, allowed[0]!.address, allowed[0]!.family);
    });
  };
}

/**
 * The policy for a redirect from `from` to `to`, or OutboundRefused. `originLocal`: the
 * configured server (the first hop) was reached on a local address.
 */
export function redirectHop(
  from: URL,
  to: URL,
  originLocal: boolean,
  isPublic: AddressPolicy,
): HopPolicy {
  if (to.protocol === 'https:') return { reach: originLocal ? 'any' : 'public', isPublic };
  if (to.protocol === 'http:' && originLocal) return { reach: 'local', isPublic };
  throw new OutboundRefused(
    `${from.host} redirected to a ${to.protocol}// URL (${to.host}): only https redirects are followed`,
  );
}

/** The policy for a whois referral, after the configured server was reached (`originLocal`). */
export function referralHop(originLocal: boolean, isPublic: AddressPolicy): HopPolicy {
  return { reach: originLocal ? 'any' : 'public', isPublic };
}

/** Whether the first hop's connected address was local. */
export function isLocalAddress(address: string | undefined, isPublic: AddressPolicy): boolean {
  return address !== undefined && !isPublic(address);
}

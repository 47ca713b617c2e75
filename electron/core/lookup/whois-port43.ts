// Port-43 whois with referrals: ask the first server (whois.iana.org), follow `refer:` /
// `whois:` and ARIN's `ReferralServer: whois://host[:port]` to the registry that holds the
// record. A hop limit and a visited set stop loops; the last good answer is the one summarised.
import { splitHostPort, type LookupSettings } from '../../../shared/whois/lookup-settings';
import { readWhoisReply, type WhoisReplyReading } from '../../../shared/whois/parse-whois';
import type { WhoisFields } from '../../../shared/whois/types';
import {
  defaultAddressPolicy,
  isLocalAddress,
  referralHop,
  type AddressPolicy,
  type HopPolicy,
} from './outbound-guard';
import { queryWhoisServer, type WhoisQueryOptions, type WhoisQueryResult } from './whois-socket';

export interface Port43Answer {
  fields: WhoisFields;
  raw: string;
  /** Servers asked in order, "host:port". */
  servers: string[];
  truncated: boolean;
  notes: string[];
}

export interface Port43Deps {
  query?: (options: WhoisQueryOptions) => Promise<WhoisQueryResult>;
  /** Waits for this server's turn (per-server pacing). */
  pace?: (server: string) => Promise<void>;
  /** Reads a reply (the reply-parser worker in the app); in this thread when omitted. */
  read?: (text: string) => Promise<WhoisReplyReading>;
  /** Which addresses count as public (tests stand in for the internet). */
  isPublicAddress?: AddressPolicy;
}

/**
 * What to send. ARIN answers a bare address with a short list; "n + ADDRESS" asks for the
 * network with full details (https://www.arin.net/resources/registry/whois/rws/cli/).
 */
export function whoisQueryFor(host: string, address: string): string {
  return host.toLowerCase() === 'whois.arin.net' ? `n + ${address}` : address;
}

export async function lookupPort43(
  address: string,
  settings: Pick<
    LookupSettings,
    'whoisServer' | 'connectTimeoutMs' | 'totalTimeoutMs' | 'maxResponseBytes' | 'maxReferrals'
  >,
  deps: Port43Deps = {},
): Promise<Port43Answer> {
  const query = deps.query ?? queryWhoisServer;
  const read = deps.read ?? ((text: string) => Promise.resolve(readWhoisReply(text)));
  let next: { host: string; port: number } | null = splitHostPort(settings.whoisServer, 43);
  const visited = new Set<string>();
  const servers: string[] = [];
  const notes: string[] = [];
  let last: { server: string; result: WhoisQueryResult; reading: WhoisReplyReading } | null = null;
  let referrals = 0;
  const isPublic = deps.isPublicAddress ?? defaultAddressPolicy;
  // The configured server may be anywhere; a referral may be local only if it was (a stranger's
  // reply must not send Portscope into the local network: outbound-guard.ts).
  let hop: HopPolicy = { reach: 'any', isPublic };

  while (next) {
    const server = `${next.host}:${next.port}`;
    const key = server.toLowerCase();
    if (visited.has(key)) {
      notes.push(`referral loop: ${server} was already asked; stopped there`);
      break;
    }
    visited.add(key);
    servers.push(server);
    await deps.pace?.(key);
    let result: WhoisQueryResult;
    try {
      result = await query({
        host: next.host,
        port: next.port,
        query: whoisQueryFor(next.host, address),
        connectTimeoutMs: settings.connectTimeoutMs,
        totalTimeoutMs: settings.totalTimeoutMs,
        maxBytes: settings.maxResponseBytes,
        hop,
      });
    } catch (error) {
      if (!last) throw error;
      notes.push(
        `referral to ${server} failed (${(error as Error).message}); showing ${last.server}'s answer`,
      );
      break;
    }
    // A server that hangs up without a word has not answered: not an empty record to show (and
    // cache, so that a passing failure would stick), but a failure like a refused connection.
    if (result.text.trim() === '') {
      const silence = `${server} closed the connection without an answer`;
      if (!last) throw new Error(silence);
      notes.push(`${silence}; showing ${last.server}'s answer`);
      break;
    }
    if (last === null) hop = referralHop(isLocalAddress(result.remoteAddress, isPublic), isPublic);
    const reading = await read(result.text);
    last = { server, result, reading };
    if (result.truncated === 'size') {
      notes.push(`${server} sent more than ${settings.maxResponseBytes} bytes; the reply was cut`);
    } else if (result.truncated === 'time') {
      notes.push(
        `${server} was still sending after ${settings.totalTimeoutMs} ms; the reply was cut`,
      );
    }
    const unfollowed = reading.unfollowed;
    if (unfollowed)
      notes.push(`${server} refers to ${unfollowed}, which is not a whois server; not followed`);
    const referral = result.truncated ? null : reading.referral;
    if (!referral) break;
    if (referrals >= settings.maxReferrals) {
      notes.push(
        `stopped after ${referrals} referrals (limit); ${server} refers further to ${referral.host}`,
      );
      break;
    }
    referrals += 1;
    next = referral;
  }

  // `last` is set: the first query either succeeded or threw above.
  const answer = last!;
  return {
    fields: answer.reading.fields,
    raw: answer.result.text,
    servers,
    truncated: answer.result.truncated !== null,
    notes,
  };
}

// RDAP lookup of an IP address (RFC 9082 §3.1.1: GET {base}ip/{address}), summarised with the
// shared parser. Any failure throws RdapLookupError so the caller can fall back to port 43.
import { rdapIpUrl } from '../../../shared/whois/rdap-bootstrap';
import type { WhoisFields } from '../../../shared/whois/types';
import { httpGetBounded, type HttpGetOptions } from './http-get';
import { readRdapReply, type RdapReading } from './reply-reading';

export class RdapLookupError extends Error {
  override name = 'RdapLookupError';
}

export interface RdapAnswer {
  fields: WhoisFields;
  raw: string;
  server: string;
}

/** Reads a reply body (the reply-parser worker in the app); in this thread when omitted. */
export type RdapRead = (body: string, serverHost: string | null) => Promise<RdapReading>;

const readInThisThread: RdapRead = (body, serverHost) =>
  Promise.resolve().then(() => readRdapReply(body, serverHost));

export async function lookupRdap(
  address: string,
  baseUrls: string[],
  options: Omit<HttpGetOptions, 'accept'>,
  pace?: (server: string) => Promise<void>,
  read: RdapRead = readInThisThread,
): Promise<RdapAnswer> {
  const errors: string[] = [];
  // Only the preferred (https) URL: trying the http twin after a timeout would double the wait.
  for (const base of baseUrls.slice(0, 1)) {
    const url = rdapIpUrl(base, address);
    const host = new URL(url).host;
    try {
      await pace?.(host.toLowerCase());
      const reply = await httpGetBounded(url, {
        ...options,
        accept: 'application/rdap+json, application/json;q=0.9',
      });
      if (reply.status === 404) throw new RdapLookupError(`${host} has no record for ${address}`);
      if (reply.status !== 200) throw new RdapLookupError(`${host} answered HTTP ${reply.status}`);
      if (reply.truncated) {
        throw new RdapLookupError(`${host} sent more than ${options.maxBytes} bytes`);
      }
      const finalHost = new URL(reply.finalUrl).hostname;
      let reading: RdapReading;
      try {
        reading = await read(reply.body.toString('utf8'), finalHost);
      } catch (error) {
        if ((error as Error).name === 'MalformedJsonError') {
          throw new RdapLookupError(`${host} sent malformed JSON`);
        }
        throw error;
      }
      return {
        fields: reading.fields,
        raw: reading.raw,
        server: finalHost === new URL(url).hostname ? host : `${host} → ${finalHost}`,
      };
    } catch (error) {
      errors.push((error as Error).message);
    }
  }
  throw new RdapLookupError(errors.join('; ') || 'no RDAP server to ask');
}

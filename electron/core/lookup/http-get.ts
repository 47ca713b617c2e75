// A bounded HTTP(S) GET for RDAP and the bootstrap refresh: connect timeout, total timeout, byte
// cap, a few redirects (RDAP servers redirect to the registry that holds the record, RFC 7480 §5.2)
// followed only to https and never into the local network unless the configured server is local
// itself (outbound-guard.ts).
import http from 'node:http';
import https from 'node:https';
import {
  OutboundRefused,
  checkLiteralHost,
  defaultAddressPolicy,
  guardedLookup,
  isLocalAddress,
  redirectHop,
  type AddressPolicy,
  type HopPolicy,
} from './outbound-guard';

export interface HttpGetOptions {
  connectTimeoutMs: number;
  totalTimeoutMs: number;
  maxBytes: number;
  accept: string;
  maxRedirects?: number;
  /** Which addresses count as public; tests stand in for the internet with their own. */
  isPublicAddress?: AddressPolicy;
}

export interface HttpGetResult {
  status: number;
  body: Buffer;
  truncated: boolean;
  finalUrl: string;
}

export class HttpGetError extends Error {
  override name = 'HttpGetError';
}

export async function httpGetBounded(url: string, options: HttpGetOptions): Promise<HttpGetResult> {
  let current = url;
  const deadline = Date.now() + options.totalTimeoutMs;
  const isPublic = options.isPublicAddress ?? defaultAddressPolicy;
  // The configured server may be anywhere; where it sends us next depends on where it was.
  let hop: HopPolicy = { reach: 'any', isPublic };
  let what = hostOf(url);
  let originLocal = false;
  for (let redirects = 0; ; redirects += 1) {
    const result = await getOnce(current, options, deadline, hop, what);
    if (redirects === 0) originLocal = isLocalAddress(result.remoteAddress, isPublic);
    if ('location' in result) {
      if (redirects >= (options.maxRedirects ?? 3)) {
        throw new HttpGetError(`${hostOf(url)}: too many redirects`);
      }
      const from = new URL(current);
      const to = new URL(result.location);
      try {
        hop = redirectHop(from, to, originLocal, isPublic);
      } catch (error) {
        throw new HttpGetError((error as Error).message);
      }
      what = `the redirect from ${from.host} to ${to.host}`;
      current = result.location;
      continue;
    }
    return result;
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** Where the hop's socket connected: tells whether the configured server is local. */
type Hop<T> = T & { remoteAddress?: string };

function getOnce(
  url: string,
  options: HttpGetOptions,
  deadline: number,
  hop: HopPolicy,
  what: string,
): Promise<Hop<HttpGetResult> | Hop<{ location: string }>> {
  return new Promise((resolve, reject) => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      reject(new HttpGetError(`not a URL: ${url}`));
      return;
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      reject(new HttpGetError(`only http and https URLs are fetched, not ${parsed.protocol}`));
      return;
    }
    const host = parsed.host;
    try {
      checkLiteralHost(parsed.hostname, hop, what);
    } catch (error) {
      reject(new HttpGetError((error as Error).message));
      return;
    }
    const client = parsed.protocol === 'https:' ? https : http;
    let remoteAddress: string | undefined;
    let settled = false;
    const chunks: Buffer[] = [];
    let received = 0;
    const done = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(connectTimer);
      clearTimeout(totalTimer);
      fn();
    };
    const request = client.get(parsed, {
      headers: { accept: options.accept, 'user-agent': 'Portscope' },
      agent: false,
      lookup: guardedLookup(hop, what),
    });
    const connectTimer = setTimeout(() => {
      done(() =>
        reject(
          new HttpGetError(`could not connect to ${host} within ${options.connectTimeoutMs} ms`),
        ),
      );
      request.destroy();
    }, options.connectTimeoutMs);
    const totalTimer = setTimeout(
      () => {
        done(() =>
          reject(new HttpGetError(`${host} did not answer within ${options.totalTimeoutMs} ms`)),
        );
        request.destroy();
      },
      Math.max(0, deadline - Date.now()),
    );
    request.on('socket', (socket) => {
      socket.once('connect', () => (remoteAddress = socket.remoteAddress));
      socket.once(parsed.protocol === 'https:' ? 'secureConnect' : 'connect', () =>
        clearTimeout(connectTimer),
      );
    });
    request.on('response', (response) => {
      clearTimeout(connectTimer);
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (status >= 300 && status < 400 && location) {
        response.resume();
        done(() => resolve({ location: new URL(location, parsed).toString(), remoteAddress }));
        request.destroy();
        return;
      }
      response.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        received += chunk.length;
        if (received >= options.maxBytes) {
          done(() =>
            resolve({
              status,
              body: Buffer.concat(chunks).subarray(0, options.maxBytes),
              truncated: true,
              finalUrl: url,
              remoteAddress,
            }),
          );
          request.destroy();
        }
      });
      response.on('end', () =>
        done(() =>
          resolve({
            status,
            body: Buffer.concat(chunks),
            truncated: false,
            finalUrl: url,
            remoteAddress,
          }),
        ),
      );
      response.on('error', (error) =>
        done(() => reject(new HttpGetError(`${host}: ${error.message}`))),
      );
    });
    request.on('error', (error: NodeJS.ErrnoException) =>
      done(() =>
        reject(
          new HttpGetError(
            error instanceof OutboundRefused
              ? error.message
              : error.code === 'ECONNREFUSED'
                ? `${host} refused the connection`
                : error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN'
                  ? `cannot resolve ${parsed.hostname}: offline, or DNS does not work`
                  : `${host}: ${error.message}`,
          ),
        ),
      ),
    );
  });
}
